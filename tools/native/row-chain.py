#!/usr/bin/env python3
# Probe: does this CPU overlap a dependency chain at the end of each "row" with the next row's loop?
# Writes a C file of six row kernels (a 20-iteration, 19-instruction loop at ~4.7 instructions per cycle, then an
# optional chain: three vdivps after a vpmaddwd/vcvtdq2ps, or twelve imul, ending in a store), builds nothing itself.
#   python3 tools/native/row-chain.py > /tmp/row-chain.c && gcc -O2 -mavx2 -o /tmp/row-chain /tmp/row-chain.c && /tmp/row-chain
# With the argument "sweep", chains of k dependent imul or vpmaddwd (3 cycles each; vpmaddwd also without the store)
# for k = 2 ... 32, so that the part of a chain the core hides behind the next row shows as an intercept, after the
# vec and int loops and "vld" (vec with four of its vector operations turned into loads). The same loop and
# vpmaddwd chains run on the core model in org.ternsim.sim.bench.RowChainProbeMain.
# Prints cycles per row (best of 30 runs of 8192 rows, clock from a dependent-add probe) for each loop x chain;
# the chain's cost is <loop>_<chain> minus <loop>_none. Loops: "vec" writes 14 vector registers per iteration,
# "int" 4 (the rest are scalar adds), at the same instruction count.
import sys

LOOPS = {
    'vec': ["vmovdqu (%rsi), %ymm0", "vmovdqu 32(%rsi), %ymm1", "vpand %ymm15, %ymm0, %ymm2",
            "vpand %ymm15, %ymm1, %ymm3", "vpsrlw $2, %ymm0, %ymm0", "vpsrlw $2, %ymm1, %ymm1",
            "vpmaddubsw %ymm2, %ymm14, %ymm2", "vpmaddubsw %ymm3, %ymm14, %ymm3", "vpand %ymm15, %ymm0, %ymm0",
            "vpand %ymm15, %ymm1, %ymm1", "vpmaddubsw %ymm0, %ymm14, %ymm0", "vpmaddubsw %ymm1, %ymm14, %ymm1",
            "vpaddw %ymm2, %ymm4, %ymm4", "vpaddw %ymm3, %ymm5, %ymm5", "vpaddw %ymm0, %ymm6, %ymm6",
            "vpaddw %ymm1, %ymm7, %ymm7"],
    'int': ["vmovdqu (%rsi), %ymm0", "vmovdqu 32(%rsi), %ymm1"]
           + ["add $1, %" + r for r in ("r10", "r11", "rdx", "rbx") * 3][:10]
           + ["vpaddw %ymm0, %ymm4, %ymm4", "vpaddw %ymm1, %ymm5, %ymm5", "add $1, %rdx", "add $1, %rbx"],
}
CHAINS = {
    'none': [],
    'div3': ["vpaddw %ymm5, %ymm4, %ymm4", "vpmaddwd %ymm13, %ymm4, %ymm8", "vcvtdq2ps %ymm8, %ymm8"]
            + ["vdivps %ymm12, %ymm8, %ymm8"] * 3 + ["vmovss %xmm8, (%rdi)"],
    'imul12': ["vmovd %xmm4, %eax"] + ["imul %eax, %eax"] * 12 + ["mov %eax, (%rdi)"],
}
if sys.argv[1:] == ['sweep']:
    # "vld": four of vec's vector ALU operations become loads
    LOOPS['vld'] = LOOPS['vec'][:2] + ['vmovdqu %d(%%rsi), %%ymm%d' % (64 + 32 * i, 6 + i) for i in range(4)] \
        + LOOPS['vec'][6:]
    CHAINS = {'none': []}
    for k in (2, 4, 6, 8, 12, 16, 24, 32):
        CHAINS['imul%d' % k] = ['vmovd %xmm4, %eax'] + ['imul %eax, %eax'] * k + ['mov %eax, (%rdi)']
        CHAINS['madd%d' % k] = ['vpaddw %ymm5, %ymm4, %ymm4'] + ['vpmaddwd %ymm13, %ymm4, %ymm4'] * k \
            + ['vmovss %xmm4, (%rdi)']
        # the same chain without the store: its result stays in a register
        CHAINS['nost%d' % k] = ['vpaddw %ymm5, %ymm4, %ymm4'] + ['vpmaddwd %ymm13, %ymm4, %ymm4'] * k \
            + ['vmovdqa %ymm4, %ymm8']
CLOBBERS = ('"rax","rbx","rcx","rdx","rsi","rdi","r8","r9","r10","r11","memory","cc",'
            + ','.join('"xmm%d"' % i for i in range(10)))

lines = ['#include <stdio.h>', '#include <time.h>',
         'static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }',
         'static char buf[4096] __attribute__((aligned(64)));', 'static float out[1 << 16];']
names = []
for loop, body in LOOPS.items():
    for chain, tail in CHAINS.items():
        name = loop + '_' + chain
        names.append(name)
        asm = ['.p2align 6', '0:', 'vpxor %ymm4, %ymm4, %ymm4', 'vpxor %ymm5, %ymm5, %ymm5', 'mov %r9, %rsi',
               'mov $20, %ecx', '.p2align 6', '1:'] + body + ['add $64, %rsi', 'dec %ecx', 'jnz 1b'] + tail \
              + ['add $4, %rdi', 'dec %r8', 'jnz 0b']
        text = '\\n\\t'.join(a.replace('%', '%%') for a in asm)
        lines.append('static void %s(long rows, float *o) { __asm__ volatile("mov %%0, %%%%r8\\n\\tmov %%1, %%%%rdi\\n\\t'
                     'mov %%2, %%%%r9\\n\\t%s" :: "r"(rows), "r"(o), "r"(buf) : %s); }' % (name, text, CLOBBERS))
lines.append('int main(void) {')
lines.append('    long rows = 8192;')
lines.append('    for (int rep = 0; rep < 3; rep++) {')
lines.append('        long n = 100000000, x = 0; double t0 = now();')
lines.append('        for (long i = 0; i < n; i++) __asm__ volatile("add $1, %0\\n\\tadd $1, %0\\n\\tadd $1, %0\\n\\tadd $1, %0" : "+r"(x));')
lines.append('        double ghz = 4.0 * n / (now() - t0) / 1e9;')
lines.append('        printf("clock %.2f GHz, cycles per row:", ghz);')
for name in names:
    lines.append('        { double best = 1e9; for (int t = 0; t < 30; t++) { double s = now(); %s(rows, out);'
                 ' double c = (now() - s) * ghz * 1e9 / rows; if (c < best) best = c; } printf(" %s %%.1f", best); }'
                 % (name, name))
lines.append('        printf("\\n");')
lines.append('    }')
lines.append('}')
print('\n'.join(lines))
