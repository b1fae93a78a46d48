// Times bitnet.cpp's I2_S 1x1 GEMV and its ACT_PARALLEL GEMM driver (ggml.c order: 128 weight rows x 4 tokens per block) natively.
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
void ggml_vec_dot_i2_i8_s_1x1(int n, float * s, size_t bs, const void * vx, size_t bx, const void * vy, size_t by, int nrc);
void ggml_vec_dot_i2_i8_s_Nx1(int n, float * s, size_t bs, const void * vx, size_t bx, const void * vy, size_t by, int nrc);
#define ROW_BLOCK_SIZE 4
#define COL_BLOCK_SIZE 128
#define PARALLEL_SIZE 4
static void vec_dot(int n, float *s, size_t bs, const void *vx, size_t bx, const void *vy, size_t by, int nrc) {
    if (nrc % PARALLEL_SIZE == 0) ggml_vec_dot_i2_i8_s_Nx1(n, s, bs, vx, bx, vy, by, nrc);
    else ggml_vec_dot_i2_i8_s_1x1(n, s, bs, vx, bx, vy, by, nrc);
}
static void gemv(int n, float *s, const void *vx, const void *vy, int nc) {
    for (int64_t r = 0; r < nc; r++) vec_dot(n, s + r, 1, (const uint8_t *)vx + r * n / 4, n, vy, 0, 1);
}
static void gemm(int n, float *s, size_t bs, const void *vx, const void *vy, int nr, int nc) {
    for (int64_t c0 = 0; c0 < nc; c0 += COL_BLOCK_SIZE) {
        int64_t cur_c = (c0 + COL_BLOCK_SIZE <= nc) ? COL_BLOCK_SIZE : (nc - c0);
        for (int64_t r0 = 0; r0 < nr; r0 += ROW_BLOCK_SIZE) {
            int64_t cur_r = (r0 + ROW_BLOCK_SIZE <= nr) ? ROW_BLOCK_SIZE : (nr - r0);
            const void *vy_r = (const uint8_t *)vy + r0 * n;
            for (int64_t c = 0; c < cur_c; ++c) {
                const int64_t col = c0 + c;
                vec_dot(n, s + col + r0 * bs, bs, (const uint8_t *)vx + col * n / 4, n, vy_r, n, cur_r);
            }
        }
    }
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static double ghz(void) {  // dependent-add chain: 1 cycle per add
    double best = 1e9;
    for (int k = 0; k < 200; k++) {
        uint64_t x = 0; double t0 = now();
        for (long i = 0; i < 5000000; i++) __asm__ volatile("add $1, %0" : "+r"(x));
        double t = now() - t0; if (t < best) best = t;
    }
    return 5e6 / best / 1e9;
}
int main(int argc, char **argv) {
    int tokens = atoi(argv[1]), K = atoi(argv[2]), M = atoi(argv[3]), reps = argc > 4 ? atoi(argv[4]) : 50;
    uint8_t *w = (uint8_t *)aligned_alloc(64, (size_t)M * K / 4 + 64);
    int8_t *a = (int8_t *)aligned_alloc(64, (size_t)tokens * K + 64);
    float *s = (float *)aligned_alloc(64, (size_t)tokens * M * 4 + 64);
    srand(1);
    for (size_t i = 0; i < (size_t)M * K / 4; i++) w[i] = rand();
    for (size_t i = 0; i < (size_t)tokens * K; i++) a[i] = rand();
    double f = ghz();
    double best = 1e9;
    for (int r = 0; r < reps + 10; r++) {
        double t0 = now();
        if (tokens == 1) gemv(K, s, w, a, M); else gemm(K, s, M, w, a, tokens, M);
        double t = now() - t0;
        if (r >= 10 && t < best) best = t;
    }
    double blocks = (double)M * (K / 128) * (tokens == 1 ? 1 : tokens / 4.0);
    printf("[%d,%d]x[%d,%d] best %.3f ms, clock %.2f GHz, %.2f cycles per 128-block%s, chk %g\n", tokens, K, K, M,
           best * 1e3, f, best * f * 1e9 / blocks, tokens == 1 ? "" : " x 4 tokens", s[0] + s[M - 1]);
    return 0;
}
