# Generates I2_S GEMV row-loop variants (32 rows, T blocks per row; T<0 = unrolled) with different per-row epilogues,
# and x.c that times them (best of 1001, cycles at the probed clock). Usage: python3 gen.py setN.txt; see README.md.
import sys
# generate variant: name, trips T, epilogue kind
PRO = """ push rbx
    mov rsi, 4294967296
    mov rdx, 17179869184
    mov r8, 32
    mov r9, 12884967424
    vmovdqu ymm15, ymmword ptr [r9]
    vmovdqu ymm14, ymmword ptr [r9 + 32]
    mov r9, 12884901888
    mov r11d, dword ptr [r9]
    vcvtsi2ss xmm12, xmm12, r11d
    vmovss xmm11, dword ptr [r9 + 4]
    mov r9, 4294977536
    vmovss xmm10, dword ptr [r9]
"""
BODY = """    vmovdqu ymm2, ymmword ptr [rsi]
    vpsrlw ymm3, ymm2, 6
    vpsrlw ymm4, ymm2, 4
    vpsrlw ymm5, ymm2, 2
    vpand ymm3, ymm3, ymm15
    vpand ymm4, ymm4, ymm15
    vpand ymm5, ymm5, ymm15
    vpand ymm2, ymm2, ymm15
    vmovdqu ymm6, ymmword ptr [rdi]
    vmovdqu ymm7, ymmword ptr [rdi + 32]
    vmovdqu ymm8, ymmword ptr [rdi + 64]
    vmovdqu ymm9, ymmword ptr [rdi + 96]
    vpmaddubsw ymm3, ymm3, ymm6
    vpmaddubsw ymm4, ymm4, ymm7
    vpmaddubsw ymm5, ymm5, ymm8
    vpmaddubsw ymm2, ymm2, ymm9
    vpaddw ymm3, ymm3, ymm4
    vpaddw ymm5, ymm5, ymm2
    vpaddw ymm1, ymm1, ymm3
    vpaddw ymm1, ymm1, ymm5
    add rsi, 32
    add rdi, 128
"""
FULL = """    vpmaddwd ymm1, ymm1, ymm14
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
    vmovss dword ptr [rdx], xmm1
"""
def epi(kind):
    k, _, n = kind.partition(':'); n = int(n or 0)
    if k == 'full': return FULL
    if k == 'none': return ''
    if k == 'vadd':   # n dependent 1-cycle vector ops on the loop result
        return "    vpmaddwd ymm0, ymm1, ymm14\n" + "    vpaddd xmm0, xmm0, xmm14\n"*n
    if k == 'vaddc':  # same chain, but from a constant (independent of loop)
        return "    vpxor xmm0, xmm0, xmm0\n" + "    vpaddd xmm0, xmm0, xmm14\n"*n
    if k == 'div':   # n dependent vdivss from loop result
        return "    vpmaddwd ymm0, ymm1, ymm14\n" + "    vdivss xmm0, xmm0, xmm11\n"*n
    if k == 'imul':  # integer chain from loop result
        return "    vmovd r10d, xmm1\n" + "    imul r10, r10\n"*n
    if k == 'lf': return "    lfence\n"
    if k == 'fulllf': return FULL + "    lfence\n"
    if k == 'addc':
        return "    mov r10, 3\n" + "    add r10, r10\n"*n
    if k == 'xdom':  # cross-domain ping-pong chain from constant: n x (vmovd r10d,xmm0 ; vmovd xmm0,r10d)
        return "    vpxor xmm0, xmm0, xmm0\n" + "    vmovd r10d, xmm0\n    vmovd xmm0, r10d\n"*n
    if k == 'imulc': # integer chain from constant
        return "    mov r10, 3\n" + "    imul r10, r10\n"*n
    if k == 'indep': # n independent vector ops (no chain)
        return "".join(f"    vpaddd xmm{2+i%8}, xmm14, xmm15\n" for i in range(n))
    if k == 'fill':  # full epilogue followed by n independent scalar ops
        return FULL + "    add r11, 1\n"*n
    if k == 'vfill':
        return FULL + "".join(f"    vpaddd xmm{2+i%8}, xmm14, xmm15\n" for i in range(n))
    if k == 'divfan':  # 4 dependent vdivss from a constant, then n vector ops each waiting on the chain's result
        return "    vmovaps ymm0, ymm11\n" + "    vdivss xmm0, xmm0, xmm11\n"*4 + "    vpaddd xmm13, xmm0, xmm14\n"*n
    if k == 'divffan':  # same, the n waiting ops are FP adds (vaddss) instead of integer vector adds
        return "    vmovaps ymm0, ymm11\n" + "    vdivss xmm0, xmm0, xmm11\n"*4 + "    vaddss xmm13, xmm0, xmm11\n"*n
    if k == 'divifan':  # 4 vdivss, vmovd to a GPR, then n integer ops waiting on it
        return ("    vmovaps ymm0, ymm11\n" + "    vdivss xmm0, xmm0, xmm11\n"*4 + "    vmovd r10d, xmm0\n"
                + "".join(f"    lea r9, [r10+{i%7+1}]\n" for i in range(n)))
    if k == 'imulfan':  # 15 dependent imul (45 cycles) from a constant, then n integer ops waiting on it
        return "    mov r10, 3\n" + "    imul r10, r10\n"*15 + "".join(f"    lea r9, [r10+{i%7+1}]\n" for i in range(n))
    if k == 'imulvfan':  # 15 imul, vmovd into xmm0, then n vector ops waiting on it
        return "    mov r10, 3\n" + "    imul r10, r10\n"*15 + "    vmovd xmm0, r10d\n" + "    vpaddd xmm13, xmm0, xmm14\n"*n
    if k == 'fpepi':  # the real epilogue without the FP->int->FP round trip (vmovd + vcvtsi2ss, 9 cycles) replaced
        # by FP-only ops of the same latency (vcvtdq2ps 3 + vaddss 3 + vaddss 3)
        return FULL.replace("    vmovd r10d, xmm0\n    vcvtsi2ss xmm1, xmm1, r10d\n",
                            "    vcvtdq2ps ymm1, ymm0\n    vaddss xmm1, xmm1, xmm12\n    vaddss xmm1, xmm1, xmm12\n")
    if k == 'vmadd':  # n dependent vpmaddwd (3 cycles each, FP0/FP3) from a constant
        return "    vpxor xmm0, xmm0, xmm0\n" + "    vpmaddwd ymm0, ymm0, ymm14\n"*n
    if k == 'fullns':  # the real epilogue without its store
        return FULL.replace("    vmovss dword ptr [rdx], xmm1\n", "")
    if k == 'fullst':  # the real epilogue storing a constant instead of the chain's result (store data ready early)
        return FULL.replace("    vmovss dword ptr [rdx], xmm1\n", "    vmovss dword ptr [rdx], xmm10\n")
    if k == 'full3':  # the real epilogue with its six 1-cycle steps (6 cycles) replaced by two 3-cycle vpmaddwd
        return FULL.replace("""    vpaddd ymm0, ymm0, ymm1
    vextracti128 xmm1, ymm0, 1
    vpaddd xmm0, xmm0, xmm1
    vpunpckhqdq xmm1, xmm0, xmm0
    vpaddd xmm0, xmm0, xmm1
    vpshufd xmm1, xmm0, 1
    vpaddd xmm0, xmm0, xmm1
""", """    vpmaddwd ymm0, ymm1, ymm14
    vextracti128 xmm1, ymm0, 1
    vpmaddwd ymm0, ymm1, ymm14
""")
    raise SystemExit(kind)
FOLD = '\n'.join(l for l in BODY.split('\n') if not l.strip().startswith('vmovdqu ymm6') and not l.strip().startswith('vmovdqu ymm7') and not l.strip().startswith('vmovdqu ymm8') and not l.strip().startswith('vmovdqu ymm9'))
FOLD = FOLD.replace('ymm3, ymm3, ymm6','ymm3, ymm3, ymmword ptr [rdi]').replace('ymm4, ymm4, ymm7','ymm4, ymm4, ymmword ptr [rdi + 32]').replace('ymm5, ymm5, ymm8','ymm5, ymm5, ymmword ptr [rdi + 64]').replace('ymm2, ymm2, ymm9','ymm2, ymm2, ymmword ptr [rdi + 96]')
NOLD = BODY.replace('vmovdqu ymm2, ymmword ptr [rsi]','vpaddb ymm2, ymm13, ymm15').replace('vmovdqu ymm6, ymmword ptr [rdi]','vpaddb ymm6, ymm13, ymm15').replace('vmovdqu ymm7, ymmword ptr [rdi + 32]','vpaddb ymm7, ymm13, ymm15').replace('vmovdqu ymm8, ymmword ptr [rdi + 64]','vpaddb ymm8, ymm13, ymm15').replace('vmovdqu ymm9, ymmword ptr [rdi + 96]','vpaddb ymm9, ymm13, ymm15')
BODIES = {'nold': NOLD, 'half': ''.join(l+'\n' for l in BODY.split('\n')[:12] if l) ,'b': BODY, 'fold': FOLD,
  'vx4': BODY + ''.join(f'    vpand ymm{10+i%2}, ymm14, ymm15\n' for i in range(4)),
  'vx8': BODY + ''.join(f'    vpand ymm{10+i%2}, ymm14, ymm15\n' for i in range(8)),
  'ix8': BODY + ''.join(f'    lea r{9+i%2}, [rcx+{i+1}]\n' for i in range(8)),
}
# loops that leave the FP side idle (`intb`: 20 independent `lea`) or use it lightly (`fp8`: 8 independent `vpaddd`)
BODIES['intb'] = ''.join(f'    lea r{9+i%2}, [rcx+{i%7+1}]\n' for i in range(20)) + '    add rsi, 32\n    add rdi, 128\n'
BODIES['fp8'] = ''.join(f'    vpaddd ymm{2+i%8}, ymm14, ymm15\n' for i in range(8)) + '    add rsi, 32\n    add rdi, 128\n'
# loop-carried chains inside the block: cN = N dependent vpaddd xmm0 per block (1 cycle each), sN = N dependent
# vpshufd (FP1/FP2 only), aN = N dependent integer adds; the block then costs max(port bound, chain) if chain ops
# get the pipes as soon as they are ready
for n in (1, 2, 3, 4, 5, 6, 8):
    BODIES[f'c{n}'] = BODY + '    vpaddd xmm0, xmm0, xmm14\n' * n
    BODIES[f's{n}'] = BODY + '    vpshufd xmm0, xmm0, 1\n' * n
    BODIES[f'a{n}'] = BODY + '    add r10, r10\n' * n
    BODIES[f'cf{n}'] = '    vpaddd xmm0, xmm0, xmm14\n' * n + BODY
    BODIES[f'm{n}'] = BODY + '    vpmaddwd xmm0, xmm0, xmm14\n' * n   # 3-cycle steps (FP0/FP3)
    BODIES[f'x{n}'] = BODY + '    vmovd r10d, xmm0\n    vmovd xmm0, r10d\n' * n   # FP<->GPR round trips
    BODIES[f'd{n}'] = BODY + '    vdivss xmm0, xmm0, xmm11\n' * n   # 11-cycle steps (FP1)
def gen(name, T, kind):
    body = BODIES['b']
    if '/' in kind: kind, b = kind.split('/'); body = BODIES[b]
    s = f".intel_syntax noprefix\n.text\n.globl {name}\n{name}:\n" + PRO
    s += f".L{name}row:\n    vpxor ymm0, ymm0, ymm0\n    mov rdi, 8589934592\n    vpxor ymm1, ymm1, ymm1\n    mov rax, {abs(T)}\n"
    k0=kind
    pre = ''
    if kind.startswith('pre-'): kind=kind[4:]; pre=epi(kind).replace('vpmaddwd ymm0, ymm1, ymm14','vpxor xmm0, xmm0, xmm0'); post=''
    else: post=epi(kind)
    if T < 0: s += pre + body*(-T) + post
    else: s += pre + f".L{name}tail:\n" + body + f"    dec rax\n    jne .L{name}tail\n" + post
    s += f"    add rdx, 4\n    dec r8\n    jne .L{name}row\n vzeroupper\n pop rbx\n ret\n.section .note.GNU-stack,\"\",@progbits\n"
    return s
variants = [l.split() for l in open(sys.argv[1]) if l.strip()]
decl = ""; calls = ""
for i, (T, kind) in enumerate(variants):
    nm = f"v{i}"
    open(f"{nm}.s", "w").write(gen(nm, int(T), kind))
    decl += f"void {nm}(void);"; calls += f' run("T={T} {kind}", {nm}, {T});'
c = open("tmpl.c").read().replace("DECL", decl).replace("CALLS", calls)
open("x.c", "w").write(c)
print(" ".join(f"v{i}.s" for i in range(len(variants))))
