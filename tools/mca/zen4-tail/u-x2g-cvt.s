.intel_syntax noprefix
.Lblock:
    vmovd eax, xmm8
    vcvtsi2ss xmm1, xmm8, r8d
    vmovd edx, xmm9
    vcvtsi2ss xmm4, xmm8, r8d
    vmovd eax, xmm8
    vcvtsi2ss xmm1, xmm8, r8d
    vmovd edx, xmm9
    vcvtsi2ss xmm4, xmm8, r8d
    dec rcx
    jne .Lblock
