// Minimal stand-in for the headers bitnet.cpp's src/ggml-bitnet-mad.cpp includes, enough to compile its I2_S kernels alone.
#pragma once
#include <stdint.h>
#include <stddef.h>
#if defined(__AVX__) || defined(__AVX2__) || defined(__AVX512F__) || defined(__SSSE3__)
#define QK_I2_S 128
#define PARALLEL_SIZE 4
#elif defined(__ARM_NEON)
#define QK_I2_S 64
#include <arm_neon.h>
#if defined(__ARM_FEATURE_DOTPROD)
#define PARALLEL_SIZE 8
#else
#define PARALLEL_SIZE 4
#endif
#endif
#define ACT_PARALLEL 1
