.intel_syntax noprefix
.text
.globl l_vpaddd, l_add, l_imul, l_div, l_xdom, l_epi
l_vpaddd: mov rax, 10000
1: vpaddd xmm0, xmm0, xmm14
 dec rax
 jnz 1b
 ret
l_add: mov rax, 10000
1: add r10, r10
 dec rax
 jnz 1b
 ret
l_imul: mov rax, 10000
1: imul r10, r10
 dec rax
 jnz 1b
 ret
l_div: mov rax, 10000
 vmovss xmm11, dword ptr [rip+one]
 vmovss xmm0, dword ptr [rip+one]
1: vdivss xmm0, xmm0, xmm11
 dec rax
 jnz 1b
 ret
l_xdom: mov rax, 10000
1: vmovd r10d, xmm0
 vmovd xmm0, r10d
 dec rax
 jnz 1b
 ret
l_epi: mov rax, 10000
 vpxor xmm1,xmm1,xmm1
 vmovss xmm11, dword ptr [rip+one]
 vmovss xmm10, dword ptr [rip+one]
 vxorps xmm12,xmm12,xmm12
1: vpmaddwd ymm1, ymm1, ymm14
    vpaddd ymm0, ymm0, ymm1
    vextracti128 xmm1, ymm0, 1
    vpaddd xmm0, xmm0, xmm1
    vpunpckhqdq xmm1, xmm0, xmm0
    vpaddd xmm0, xmm0, xmm1
    vpshufd xmm1, xmm0, 1
    vpaddd xmm0, xmm0, xmm1
    vmovd r10d, xmm0
    vcvtsi2ss xmm1, xmm1, r10d
    vsubss xmm1, xmm1, xmm12
    vdivss xmm1, xmm1, xmm11
    vmulss xmm1, xmm1, xmm10
    vpxor ymm0, ymm0, ymm0
 dec rax
 jnz 1b
 vzeroupper
 ret
.section .rodata
one: .float 1.0
.section .note.GNU-stack,"",@progbits
