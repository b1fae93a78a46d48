/*
 * C cross-check of `ternsim bench memory` (which stays in Java): the same streaming read (4 independent 512-bit adds
 * from memory per 256 B) and the same pointer chases, so a gap between the Java harness and the hardware shows.
 *
 *   read  <KiB>[,<KiB>...] [threads] [windows]   read bandwidth; each thread its own array of <KiB> (so the total is
 *                                                threads x <KiB>, unlike bench memory's), pinned to CPU t, all
 *                                                starting each window behind a spin barrier; the best window is
 *                                                reported with its overlap (time all threads read / span)
 *   chase <KiB>[,<KiB>...] [order]               ns per dependent load; order = random | pages (the lines of a group of
 *                                                32 4-KiB pages visited together in random order, groups in random
 *                                                order: one TLB miss per 64 loads, as `bench memory --chase pages`) |
 *                                                random-2m (random, the array madvised MADV_HUGEPAGE: 2 MiB pages
 *                                                where the kernel has them, so far fewer TLB misses)
 *
 * Build: gcc -O2 -mavx512f -pthread -o /tmp/memread tools/native/memread.c
 * Example: /tmp/memread read 16,256,4096,65536 2 ; /tmp/memread chase 1024,4096,16384,65536 pages
 */
#define _GNU_SOURCE
#include <immintrin.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static long long now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *alloc(size_t bytes, int huge) {
    size_t align = 2u << 20;
    void *p = NULL;
    if (posix_memalign(&p, align, (bytes + align - 1) / align * align) != 0) {
        perror("posix_memalign");
        exit(1);
    }
    madvise(p, bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    memset(p, 1, bytes);
    return p;
}

/* Reads `bytes` from a[0, n) (wrapping) with four independent 512-bit accumulators; returns a value to keep alive. */
static long read_loop(const __m512i *a, size_t n, size_t bytes) {
    __m512i s0 = _mm512_setzero_si512(), s1 = s0, s2 = s0, s3 = s0;
    size_t per = n / 64 * 64 / sizeof(__m512i);
    for (size_t done = 0; done < bytes; done += per * sizeof(__m512i)) {
        for (size_t i = 0; i < per; i += 4) {
            s0 = _mm512_add_epi64(s0, a[i]);
            s1 = _mm512_add_epi64(s1, a[i + 1]);
            s2 = _mm512_add_epi64(s2, a[i + 2]);
            s3 = _mm512_add_epi64(s3, a[i + 3]);
        }
    }
    return _mm512_reduce_add_epi64(_mm512_add_epi64(_mm512_add_epi64(s0, s1), _mm512_add_epi64(s2, s3)));
}

struct job {
    int id, threads, windows;
    size_t bytes;
    long long *start, *end; /* per window */
    long sink;
};
static atomic_int arrived;

static void spin_barrier(int threads, int round) {
    atomic_fetch_add(&arrived, 1);
    while (atomic_load(&arrived) < threads * (round + 1)) {
        __builtin_ia32_pause();
    }
}

static void *reader(void *arg) {
    struct job *j = arg;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(j->id, &set);
    sched_setaffinity(0, sizeof set, &set);
    __m512i *a = alloc(j->bytes, 0);
    /* As bench memory: a window reads 32 MiB, the whole array as often as fits, or the next 32 MiB chunk of it. */
    size_t target = 32u << 20, chunk = j->bytes < target ? j->bytes : target, chunks = j->bytes / chunk;
    size_t window = j->bytes < target ? target / j->bytes * j->bytes : chunk;
    read_loop(a, j->bytes, j->bytes); /* warm */
    for (int w = 0; w < j->windows; w++) {
        spin_barrier(j->threads, w);
        const __m512i *from = a + (w % chunks) * (chunk / sizeof(__m512i));
        j->start[w] = now();
        j->sink += read_loop(from, chunk, window);
        j->end[w] = now();
    }
    j->bytes = window;
    free(a);
    return NULL;
}

static void bandwidth(size_t kib, int threads, int windows) {
    struct job jobs[64];
    pthread_t th[64];
    atomic_store(&arrived, 0);
    for (int t = 0; t < threads; t++) {
        jobs[t] = (struct job){t, threads, windows, kib << 10, calloc(windows, 8), calloc(windows, 8), 0};
        pthread_create(&th[t], NULL, reader, &jobs[t]);
    }
    for (int t = 0; t < threads; t++) {
        pthread_join(th[t], NULL);
    }
    double best = 0, bestOverlap = 0;
    for (int w = 0; w < windows; w++) {
        long long first = jobs[0].start[w], last = jobs[0].end[w], lateStart = first, earlyEnd = last;
        for (int t = 1; t < threads; t++) {
            first = jobs[t].start[w] < first ? jobs[t].start[w] : first;
            lateStart = jobs[t].start[w] > lateStart ? jobs[t].start[w] : lateStart;
            last = jobs[t].end[w] > last ? jobs[t].end[w] : last;
            earlyEnd = jobs[t].end[w] < earlyEnd ? jobs[t].end[w] : earlyEnd;
        }
        double gbs = (double) jobs[0].bytes * threads / (last - first);
        if (gbs > best) {
            best = gbs;
            bestOverlap = (double) (earlyEnd - lateStart) / (last - first);
        }
    }
    printf("read %8zu KiB x %d thread(s): best %.1f GB/s (window overlap %.2f)", kib, threads, best, bestOverlap);
    for (int t = 0; t < threads && threads > 1; t++) { /* each thread's own best window, overlapping or not */
        double own = 0;
        for (int w = 0; w < windows; w++) {
            double g = (double) jobs[t].bytes / (jobs[t].end[w] - jobs[t].start[w]);
            own = g > own ? g : own;
        }
        printf("%s%.1f", t == 0 ? "; per thread alone " : " + ", own);
    }
    printf("\n");
    for (int t = 0; t < threads; t++) {
        free(jobs[t].start);
        free(jobs[t].end);
    }
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next_random(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static void shuffle(size_t *v, size_t n) {
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = next_random() % (i + 1), t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

/* One cycle over all 64-B lines: random order, or by groups of 32 pages (groups shuffled, lines in a group shuffled). */
static void chase(size_t kib, const char *order) {
    size_t lines = (kib << 10) / 64, perPage = strcmp(order, "pages") == 0 && lines >= 2048 ? 2048 : lines;
    size_t pages = lines / perPage;
    size_t *seq = malloc(lines * sizeof *seq), *page = malloc(pages * sizeof *page), *in = malloc(perPage * sizeof *in);
    for (size_t p = 0; p < pages; p++) page[p] = p;
    shuffle(page, pages);
    for (size_t p = 0, k = 0; p < pages; p++) {
        for (size_t l = 0; l < perPage; l++) in[l] = l;
        shuffle(in, perPage);
        for (size_t l = 0; l < perPage; l++) seq[k++] = page[p] * perPage + in[l];
    }
    void **a = alloc(kib << 10, strcmp(order, "random-2m") == 0);
    for (size_t i = 0; i < lines; i++) a[seq[i] * 8] = &a[seq[(i + 1) % lines] * 8];
    /* Best of 200 short runs (20000 loads, 3 ms in DRAM): on a loaded machine some run is not interrupted. */
    long run = 20000;
    void **p = a;
    for (long s = 0; s < (long) lines * 2 || s < 1000000; s++) p = *p;
    double best = 1e99;
    for (int r = 0; r < 200; r++) {
        long long t0 = now();
        for (long s = 0; s < run; s++) p = *p;
        double ns = (double) (now() - t0) / run;
        best = ns < best ? ns : best;
    }
    printf("chase %8zu KiB %-6s: %.1f ns per load%s\n", kib, order, best, p == NULL ? "!" : "");
    free(a);
    free(seq);
    free(page);
    free(in);
}

int main(int argc, char **argv) {
    if (argc < 3 || (strcmp(argv[1], "read") != 0 && strcmp(argv[1], "chase") != 0)) {
        fprintf(stderr, "usage: memread read <KiB>[,<KiB>...] [threads] [windows] | chase <KiB>[,...] [random|pages|random-2m]\n");
        return 2;
    }
    int isRead = strcmp(argv[1], "read") == 0;
    for (char *s = strtok(argv[2], ","); s; s = strtok(NULL, ",")) {
        size_t kib = strtoul(s, NULL, 10);
        if (kib < 4) {
            fprintf(stderr, "memread: working set %s KiB: at least 4\n", s);
            return 2;
        }
        if (isRead) {
            bandwidth(kib, argc > 3 ? atoi(argv[3]) : 1, argc > 4 ? atoi(argv[4]) : 30);
        } else {
            chase(kib, argc > 3 ? argv[3] : "random");
        }
        fflush(stdout);
    }
    return 0;
}
