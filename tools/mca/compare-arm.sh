#!/usr/bin/env bash
# Compares the core model's steady-state cycles per iteration of each Arm lowering's inner loop with llvm-mca-19.
# Usage: tools/mca/compare-arm.sh [outdir]   (needs llvm-19: apt-get install -y llvm-19; Maven offline cache)
# Writes <outdir>/sim.tsv (our model), <outdir>/<variant>.s (llvm-mca input), <outdir>/mca-*.txt (llvm-mca output)
# and prints the table recorded in docs/validation.md, "Core model vs llvm-mca (Arm)".
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=$(realpath -m "${1:-target/mca-arm}")
MCA=${MCA:-llvm-mca-19}
mkdir -p "$OUT"
mvn -B -q -o -pl simulator -am test -Dtest=ArmMcaLoopsTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dternsim.mca.out="$OUT" > "$OUT/mvn.log" 2>&1 || { cat "$OUT/mvn.log"; exit 1; }

# Our table name -> llvm-mca CPU. apple-a15 and cortex-a76 map to LLVM's Cyclone and Cortex-A57 models;
# neoverse-n1 is also run as the A76 proxy our cortex-a76 table is built from.
declare -A CPU=([apple-m2]="apple-a15" [neoverse-n2]="neoverse-n2" [cortex-a76]="cortex-a76 neoverse-n1")

mca_cycles() { # file cpu -> cycles per iteration (Total Cycles / Iterations)
    "$MCA" -mtriple=aarch64 -mcpu="$2" -mattr=+dotprod -iterations=1000 "$1" > "$OUT/mca-$(basename "$1" .s)-$2.txt"
    awk '/^Iterations:/{it=$2} /^Total Cycles:/{c=$3} END{printf "%.3f", c/it}' "$OUT/mca-$(basename "$1" .s)-$2.txt"
}

printf '| loop | core (our table) | ours cyc/iter | port bound | llvm-mca -mcpu | llvm-mca cyc/iter | diff |\n'
printf '|---|---|---|---|---|---|---|\n'
tail -n +2 "$OUT/sim.tsv" | while IFS=$'\t' read -r variant core sim bound port; do
    for cpu in ${CPU[$core]}; do
        mca=$(mca_cycles "$OUT/$variant.s" "$cpu")
        diff=$(awk -v s="$sim" -v m="$mca" 'BEGIN{printf "%+.0f%%", 100*(s-m)/m}')
        printf '| %s | %s | %s | %s (%s) | %s | %s | %s |\n' "$variant" "$core" "$sim" "$bound" "$port" "$cpu" "$mca" "$diff"
    done
done
