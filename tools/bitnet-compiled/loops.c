// Native timing of loop variants of the compiled Nx1 block (gen.py writes v_*.s); addresses fixed, L1-resident.
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <time.h>
#define V(n) void run_##n(long it, void *w, void *a, long by);
V(full) V(regform) V(loads) V(noadd) V(maddonly) V(split)
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
typedef void (*fn)(long, void *, void *, long);
int main(void) {
    static uint8_t w[4096] __attribute__((aligned(64))); static int8_t a[4 * 2048 + 256] __attribute__((aligned(64)));
    for (int i = 0; i < 4096; i++) w[i] = rand();
    for (int i = 0; i < 4 * 2048 + 256; i++) a[i] = rand();
    fn f[] = {run_full, run_regform, run_loads, run_noadd, run_maddonly, run_split};
    const char *n[] = {"full", "regform", "loads", "noadd", "maddonly", "split"};
    for (int round = 0; round < 3; round++)
    for (int v = 0; v < 6; v++) {
        double best = 1e9; long it = 20000;
        for (int r = 0; r < 300; r++) { double t0 = now(); f[v](it, w, a, 2048); double t = now() - t0; if (t < best) best = t; }
        printf("%-9s %.2f cycles/iter (3.69 GHz)\n", n[v], best * 3.69e9 / it);
    }
    return 0;
}
