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
    vextracti64x4 ymm6, zmm8, 1
    vpaddd ymm7, ymm8, ymm9
    vextracti128 xmm10, ymm8, 1
    vpaddd xmm11, xmm8, xmm9
    vpshufd xmm14, xmm9, 78
    vpaddd xmm6, xmm8, xmm9
    vpshufd xmm7, xmm9, 1
    vpaddd xmm10, xmm8, xmm9
    vmovd eax, xmm8
    vcvtsi2ss xmm11, xmm8, edx
    movzx eax, word ptr [rsi + 64]
    vmovd xmm14, r8d
    vcvtph2ps xmm6, xmm9
    vmulss xmm7, xmm9, dword ptr [rdi]
    vmulss xmm10, xmm8, xmm9
    vaddss xmm0, xmm0, xmm9
    add rsi, 66
    add rdi, 292
    dec rcx
    jne .Lblock
