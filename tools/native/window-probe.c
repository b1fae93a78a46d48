/*
 * How many instructions of a kind fit behind a stalled load (after H. Wong's ROB probe): two independent DRAM pointer
 * chases separated by N fillers. While both misses fit in the window they overlap and a pair costs about one DRAM
 * latency; past the size of the structure the filler fills, a pair costs two.
 *
 *   vec  independent `vpaddd ymm` (vector physical registers)
 *   int  independent `add r64`     (integer physical registers)
 *   nop  `nop`                     (reorder buffer only)
 *   dep  `vpaddd ymm` that read the missing load's value (they wait in the scheduler)
 *
 * Build: gcc -O2 -mavx2 -o /tmp/window-probe tools/native/window-probe.c
 * Run:   /tmp/window-probe [vec|int|nop]      (one 512 MiB chase array, madvised to 2 MiB pages; pinned to CPU 0)
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define VEC8 " vpaddd %%ymm15,%%ymm2,%%ymm2\n vpaddd %%ymm15,%%ymm3,%%ymm3\n vpaddd %%ymm15,%%ymm4,%%ymm4\n" \
    " vpaddd %%ymm15,%%ymm5,%%ymm5\n vpaddd %%ymm15,%%ymm6,%%ymm6\n vpaddd %%ymm15,%%ymm7,%%ymm7\n"          \
    " vpaddd %%ymm15,%%ymm8,%%ymm8\n vpaddd %%ymm15,%%ymm9,%%ymm9\n"
#define INT8 " add %%rbx,%%r8\n add %%rbx,%%r9\n add %%rbx,%%r10\n add %%rbx,%%r11\n add %%rbx,%%r12\n" \
    " add %%rbx,%%r13\n add %%rbx,%%r14\n add %%rbx,%%r15\n"
#define NOP8 " nop\n nop\n nop\n nop\n nop\n nop\n nop\n nop\n"
#define DEP8 " vpaddd %%ymm14,%%ymm2,%%ymm2\n vpaddd %%ymm14,%%ymm3,%%ymm3\n vpaddd %%ymm14,%%ymm4,%%ymm4\n" \
    " vpaddd %%ymm14,%%ymm5,%%ymm5\n vpaddd %%ymm14,%%ymm6,%%ymm6\n vpaddd %%ymm14,%%ymm7,%%ymm7\n"          \
    " vpaddd %%ymm14,%%ymm8,%%ymm8\n vpaddd %%ymm14,%%ymm9,%%ymm9\n"
#define CLOBBERS "memory", "rbx", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "ymm2", "ymm3", "ymm4", \
    "ymm5", "ymm6", "ymm7", "ymm8", "ymm9", "ymm14"
/* dep: the fillers read ymm14, which the vmovq after each load makes wait for that load */
#define PROBE(KIND, FILL, N)                                                                                  \
    static void KIND##N(void **p, void **q, long iterations) {                                               \
        asm volatile("1:\n mov (%0),%0\n vmovq %0,%%xmm14\n .rept " #N "/8\n" FILL " .endr\n mov (%1),%1\n"      \
                     " vmovq %1,%%xmm14\n .rept " #N "/8\n" FILL " .endr\n dec %2\n jnz 1b\n"                       \
                     : "+r"(p), "+r"(q), "+r"(iterations)::CLOBBERS);                                           \
    }
#define SIZES(KIND, FILL) PROBE(KIND, FILL, 16) PROBE(KIND, FILL, 64) PROBE(KIND, FILL, 128) PROBE(KIND, FILL, 192) \
    PROBE(KIND, FILL, 224) PROBE(KIND, FILL, 256) PROBE(KIND, FILL, 272) PROBE(KIND, FILL, 288)                  \
    PROBE(KIND, FILL, 320) PROBE(KIND, FILL, 384) PROBE(KIND, FILL, 448) PROBE(KIND, FILL, 480)                  \
    PROBE(KIND, FILL, 512) PROBE(KIND, FILL, 544) PROBE(KIND, FILL, 608)
SIZES(vec, VEC8)
SIZES(int, INT8)
SIZES(nop, NOP8)
PROBE(dep, DEP8, 32) PROBE(dep, DEP8, 48) PROBE(dep, DEP8, 64) PROBE(dep, DEP8, 80) PROBE(dep, DEP8, 96)
PROBE(dep, DEP8, 104) PROBE(dep, DEP8, 112) PROBE(dep, DEP8, 120) PROBE(dep, DEP8, 136) PROBE(dep, DEP8, 160)

struct probe { const char *kind; int fillers; void (*run)(void **, void **, long); };
#define ROW(KIND) {#KIND, 16, KIND##16}, {#KIND, 64, KIND##64}, {#KIND, 128, KIND##128}, {#KIND, 192, KIND##192}, \
    {#KIND, 224, KIND##224}, {#KIND, 256, KIND##256}, {#KIND, 272, KIND##272}, {#KIND, 288, KIND##288},         \
    {#KIND, 320, KIND##320}, {#KIND, 384, KIND##384}, {#KIND, 448, KIND##448}, {#KIND, 480, KIND##480},         \
    {#KIND, 512, KIND##512}, {#KIND, 544, KIND##544}, {#KIND, 608, KIND##608}
static const struct probe probes[] = {ROW(vec), ROW(int), ROW(nop), {"dep", 32, dep32}, {"dep", 48, dep48},
    {"dep", 64, dep64}, {"dep", 80, dep80}, {"dep", 96, dep96}, {"dep", 104, dep104}, {"dep", 112, dep112}, {"dep", 120, dep120},
    {"dep", 136, dep136}, {"dep", 160, dep160}};

static long long now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    size_t bytes = 512ul << 20, lines = bytes / 64;
    char *base;
    if (posix_memalign((void **)&base, 2u << 20, bytes) != 0) { perror("posix_memalign"); return 1; }
    madvise(base, bytes, MADV_HUGEPAGE);
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    CPU_SET(0, &cpus);
    sched_setaffinity(0, sizeof cpus, &cpus);
    size_t *order = malloc(lines * sizeof *order);
    for (size_t i = 0; i < lines; i++) order[i] = i;
    srand(1);
    for (size_t i = lines - 1; i > 0; i--) {
        size_t j = ((size_t)rand() * RAND_MAX + rand()) % (i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < lines; i++) *(void **)(base + order[i] * 64) = base + order[(i + 1) % lines] * 64;
    void *p = base + order[0] * 64, *q = base + order[lines / 2] * 64;
    const long iterations = 200000;
    for (size_t v = 0; v < sizeof probes / sizeof *probes; v++) {
        if (argc > 1 && strcmp(argv[1], probes[v].kind) != 0) continue;
        double best = 1e30;
        for (int round = 0; round < 3; round++) {
            long long t0 = now();
            probes[v].run(&p, &q, iterations);
            double ns = (double)(now() - t0) / iterations;
            if (ns < best) best = ns;
        }
        printf("%s %4d: %7.1f ns per pair of misses\n", probes[v].kind, probes[v].fillers, best);
        fflush(stdout);
    }
    return 0;
}
