#!/usr/bin/env bash
# The tq2_0 / q4_0 AVX-512 block loops on zen4, taken apart (docs/validation.md, 2026-12-03): each variant .s here on
# the host (native-loop.py, best of 3 x 400 runs), on TernSim's zen4 table (LoopSim.java) and in llvm-mca-19 znver4.
# Usage: tools/mca/zen4-tail/run.sh [files...]   (default: every .s here; needs the CLI jar, gcc, llvm-mca-19)
# Another core: TABLE=sapphire-rapids HW=xeon-gnr-2c CPU=sapphirerapids tools/mca/zen4-tail/run.sh (the host column is
# whatever core this runs on).
set -euo pipefail
table="${TABLE:-zen4}"; hw="${HW:-zen4-2c}"; cpu="${CPU:-znver4}"
here="$(cd "$(dirname "$0")" && pwd)"
home="$(cd "$here/../../.." && pwd)"
files=("$@"); [ ${#files[@]} -gt 0 ] || files=("$here"/*.s)
echo "| variant | host cycles/iter | TernSim $table | llvm-mca $cpu |"
echo "|---|---|---|---|"
for f in "${files[@]}"; do
  host=$(for r in 1 2 3; do python3 "$home/tools/mca/native-loop.py" "$f" --runs 400 | awk '{print $2}'; done | sort -n | head -1)
  sim=$(java --add-modules jdk.incubator.vector -cp "$home/cli/target/ternsim.jar" "$home/tools/mca/LoopSim.java" \
    "$home/configs/hw/$hw.yaml" "$table" "$f" 2>/dev/null | awk '{print $2}')
  mca=$(llvm-mca-19 -mtriple=x86_64 -mcpu="$cpu" -iterations=100 "$f" | awk '/^Total Cycles:/{printf "%.2f", $3/100}')
  echo "| $(basename "$f" .s) | $host | $sim | $mca |"
done
