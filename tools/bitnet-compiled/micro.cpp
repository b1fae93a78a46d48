// L1-resident timing of bitnet.cpp's Nx1 kernel (one call per weight row, 4 tokens), best of many.
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <time.h>
void ggml_vec_dot_i2_i8_s_Nx1(int n, float * s, size_t bs, const void * vx, size_t bx, const void * vy, size_t by, int nrc);
void ggml_vec_dot_i2_i8_s_1x1(int n, float * s, size_t bs, const void * vx, size_t bx, const void * vy, size_t by, int nrc);
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
int main(int argc, char **argv) {
    int K = atoi(argv[1]), M = atoi(argv[2]), reps = atoi(argv[3]), nx1 = atoi(argv[4]);
    uint8_t *w = (uint8_t *)aligned_alloc(64, (size_t)M * K / 4 + 64);
    int8_t *a = (int8_t *)aligned_alloc(64, (size_t)4 * K + 64);
    float s[4 * 4096];
    for (size_t i = 0; i < (size_t)M * K / 4; i++) w[i] = rand();
    for (size_t i = 0; i < (size_t)4 * K; i++) a[i] = rand();
    double best = 1e9;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        for (int it = 0; it < 20; it++)
            for (int row = 0; row < M; row++)
                if (nx1) ggml_vec_dot_i2_i8_s_Nx1(K, s + row, M, w + (size_t)row * K / 4, K, a, K, 4);
                else ggml_vec_dot_i2_i8_s_1x1(K, s + row, 1, w + (size_t)row * K / 4, K, a, 0, 1);
        double t = now() - t0;
        if (t < best) best = t;
    }
    double blocks = 20.0 * M * (K / 128);
    printf("%s K=%d M=%d: %.2f cycles per 128-block%s at 3.69 GHz (%.1f cycles per call)\n", nx1 ? "Nx1" : "1x1", K, M,
           best * 3.69e9 / blocks, nx1 ? " x 4 tokens" : "", best * 3.69e9 / (20.0 * M));
    return 0;
}
