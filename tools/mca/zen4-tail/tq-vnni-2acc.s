.intel_syntax noprefix
.Lblock:
    vpxor xmm1, xmm1, xmm1
    vpxor xmm7, xmm7, xmm7
    vbroadcasti64x4 zmm2, ymmword ptr [rsi]
    vpsrlvw zmm3, zmm2, zmm13
    vpsrlvw zmm2, zmm2, zmm12
    vpandd zmm3, zmm3, zmm15
    vpandd zmm2, zmm2, zmm15
    vmovdqu8 zmm4, zmmword ptr [rdi + 4]
    vmovdqu8 zmm5, zmmword ptr [rdi + 68]
    vpdpbusd zmm1, zmm3, zmm4
    vpdpbusd zmm7, zmm2, zmm5
    vbroadcasti64x4 zmm2, ymmword ptr [rsi + 32]
    vpsrlvw zmm3, zmm2, zmm13
    vpsrlvw zmm2, zmm2, zmm12
    vpandd zmm3, zmm3, zmm15
    vpandd zmm2, zmm2, zmm15
    vmovdqu8 zmm4, zmmword ptr [rdi + 132]
    vmovdqu8 zmm5, zmmword ptr [rdi + 196]
    vpdpbusd zmm1, zmm3, zmm4
    vpdpbusd zmm7, zmm2, zmm5
    add rsi, 66
    add rdi, 292
    dec rcx
    jne .Lblock
