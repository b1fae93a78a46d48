.intel_syntax noprefix
.Lblock:
    vmovd xmm2, r8d
    vcvtsi2ss xmm1, xmm8, r8d
    vmovd xmm3, r8d
    vcvtsi2ss xmm4, xmm8, r8d
    vmovd xmm2, r8d
    vcvtsi2ss xmm1, xmm8, r8d
    vmovd xmm3, r8d
    vcvtsi2ss xmm4, xmm8, r8d
    dec rcx
    jne .Lblock
