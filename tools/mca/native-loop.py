#!/usr/bin/env python3
"""Times an llvm-mca input (`ternsim explain --mca-asm` text: one inner loop) on this host's core.

The loop body runs unchanged; a wrapper resets rsi and rdi (the x86 lowerings' two data pointers; a loop addressing
through other registers is not supported) every K iterations so the data stays in L1 (as llvm-mca and `ternsim
explain` assume) and sets the loop's counter register (the one `dec`-remented before the back edge) to K. Labels the text jumps to but does not define (e.g. a skip branch) go to the wrapper's continuation; the data is
bytes of 0x3c (no zero skips taken, no denormal floats). Time is CLOCK_MONOTONIC, converted to core cycles by a
dependent-add clock probe (a VM has no cycle counter); best of many runs, since other jobs share the machine.

Usage: tools/mca/native-loop.py FILE.s [--inner K] [--runs R]   prints "cycles/iter <best> (<GHz> GHz, ...)".
Needs gcc (GNU as) and a CPU with the loop's ISA.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

C_MAIN = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
extern void run_loop(long outer, char *a, char *b);
static long long now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec; }
/* Core clock: 4 dependent 1-cycle register adds per iteration; the fastest of 25 short probes (preemption only
 * slows). Not immediate adds: Golden Cove-class Intel cores fold those at rename (tools/native/uarch-probe.c). */
static double ghz(void) { double best = 0; for (int k = 0; k < 25; k++) { long n = 250000, x = 0, one = 1;
    long long t0 = now();
    __asm__ volatile("1: add %2,%0\n add %2,%0\n add %2,%0\n add %2,%0\n sub $1,%1\n jnz 1b"
                     : "+r"(x), "+r"(n) : "r"(one));
    double g = 4.0 * 250000 / (now() - t0); if (g > best) best = g; } return best; }
int main(int argc, char **argv) {
    long inner = atol(argv[1]), outer = atol(argv[2]); int runs = atoi(argv[3]);
    char *a = aligned_alloc(64, 1 << 20), *b = aligned_alloc(64, 1 << 20);
    memset(a, 0x3c, 1 << 20); memset(b, 0x3c, 1 << 20);
    double best = 1e99, g = 0;
    for (int r = 0; r < runs; r++) { long long t0 = now(); run_loop(outer, a, b); double t = now() - t0;
        if (t < best) best = t; if (r % 4 == 0) { double h = ghz(); if (h > g) g = h; } }
    printf("cycles/iter %.2f (%.2f GHz, best of %d runs of %ld x %ld iterations)\n",
        best * g / (inner * outer), g, runs, outer, inner);
    return 0; }
"""


def fail(message):
    print("native-loop: " + message, file=sys.stderr)
    sys.exit(2)


def wrap(text, inner):
    lines = [l for l in text.splitlines() if l.strip() and not l.strip().startswith(".intel_syntax")]
    defined = {l.strip()[:-1] for l in lines if l.strip().endswith(":")}
    used = set(re.findall(r"\bj\w+\s+(\.L\w+)", "\n".join(lines)))
    counter = None
    for l in lines:
        m = re.match(r"\s*dec\s+(\w+)", l)
        if m:
            counter = m.group(1)
    if counter is None:
        fail("no 'dec REG' loop counter in the text")
    counter64 = {"eax": "rax", "ecx": "rcx", "edx": "rdx"}.get(counter, counter)
    bases = set(re.findall(r"\[\s*(\w+)", "\n".join(lines))) - {"rsi", "rdi"}
    if bases:
        fail("the loop addresses memory through " + ", ".join(sorted(bases)) + "; only rsi and rdi are reset")
    out = [".intel_syntax noprefix", ".text", ".globl run_loop", "run_loop:",
           "    push rbx", "    push rbp", "    push r12", "    push r13", "    push r14", "    push r15",
           "    mov r12, rdi", "    mov r13, rsi", "    mov r14, rdx",
           ".Lwrap_outer:",
           "    mov rsi, r13", "    mov rdi, r14", f"    mov {counter64}, {inner}"]
    out += lines
    out += [f"{lab}:" for lab in sorted(used - defined)]
    out += ["    dec r12", "    jnz .Lwrap_outer", "    vzeroupper",
            "    pop r15", "    pop r14", "    pop r13", "    pop r12", "    pop rbp", "    pop rbx", "    ret",
            '.section .note.GNU-stack,"",@progbits']
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("asm")
    ap.add_argument("--inner", type=int, default=16, help="iterations between pointer resets (keep the data in L1)")
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--outer", type=int, default=2000)
    args = ap.parse_args()
    with open(args.asm) as f:
        text = f.read()
    with tempfile.TemporaryDirectory(prefix="native-loop-") as d:
        s, c, exe = os.path.join(d, "loop.s"), os.path.join(d, "main.c"), os.path.join(d, "loop")
        with open(s, "w") as f:
            f.write(wrap(text, args.inner))
        with open(c, "w") as f:
            f.write(C_MAIN)
        subprocess.run(["gcc", "-O2", "-o", exe, c, s], check=True)
        subprocess.run([exe, str(args.inner), str(args.outer), str(args.runs)], check=True)


if __name__ == "__main__":
    main()
