.intel_syntax noprefix
.Lblock:
    vcvtsi2ss xmm1, xmm8, r8d
    vcvtph2ps xmm3, xmm8
    vcvtsi2ss xmm4, xmm8, r8d
    vcvtph2ps xmm5, xmm8
    vcvtsi2ss xmm1, xmm8, r8d
    vcvtph2ps xmm3, xmm8
    vcvtsi2ss xmm4, xmm8, r8d
    vcvtph2ps xmm5, xmm8
    dec rcx
    jne .Lblock
