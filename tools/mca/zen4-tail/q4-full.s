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
    vextracti128 xmm2, ymm1, 1
    vpaddd xmm1, xmm1, xmm2
    vpshufd xmm2, xmm1, 78
    vpaddd xmm1, xmm1, xmm2
    vpshufd xmm2, xmm1, 1
    vpaddd xmm1, xmm1, xmm2
    vmovd eax, xmm1
    vcvtsi2ss xmm1, xmm1, eax
    movzx eax, word ptr [rsi]
    vmovd xmm2, eax
    vcvtph2ps xmm2, xmm2
    movzx eax, word ptr [rdi]
    vmovd xmm3, eax
    vcvtph2ps xmm3, xmm3
    vmulss xmm2, xmm2, xmm3
    vmulss xmm1, xmm1, xmm2
    vaddss xmm0, xmm0, xmm1
    add rsi, 18
    add rdi, 34
    dec rcx
    jne .Lblock
