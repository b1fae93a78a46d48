#!/usr/bin/env bash
# The tq2_0 / q4_0 AVX-512 block loops on zen4, taken apart (docs/validation.md, 2026-12-03): each variant .s here on
# the host (native-loop.py, best of 3 x 400 runs), on TernSim's zen4 table (LoopSim.java) and in llvm-mca-19 znver4.
# Usage: tools/mca/zen4-tail/run.sh [files...]   (default: every .s here; needs the CLI jar, gcc, llvm-mca-19)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="$(cd "$here/../../.." && pwd)"
files=("$@"); [ ${#files[@]} -gt 0 ] || files=("$here"/*.s)
echo "| variant | host cycles/iter | TernSim zen4 | llvm-mca znver4 |"
echo "|---|---|---|---|"
for f in "${files[@]}"; do
  host=$(for r in 1 2 3; do python3 "$home/tools/mca/native-loop.py" "$f" --runs 400 | awk '{print $2}'; done | sort -n | head -1)
  sim=$(java --add-modules jdk.incubator.vector -cp "$home/cli/target/ternsim.jar" "$home/tools/mca/LoopSim.java" \
    "$home/configs/hw/zen4-2c.yaml" zen4 "$f" 2>/dev/null | awk '{print $2}')
  mca=$(llvm-mca-19 -mtriple=x86_64 -mcpu=znver4 -iterations=100 "$f" | awk '/^Total Cycles:/{printf "%.2f", $3/100}')
  echo "| $(basename "$f" .s) | $host | $sim | $mca |"
done
