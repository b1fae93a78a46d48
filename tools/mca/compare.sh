#!/usr/bin/env bash
# Core model vs llvm-mca on the I2_S AVX2 inner loop: prints the markdown table recorded in docs/validation.md.
# Needs llvm-mca-19 (Debian: apt-get install llvm-19), python3, and the CLI jar (mvn -o -pl cli -am package -DskipTests).
# Usage: tools/mca/compare.sh [iterations]   (default 100, llvm-mca's default)
# Another lowering's inner loop: KERNEL=tl2 ISA=avx512 CORES="zen4:znver4 zen5:znver5" tools/mca/compare.sh
set -euo pipefail
home="$(cd "$(dirname "$0")/../.." && pwd)"
iterations="${1:-100}"
mca="${LLVM_MCA:-llvm-mca-19}"
jar="$home/cli/target/ternsim.jar"
command -v "$mca" >/dev/null || { echo "compare.sh: $mca not found (apt-get install llvm-19, or set LLVM_MCA)" >&2; exit 2; }
[ -f "$jar" ] || { echo "compare.sh: $jar missing (mvn -B -o -pl cli -am package -DskipTests)" >&2; exit 2; }
ternsim() { java --add-modules jdk.incubator.vector -Dternsim.home="$home" -jar "$jar" "$@" 2>/dev/null; }

asm="$(mktemp)"
trap 'rm -f "$asm"' EXIT
kernel="${KERNEL:-i2_s}"
isa="${ISA:-avx2}"
cores="${CORES:-zen3:znver3 zen4:znver4 zen5:znver5 golden-cove:alderlake raptor-cove:alderlake}"
ternsim explain --kernel "$kernel" --isa "$isa" --mca-asm > "$asm"

echo "| core table | llvm-mca -mcpu | llvm-mca cycles/iter | llvm-mca block rthr | TernSim cycles/iter | TernSim bottleneck | TernSim / llvm-mca |"
echo "|---|---|---|---|---|---|---|"
for pair in $cores; do
  core="${pair%%:*}"; cpu="${pair##*:}"
  report="$("$mca" -mtriple=x86_64 -mcpu="$cpu" -iterations="$iterations" "$asm" 2>&1)"
  total=$(awk '/^Total Cycles:/ {print $3}' <<<"$report")
  block=$(awk '/^Block RThroughput:/ {print $3}' <<<"$report")
  ours="$(ternsim explain --kernel "$kernel" --isa "$isa" --uarch "$core" --iterations "$iterations" --timeline 0 --no-program-run --json)"
  python3 - "$core" "$cpu" "$total" "$block" "$iterations" "$ours" <<'PY'
import json, sys
core, cpu, total, block, iterations, ours = sys.argv[1:]
loop = json.loads(ours)["loop"]
mca = float(total) / float(iterations)
mine = loop["cyclesPerIteration"]
print(f"| {core} | {cpu} | {mca:.2f} | {float(block):.2f} | {mine:.2f} | {loop['bottleneck']} | {mine / mca:.2f} |")
PY
done
