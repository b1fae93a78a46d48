.intel_syntax noprefix
.Lblock:
    vmovd xmm1, r8d
    vmovd xmm2, r8d
    vmovd xmm3, r8d
    vmovd xmm4, r8d
    vmovd xmm1, r8d
    vmovd xmm2, r8d
    vmovd xmm3, r8d
    vmovd xmm4, r8d
    dec rcx
    jne .Lblock
