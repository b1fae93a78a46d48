.intel_syntax noprefix
.Lblock:
    vcvtsi2ss xmm1, xmm8, r8d
    vcvtsi2ss xmm2, xmm8, r8d
    vcvtsi2ss xmm3, xmm8, r8d
    vcvtsi2ss xmm4, xmm8, r8d
    vcvtsi2ss xmm1, xmm8, r8d
    vcvtsi2ss xmm2, xmm8, r8d
    vcvtsi2ss xmm3, xmm8, r8d
    vcvtsi2ss xmm4, xmm8, r8d
    dec rcx
    jne .Lblock
