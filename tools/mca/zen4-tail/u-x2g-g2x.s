.intel_syntax noprefix
.Lblock:
    vmovd eax, xmm8
    vmovd xmm2, r8d
    vmovd edx, xmm9
    vmovd xmm3, r8d
    vmovd eax, xmm8
    vmovd xmm2, r8d
    vmovd edx, xmm9
    vmovd xmm3, r8d
    dec rcx
    jne .Lblock
