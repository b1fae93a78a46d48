.intel_syntax noprefix
.Lblock:
    vmovdqu xmm2, xmmword ptr [rsi + 2]
    vpsrlw xmm3, xmm2, 4
    vinserti128 ymm2, ymm2, xmm3, 1
    vpand ymm2, ymm2, ymm15
    vpsubb ymm2, ymm2, ymm14
    vmovdqu ymm5, ymmword ptr [rdi + 2]
    vpsignb ymm3, ymm2, ymm2
    vpsignb ymm4, ymm5, ymm2
    vpxor ymm1, ymm1, ymm1
    vpdpbusd ymm1, ymm3, ymm4
    vextracti128 xmm6, ymm8, 1
    vpaddd xmm7, xmm8, xmm9
    vpshufd xmm10, xmm9, 78
    vpaddd xmm11, xmm8, xmm9
    vpshufd xmm12, xmm9, 1
    vpaddd xmm13, xmm8, xmm9
    add rsi, 18
    add rdi, 34
    dec rcx
    jne .Lblock
