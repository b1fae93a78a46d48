.intel_syntax noprefix
.Lblock:
    vpxor xmm1, xmm1, xmm1
    vbroadcasti64x4 zmm2, ymmword ptr [rsi]
    vpsrlvw zmm3, zmm2, zmm13
    vpsrlvw zmm2, zmm2, zmm12
    vpandd zmm3, zmm3, zmm15
    vpandd zmm2, zmm2, zmm15
    vmovdqu8 zmm4, zmmword ptr [rdi + 4]
    vmovdqu8 zmm5, zmmword ptr [rdi + 68]
    vpdpbusd zmm1, zmm3, zmm4
    vpdpbusd zmm1, zmm2, zmm5
    vbroadcasti64x4 zmm2, ymmword ptr [rsi + 32]
    vpsrlvw zmm3, zmm2, zmm13
    vpsrlvw zmm2, zmm2, zmm12
    vpandd zmm3, zmm3, zmm15
    vpandd zmm2, zmm2, zmm15
    vmovdqu8 zmm4, zmmword ptr [rdi + 132]
    vmovdqu8 zmm5, zmmword ptr [rdi + 196]
    vpdpbusd zmm1, zmm3, zmm4
    vpdpbusd zmm1, zmm2, zmm5
    vmovdqu ymm2, ymmword ptr [rdi + 260]
    vpmovsxwd zmm2, ymm2
    vpsubd zmm1, zmm1, zmm2
    vextracti64x4 ymm2, zmm1, 1
    vpaddd ymm1, ymm1, ymm2
    vextracti128 xmm2, ymm1, 1
    vpaddd xmm1, xmm1, xmm2
    vpshufd xmm2, xmm1, 78
    vpaddd xmm1, xmm1, xmm2
    vpshufd xmm2, xmm1, 1
    vpaddd xmm1, xmm1, xmm2
    vmovd eax, xmm1
    movzx eax, word ptr [rsi + 64]
    vmovd xmm2, eax
    vcvtph2ps xmm2, xmm2
    vmulss xmm2, xmm2, dword ptr [rdi]
    vmulss xmm1, xmm1, xmm2
    vaddss xmm0, xmm0, xmm1
    add rsi, 66
    add rdi, 292
    dec rcx
    jne .Lblock
