/*
 * Runs a TernSim kernel program (assembled from its Intel-syntax text as tk_kernel) natively on this host, the way
 * `ternsim bench native` asks: one process per thread, each with its own copy of the program's regions mapped at the
 * program's fixed addresses, all processes released together for every timed repetition.
 *
 * usage: harness <reps> <dir>...   Each dir holds regions.txt ("<hex base> <bytes> <file or -> <out 0|1>" lines);
 * the process for a dir writes out-<base>.bin for output regions after the first call, times.txt with the
 * CLOCK_MONOTONIC start and end (ns) of each timed call, and clock.txt with the core clock (GHz) probed after them. Exit 0 on success; a message on stderr otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void tk_kernel(void);

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

/*
 * The core clock, from a chain of dependent 1-cycle adds (4 per loop iteration; the loop counter runs beside them).
 * The TSC ticks at a constant rate and a VM offers no cycle counter, so this is how cycles are known. The fastest of
 * the probes is kept: preemption can only make a probe look slower. The adds take a register, not an immediate:
 * Intel's P-cores since Golden Cove fold chains of immediate adds at rename (on a Granite Rapids guest, 2026-12-04,
 * `add $1` chains ran at 14.4-16.4 "GHz" where register adds and 3-cycle imul chains agreed on 3.6-4.1 GHz).
 */
static double probe_ghz(void) {
    double best = 0;
    for (int k = 0; k < 25; k++) { /* short probes (~0.25 ms): on a busy machine some run undisturbed */
        long n = 250000, x = 0, one = 1;
        long long t0 = now_ns();
        __asm__ volatile("1: add %2, %0\n add %2, %0\n add %2, %0\n add %2, %0\n sub $1, %1\n jnz 1b"
                         : "+r"(x), "+r"(n) : "r"(one));
        double ghz = 4.0 * 250000 / (double) (now_ns() - t0);
        if (ghz > best) best = ghz;
    }
    return best;
}

struct region { unsigned long base; long bytes; int out; char file[4096]; };

static int load_regions(const char *dir, struct region *r, int max) {
    char path[4200];
    snprintf(path, sizeof path, "%s/regions.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f) { fprintf(stderr, "harness: cannot read %s: %s\n", path, strerror(errno)); return -1; }
    int n = 0;
    while (n < max && fscanf(f, "%lx %ld %4095s %d", &r[n].base, &r[n].bytes, r[n].file, &r[n].out) == 4) n++;
    fclose(f);
    return n;
}

static int map_regions(const char *dir, struct region *r, int n) {
    long page = sysconf(_SC_PAGESIZE);
    for (int i = 0; i < n; i++) {
        long len = (r[i].bytes + page - 1) / page * page;
        void *p = mmap((void *) r[i].base, len, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        if (p != (void *) r[i].base) {
            fprintf(stderr, "harness: cannot map %ld bytes at 0x%lx: %s\n", len, r[i].base, strerror(errno));
            return -1;
        }
        if (strcmp(r[i].file, "-") != 0) {
            char path[8400];
            snprintf(path, sizeof path, "%s/%s", dir, r[i].file);
            FILE *f = fopen(path, "rb");
            if (!f || fread(p, 1, r[i].bytes, f) != (size_t) r[i].bytes) {
                fprintf(stderr, "harness: cannot read %ld bytes from %s\n", r[i].bytes, path);
                return -1;
            }
            fclose(f);
        }
    }
    return 0;
}

static int write_outputs(const char *dir, struct region *r, int n) {
    for (int i = 0; i < n; i++) {
        if (!r[i].out) continue;
        char path[8400];
        snprintf(path, sizeof path, "%s/out-%lx.bin", dir, r[i].base);
        FILE *f = fopen(path, "wb");
        if (!f || fwrite((void *) r[i].base, 1, r[i].bytes, f) != (size_t) r[i].bytes) {
            fprintf(stderr, "harness: cannot write %s\n", path);
            return -1;
        }
        fclose(f);
    }
    return 0;
}

/* Sense-reversing barrier over shared memory: every process spins until all have arrived. */
static int barrier(volatile long *count, volatile long *generation, volatile long *failed, long procs) {
    long gen = *generation;
    if (__atomic_add_fetch(count, 1, __ATOMIC_ACQ_REL) == procs) {
        *count = 0;
        __atomic_add_fetch(generation, 1, __ATOMIC_RELEASE);
    } else {
        while (__atomic_load_n(generation, __ATOMIC_ACQUIRE) == gen) {
            if (__atomic_load_n(failed, __ATOMIC_ACQUIRE)) return -1; /* another process gave up */
        }
    }
    return 0;
}

static int run(const char *dir, int reps, volatile long *shared, long procs) {
    struct region r[64];
    int n = load_regions(dir, r, 64);
    if (n <= 0 || map_regions(dir, r, n) != 0) { shared[2] = 1; return 1; }
    tk_kernel(); /* the checked call: outputs come from a first run on freshly loaded data */
    if (write_outputs(dir, r, n) != 0) { shared[2] = 1; return 1; }
    long long *start = malloc(sizeof(long long) * reps), *end = malloc(sizeof(long long) * reps);
    tk_kernel(); /* warm-up */
    for (int k = 0; k < reps; k++) {
        if (barrier(&shared[0], &shared[1], &shared[2], procs) != 0) return 1;
        start[k] = now_ns();
        tk_kernel();
        end[k] = now_ns();
    }
    double ghz = probe_ghz(); /* right after the timed calls, while the core is still busy at the same clock */
    char path[4200];
    snprintf(path, sizeof path, "%s/times.txt", dir);
    FILE *f = fopen(path, "w");
    if (!f) { fprintf(stderr, "harness: cannot write %s\n", path); return 1; }
    for (int k = 0; k < reps; k++) fprintf(f, "%lld %lld\n", start[k], end[k]);
    fclose(f);
    snprintf(path, sizeof path, "%s/clock.txt", dir);
    f = fopen(path, "w");
    if (!f) { fprintf(stderr, "harness: cannot write %s\n", path); return 1; }
    fprintf(f, "%.4f\n", ghz);
    fclose(f);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: harness <reps> <dir>...\n"); return 2; }
    int reps = atoi(argv[1]);
    long procs = argc - 2;
    volatile long *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) { perror("harness: mmap"); return 1; }
    shared[0] = 0;
    shared[1] = 0;
    shared[2] = 0; /* set by a process that failed, so the others stop waiting for it */
    for (long p = 0; p < procs; p++) {
        pid_t pid = fork();
        if (pid < 0) { perror("harness: fork"); return 1; }
        if (pid == 0) _exit(run(argv[2 + p], reps, shared, procs));
    }
    int failed = 0;
    for (long p = 0; p < procs; p++) {
        int status;
        if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) failed = 1;
    }
    return failed;
}
