#!/usr/bin/env bash
# Throughput and port class of AVX-512 forms on this host's core, for a measured uarch table (redwood-cove.yaml):
# per form, 16 independent copies (cycles per 16: 8 = two ports, 16 = one), and 8 copies mixed with 8 `vpermd zmm`
# (port 5 only on Intel cores: 8 = the form avoids port 5, 16 = it shares it). Each loop runs through
# tools/mca/native-loop.py (best of 200 runs, cycles from its scalar clock probe; 512-bit floating-point work may run
# at a lower clock, which reads as up to ~10 % more cycles). A chain of 8 dependent copies gives the latency of the
# accumulating forms.
# Usage: tools/mca/port-probe.sh [outdir]   (default target/port-probe; needs gcc and an AVX-512 host)
set -euo pipefail
home="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$home/target/port-probe}"
mkdir -p "$out"

loop() { # name, then one instruction per argument
  local name=$1; shift
  { echo ".intel_syntax noprefix"; echo ".Lp:"; printf '    %s\n' "$@"; echo "    dec rcx"; echo "    jne .Lp"; } > "$out/$name.s"
}
cycles() { python3 "$home/tools/mca/native-loop.py" "$out/$1.s" | awk '{print $2}'; }

forms=(
  "vpdpbusd zmmD, zmm2, zmm3"
  "vfmadd231ps zmmD, zmm2, zmm3"
  "vmulps zmmD, zmm2, zmm3"
  "vaddps zmmD, zmm2, zmm3"
  "vcvtdq2ps zmmD, zmm2"
  "vpaddd zmmD, zmm2, zmm3"
  "vpsrlw zmmD, zmm2, 3"
  "vpsrlvw zmmD, zmm2, zmm3"
  "vpshufb zmmD, zmm2, zmm3"
  "vpermb zmmD, zmm2, zmm3"
  "vpunpcklbw zmmD, zmm2, zmm3"
  "vpmovsxbw zmmD, ymm2"
  "vpmovsxwd zmmD, ymm2"
)
echo "| form | 16 independent | 8 + 8 vpermd zmm | chain of 8 |"
echo "|---|---|---|---|"
for form in "${forms[@]}"; do
  name=$(echo "${form%% *}")
  tp=(); mix=(); chain=()
  for i in $(seq 0 15); do tp+=("${form//D/$((i + 16))}"); done
  for i in $(seq 0 7); do mix+=("${form//D/$((i + 16))}" "vpermd zmm$((i + 24)), zmm4, zmm5"); done
  loop "tp-$name" "${tp[@]}"
  loop "mix-$name" "${mix[@]}"
  latency="–"
  case "$name" in vpdpbusd|vfmadd231ps)
    for i in $(seq 0 7); do chain+=("${form//D/0}"); done
    loop "chain-$name" "${chain[@]}"
    latency=$(cycles "chain-$name");;
  esac
  echo "| \`${form//D/}\` | $(cycles "tp-$name") | $(cycles "mix-$name") | $latency |"
done
