/*
 * How a sequential stream of 64-byte lines keeps pace with work done per line, which tells whether the hardware
 * prefetchers or the core's own window bring the lines in.
 *
 *   window <MiB> [huge]   per line one ymm load and N independent `vpaddd ymm` (N = 0 ... 192), with and without a
 *                         software prefetch 16 lines ahead, and one load plus a chain of M `imul` (few instructions
 *                         for the same time). Run once at 1 MiB (L2: the time of the work alone) and once far past
 *                         the L3; if the prefetchers ran ahead of the loads, the second run would only be slower
 *                         where the stream rate is the limit.
 *   fence  <MiB> <stride> [huge]
 *                         per line one load, `lfence` (nothing runs ahead of it) and a chain of M `imul`: a line
 *                         that no prefetcher brought costs a whole memory latency.
 *
 * Build: gcc -O2 -mavx2 -Wall -o /tmp/stream-probe tools/native/stream-probe.c
 * Run:   /tmp/stream-probe window 1; /tmp/stream-probe window 512; /tmp/stream-probe fence 512 64
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

typedef void (*loop_fn)(const char *base, long lines, long stride, long *chain);
#define VEC8 " vpaddd %%ymm15,%%ymm2,%%ymm2\n vpaddd %%ymm15,%%ymm3,%%ymm3\n vpaddd %%ymm15,%%ymm4,%%ymm4\n" \
    " vpaddd %%ymm15,%%ymm5,%%ymm5\n vpaddd %%ymm15,%%ymm6,%%ymm6\n vpaddd %%ymm15,%%ymm7,%%ymm7\n"          \
    " vpaddd %%ymm15,%%ymm8,%%ymm8\n vpaddd %%ymm15,%%ymm9,%%ymm9\n"
#define YMM_CLOBBERS "ymm0", "ymm1", "ymm2", "ymm3", "ymm4", "ymm5", "ymm6", "ymm7", "ymm8", "ymm9"
#define VEC_LOOP(N, PREFETCH, NAME)                                                                             \
    static void NAME(const char *p, long n, long stride, long *chain) {                                        \
        asm volatile("1:\n vmovdqu (%0),%%ymm0\n vpaddd %%ymm0,%%ymm1,%%ymm1\n" PREFETCH " .rept " #N "/8\n" VEC8 \
                     " .endr\n add %2,%0\n dec %1\n jnz 1b\n"                                                   \
                     : "+r"(p), "+r"(n) : "r"(stride) : "memory", YMM_CLOBBERS);                                \
    }
#define VEC(N) VEC_LOOP(N, "", vec##N) VEC_LOOP(N, " prefetcht0 1024(%0)\n", vecpf##N)
#define IMUL(N)                                                                                               \
    static void imul##N(const char *p, long n, long stride, long *chain) {                                   \
        long c = *chain;                                                                                      \
        asm volatile("1:\n vmovdqu (%0),%%ymm0\n vpaddd %%ymm0,%%ymm1,%%ymm1\n .rept " #N "\n imul %2,%2\n .endr\n" \
                     " add %3,%0\n dec %1\n jnz 1b\n"                                                         \
                     : "+r"(p), "+r"(n), "+r"(c) : "r"(stride) : "memory", "ymm0", "ymm1");                   \
        *chain = c;                                                                                           \
    }
#define FENCE(N)                                                                                              \
    static void fence##N(const char *p, long n, long stride, long *chain) {                                  \
        long c = *chain;                                                                                      \
        asm volatile("1:\n mov (%0),%%r8\n lfence\n .rept " #N "\n imul %2,%2\n .endr\n add %3,%0\n dec %1\n" \
                     " jnz 1b\n" : "+r"(p), "+r"(n), "+r"(c) : "r"(stride) : "memory", "r8");                \
        *chain = c;                                                                                           \
    }
VEC(0) VEC(8) VEC(16) VEC(24) VEC(32) VEC(48) VEC(64) VEC(96) VEC(128) VEC(192)
IMUL(0) IMUL(4) IMUL(8) IMUL(16) IMUL(32) IMUL(64)
FENCE(0) FENCE(4) FENCE(8) FENCE(12) FENCE(16) FENCE(32) FENCE(64) FENCE(128)

struct loop { const char *kind; int n; loop_fn run; };
static const struct loop window_loops[] = {
    {"vpaddd", 0, vec0}, {"vpaddd+pf", 0, vecpf0}, {"vpaddd", 8, vec8}, {"vpaddd+pf", 8, vecpf8},
    {"vpaddd", 16, vec16}, {"vpaddd+pf", 16, vecpf16}, {"vpaddd", 24, vec24}, {"vpaddd+pf", 24, vecpf24},
    {"vpaddd", 32, vec32}, {"vpaddd+pf", 32, vecpf32}, {"vpaddd", 48, vec48}, {"vpaddd+pf", 48, vecpf48},
    {"vpaddd", 64, vec64}, {"vpaddd+pf", 64, vecpf64}, {"vpaddd", 96, vec96}, {"vpaddd+pf", 96, vecpf96},
    {"vpaddd", 128, vec128}, {"vpaddd+pf", 128, vecpf128}, {"vpaddd", 192, vec192}, {"vpaddd+pf", 192, vecpf192},
    {"imul", 0, imul0}, {"imul", 4, imul4}, {"imul", 8, imul8}, {"imul", 16, imul16}, {"imul", 32, imul32},
    {"imul", 64, imul64}};
static const struct loop fence_loops[] = {
    {"lfence+imul", 0, fence0}, {"lfence+imul", 4, fence4}, {"lfence+imul", 8, fence8},
    {"lfence+imul", 12, fence12}, {"lfence+imul", 16, fence16}, {"lfence+imul", 32, fence32},
    {"lfence+imul", 64, fence64}, {"lfence+imul", 128, fence128}};

static long long now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void run(const struct loop *loops, size_t count, const char *base, size_t bytes, long stride) {
    long lines = (long)(bytes / stride), repeats = bytes < (8u << 20) ? (long)((256u << 20) / bytes) : 1;
    if (stride > 64 && lines > 100000) lines = 100000;
    for (size_t v = 0; v < count; v++) {
        long chain = 3;
        double best = 1e30;
        for (int round = 0; round < 5; round++) {
            long long t0 = now();
            for (long r = 0; r < repeats; r++) loops[v].run(base, lines, stride, &chain);
            double ns = (double)(now() - t0) / repeats / lines;
            if (ns < best) best = ns;
        }
        printf("%-12s %3d: %7.2f ns per line, %6.2f GB/s\n", loops[v].kind, loops[v].n, best, 64 / best);
        fflush(stdout);
    }
}

int main(int argc, char **argv) {
    int fence = argc > 1 && strcmp(argv[1], "fence") == 0;
    if (argc < 3 || (!fence && strcmp(argv[1], "window") != 0) || (fence && argc < 4)) {
        fprintf(stderr, "usage: stream-probe window <MiB> [huge] | fence <MiB> <stride> [huge]\n");
        return 2;
    }
    size_t bytes = (size_t)atol(argv[2]) << 20;
    long stride = fence ? atol(argv[3]) : 64;
    int huge = argc > (fence ? 4 : 3) && atoi(argv[fence ? 4 : 3]) != 0;
    char *base;
    if (bytes == 0 || stride < 64 || posix_memalign((void **)&base, 2u << 20, bytes) != 0) {
        fprintf(stderr, "stream-probe: bad size or stride\n");
        return 2;
    }
    madvise(base, bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    memset(base, 1, bytes);
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    CPU_SET(0, &cpus);
    sched_setaffinity(0, sizeof cpus, &cpus);
    if (fence) run(fence_loops, sizeof fence_loops / sizeof *fence_loops, base, bytes, stride);
    else run(window_loops, sizeof window_loops / sizeof *window_loops, base, bytes, stride);
    return 0;
}
