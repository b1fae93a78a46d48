.intel_syntax noprefix
.Lblock:
    vmovd eax, xmm8
    vmovd edx, xmm9
    vmovd r9d, xmm10
    vmovd r10d, xmm11
    vmovd eax, xmm8
    vmovd edx, xmm9
    vmovd r9d, xmm10
    vmovd r10d, xmm11
    dec rcx
    jne .Lblock
