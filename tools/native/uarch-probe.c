/*
 * Throughput probes of this host's core: independent loads and vector ops of each width, alone and mixed, timed
 * with CLOCK_MONOTONIC and converted to core cycles with a dependent-add clock probe (a VM has no cycle counter).
 * They decide which timing table describes the machine (docs/validation.md, "Memory"; configs/hw/zen5-2c.yaml,
 * xeon-gnr-2c.yaml). The mixed rows show what the port tables alone predict and a host may not reach: on the
 * Intel Xeon dev VM, loads and ALU ops that each run at full rate alone slow each other down when mixed
 * (docs/validation.md, "Memory: simulated vs measured (xeon-gnr-2c)").
 * Build and run: gcc -O2 -mavx512f -mavx512bw -mavx512vnni -o /tmp/uarch-probe tools/native/uarch-probe.c && /tmp/uarch-probe
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

static long long now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/*
 * The core clock: 4 dependent 1-cycle register adds per iteration; the fastest of 25 short probes (preemption only
 * slows). Not immediate adds: Golden Cove-class Intel cores fold those at rename (native-harness.c).
 */
static double ghz(void) {
    double best = 0;
    for (int k = 0; k < 25; k++) {
        long n = 250000, x = 0, one = 1;
        long long t0 = now();
        __asm__ volatile("1: add %2,%0\n add %2,%0\n add %2,%0\n add %2,%0\n sub $1,%1\n jnz 1b"
                         : "+r"(x), "+r"(n) : "r"(one));
        double g = 4.0 * 250000 / (now() - t0);
        if (g > best) best = g;
    }
    return best;
}

static char buf[1 << 16] __attribute__((aligned(64)));
#define N 2000000L
#define CLOBBERS "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm15", \
    "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13"
/* Best of 7 runs of N iterations of the body, in core cycles per iteration. */
#define BENCH(name, body) { double best = 1e99; for (int r = 0; r < 7; r++) { long n = N; char *p = buf; \
    long long t0 = now(); \
    __asm__ volatile("vpxord %%zmm15,%%zmm15,%%zmm15\n1:\n" body "\n dec %0\n jnz 1b" : "+r"(n) : "r"(p) : CLOBBERS); \
    double t = now() - t0; if (t < best) best = t; } \
    double g = ghz(); printf("%-34s %.2f cycles/iter (%.2f GHz)\n", name, best * g / N, g); }

int main(void) {
    memset(buf, 1, sizeof buf);
 
 BENCH("4x zmm load (same line pairs)", "vmovdqu64 (%1),%%zmm0\n vmovdqu64 64(%1),%%zmm1\n vmovdqu64 128(%1),%%zmm2\n vmovdqu64 192(%1),%%zmm3")
 BENCH("8x zmm load", "vmovdqu64 (%1),%%zmm0\n vmovdqu64 64(%1),%%zmm1\n vmovdqu64 128(%1),%%zmm2\n vmovdqu64 192(%1),%%zmm3\n vmovdqu64 256(%1),%%zmm4\n vmovdqu64 320(%1),%%zmm5\n vmovdqu64 384(%1),%%zmm6\n vmovdqu64 448(%1),%%zmm7")
 BENCH("8x ymm load", "vmovdqu (%1),%%ymm0\n vmovdqu 32(%1),%%ymm1\n vmovdqu 64(%1),%%ymm2\n vmovdqu 96(%1),%%ymm3\n vmovdqu 128(%1),%%ymm4\n vmovdqu 160(%1),%%ymm5\n vmovdqu 192(%1),%%ymm6\n vmovdqu 224(%1),%%ymm7")
 BENCH("8x xmm load", "vmovdqu (%1),%%xmm0\n vmovdqu 16(%1),%%xmm1\n vmovdqu 32(%1),%%xmm2\n vmovdqu 48(%1),%%xmm3\n vmovdqu 64(%1),%%xmm4\n vmovdqu 80(%1),%%xmm5\n vmovdqu 96(%1),%%xmm6\n vmovdqu 112(%1),%%xmm7")
 BENCH("8x r64 load", "mov (%1),%%rax\n mov 8(%1),%%rbx\n mov 16(%1),%%rcx\n mov 24(%1),%%rdx\n mov 32(%1),%%rsi\n mov 40(%1),%%rdi\n mov 48(%1),%%r8\n mov 56(%1),%%r9")
 /* Mixed: each half alone runs at its port bound (2 zmm loads, 2 zmm adds, 3 ymm loads, 3 ymm adds per cycle). */
 BENCH("4x zmm load + 4x vpaddq zmm", "vmovdqu64 (%1),%%zmm0\n vpaddq %%zmm15,%%zmm15,%%zmm4\n vmovdqu64 64(%1),%%zmm1\n vpaddq %%zmm15,%%zmm15,%%zmm5\n vmovdqu64 128(%1),%%zmm2\n vpaddq %%zmm15,%%zmm15,%%zmm6\n vmovdqu64 192(%1),%%zmm3\n vpaddq %%zmm15,%%zmm15,%%zmm7")
 BENCH("6x ymm load + 6x vpaddq ymm", "vmovdqu (%1),%%ymm0\n vpaddq %%ymm15,%%ymm15,%%ymm6\n vmovdqu 32(%1),%%ymm1\n vpaddq %%ymm15,%%ymm15,%%ymm7\n vmovdqu 64(%1),%%ymm2\n vpaddq %%ymm15,%%ymm15,%%ymm6\n vmovdqu 96(%1),%%ymm3\n vpaddq %%ymm15,%%ymm15,%%ymm7\n vmovdqu 128(%1),%%ymm4\n vpaddq %%ymm15,%%ymm15,%%ymm6\n vmovdqu 160(%1),%%ymm5\n vpaddq %%ymm15,%%ymm15,%%ymm7")
 BENCH("6x ymm load + 6x add r64", "vmovdqu (%1),%%ymm0\n add %%r8,%%r9\n vmovdqu 32(%1),%%ymm1\n add %%r8,%%r10\n vmovdqu 64(%1),%%ymm2\n add %%r8,%%r11\n vmovdqu 96(%1),%%ymm3\n add %%r8,%%r12\n vmovdqu 128(%1),%%ymm4\n add %%r8,%%r13\n vmovdqu 160(%1),%%ymm5\n add %%r8,%%rax")
 BENCH("4x zmm vpaddq load-op", "vpaddq (%1),%%zmm0,%%zmm0\n vpaddq 64(%1),%%zmm1,%%zmm1\n vpaddq 128(%1),%%zmm2,%%zmm2\n vpaddq 192(%1),%%zmm3,%%zmm3")
 
 BENCH("8x vpaddq zmm indep", "vpaddq %%zmm15,%%zmm15,%%zmm0\n vpaddq %%zmm15,%%zmm15,%%zmm1\n vpaddq %%zmm15,%%zmm15,%%zmm2\n vpaddq %%zmm15,%%zmm15,%%zmm3\n vpaddq %%zmm15,%%zmm15,%%zmm4\n vpaddq %%zmm15,%%zmm15,%%zmm5\n vpaddq %%zmm15,%%zmm15,%%zmm6\n vpaddq %%zmm15,%%zmm15,%%zmm7")
 BENCH("8x vpaddq ymm indep", "vpaddq %%ymm15,%%ymm15,%%ymm0\n vpaddq %%ymm15,%%ymm15,%%ymm1\n vpaddq %%ymm15,%%ymm15,%%ymm2\n vpaddq %%ymm15,%%ymm15,%%ymm3\n vpaddq %%ymm15,%%ymm15,%%ymm4\n vpaddq %%ymm15,%%ymm15,%%ymm5\n vpaddq %%ymm15,%%ymm15,%%ymm6\n vpaddq %%ymm15,%%ymm15,%%ymm7")
 BENCH("8x vpdpbusd zmm indep", "vpdpbusd %%zmm15,%%zmm15,%%zmm0\n vpdpbusd %%zmm15,%%zmm15,%%zmm1\n vpdpbusd %%zmm15,%%zmm15,%%zmm2\n vpdpbusd %%zmm15,%%zmm15,%%zmm3\n vpdpbusd %%zmm15,%%zmm15,%%zmm4\n vpdpbusd %%zmm15,%%zmm15,%%zmm5\n vpdpbusd %%zmm15,%%zmm15,%%zmm6\n vpdpbusd %%zmm15,%%zmm15,%%zmm7")
 BENCH("8x vpmaddubsw ymm indep", "vpmaddubsw %%ymm15,%%ymm15,%%ymm0\n vpmaddubsw %%ymm15,%%ymm15,%%ymm1\n vpmaddubsw %%ymm15,%%ymm15,%%ymm2\n vpmaddubsw %%ymm15,%%ymm15,%%ymm3\n vpmaddubsw %%ymm15,%%ymm15,%%ymm4\n vpmaddubsw %%ymm15,%%ymm15,%%ymm5\n vpmaddubsw %%ymm15,%%ymm15,%%ymm6\n vpmaddubsw %%ymm15,%%ymm15,%%ymm7")
 BENCH("8x vpmaddubsw zmm indep", "vpmaddubsw %%zmm15,%%zmm15,%%zmm0\n vpmaddubsw %%zmm15,%%zmm15,%%zmm1\n vpmaddubsw %%zmm15,%%zmm15,%%zmm2\n vpmaddubsw %%zmm15,%%zmm15,%%zmm3\n vpmaddubsw %%zmm15,%%zmm15,%%zmm4\n vpmaddubsw %%zmm15,%%zmm15,%%zmm5\n vpmaddubsw %%zmm15,%%zmm15,%%zmm6\n vpmaddubsw %%zmm15,%%zmm15,%%zmm7")
     return 0;
}
