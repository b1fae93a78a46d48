.intel_syntax noprefix
.Lblock:
    vcvtph2ps xmm1, xmm8
    vcvtph2ps xmm2, xmm8
    vcvtph2ps xmm3, xmm8
    vcvtph2ps xmm4, xmm8
    vcvtph2ps xmm1, xmm8
    vcvtph2ps xmm2, xmm8
    vcvtph2ps xmm3, xmm8
    vcvtph2ps xmm4, xmm8
    dec rcx
    jne .Lblock
