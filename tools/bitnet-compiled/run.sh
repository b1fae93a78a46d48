#!/usr/bin/env bash
# Compiles bitnet.cpp's I2_S kernels with clang 19 as its CMake build does and times them on this host
# (docs/validation.md, "The compiled loop"). bitnet.cpp's source is reference data and is not in this repository:
# put ggml_vec_dot_i2_i8_s_1x1, ggml_vec_dot_i2_i8_s_Nx1 and hsum_i32_8 from microsoft/BitNet
# src/ggml-bitnet-mad.cpp (January 2026 kernels) into mad.c with `#include "stub.h"` as its only include.
# Usage: tools/bitnet-compiled/run.sh path/to/mad.c [scratch-dir]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$(realpath "$1")"
work="${2:-$(mktemp -d /tmp/bitnetcc-XXXX)}"
mkdir -p "$work" && cd "$work"
cp "$here"/stub.h "$here"/*.cpp "$here"/loops.c "$here"/gen.py . && cp "$src" mad.c
CXX=clang++-19
for t in znver3 znver4; do
  $CXX -x c++ -O3 -DNDEBUG -march=$t -masm=intel -fno-asynchronous-unwind-tables -S -o mad-$t.s mad.c
  $CXX -x c++ -O3 -DNDEBUG -march=$t -c -o mad-$t.o mad.c
done
$CXX -x c++ -ffreestanding -O3 -DNDEBUG --target=aarch64-linux-gnu -mcpu=neoverse-n2 -S -o mad-n2.s mad.c
$CXX -O2 -march=znver3 harness.cpp mad-znver3.o -o gemm && $CXX -O2 -march=znver3 micro.cpp mad-znver3.o -o micro
# The Nx1 tail loop (the one K = 2048 and 2560 run): the innermost loop of the Nx1 function with a dec counter.
awk '/^_Z24ggml_vec_dot_i2_i8_s_Nx1/,/\.Lfunc_end1/' mad-znver3.s > nx1.s
head=$(grep -B1 -m1 'dec\tebp' nx1.s >/dev/null; awk '/^\.LBB1_[0-9]+:/{l=$1} /dec\tebp/{print l; exit}' nx1.s | tr -d :)
awk -v h="$head" '$1==h":"{f=1;next} f&&/jne/{print;exit} f' nx1.s | grep -v '^\s*#' > nx1-loop.s
echo "== llvm-mca-19 -mcpu=znver3, compiled Nx1 block"; (echo .intel_syntax noprefix; cat nx1-loop.s) | llvm-mca-19 -mcpu=znver3 -iterations=1000 | sed -n 1,9p
echo "== GEMV / GEMM with bitnet.cpp's driver (best of many)"
./gemm 1 2048 2048 3000; ./gemm 32 2048 2048 300; ./gemm 128 2048 2048 100
echo "== Nx1 calls on L1-resident data"; ./micro 2048 16 3000 1; ./micro 8192 4 3000 1; ./micro 2048 16 3000 0; ./micro 8192 4 3000 0
echo "== loop variants, fixed addresses"; python3 gen.py nx1-loop.s >/dev/null; clang-19 -O2 loops.c v_*.s -o loops -z noexecstack && ./loops
