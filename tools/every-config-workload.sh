#!/usr/bin/env bash
# Issue 7's first acceptance check, run whole: `ternsim simulate --phase decode --context 512` for every hardware
# config under configs/hw and every workload under configs/workloads (--threads N on CPU configs; accelerators take
# no thread count). Prints one line per pair (exit code, tokens/s or the error's first line) and a summary; exits 1
# if any pair failed. About ten minutes on 2 cores.
#
# Usage: tools/every-config-workload.sh [THREADS=2]
set -uo pipefail

home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
threads="${1:-2}"
out="$(mktemp -d "${TMPDIR:-/tmp}/ternsim-matrix.XXXXXX")"
trap 'rm -rf "$out"' EXIT
cd "$home"
failed=0
total=0
for hw in configs/hw/*.yaml; do
  kind_args=(--threads "$threads")
  grep -q '^kind: *accelerator' "$hw" && kind_args=()
  for wl in configs/workloads/*.yaml; do
    total=$((total + 1))
    name="$(basename "$hw" .yaml) $(basename "$wl" .yaml)"
    if ./ternsim simulate --hw "$hw" --workload "$wl" --phase decode --context 512 "${kind_args[@]}" --format json \
        --out "$out/runs" >"$out/result.json" 2>"$out/err"; then
      rate="$(grep -o '"tokensPerSecond" *: *[0-9.eE+-]*' "$out/result.json" | head -1 | sed 's/.*: *//')"
      echo "ok   $name ${rate:-?} tokens/s"
    else
      failed=$((failed + 1))
      echo "FAIL $name: $(grep -v '^ternsim: preparing' "$out/err" | head -1)"
    fi
  done
done
echo "$((total - failed)) of $total pairs ran; $failed failed"
[ "$failed" -eq 0 ]
