#!/usr/bin/env bash
# Issue 7's first acceptance check, run whole: `ternsim simulate --phase decode --context 512` for every hardware
# config under configs/hw and every LLM workload under configs/workloads, and `--phase diffusion-step` for the
# diffusion transformers (family: dit), which have no decode (--threads N on CPU configs; accelerators take no
# thread count). Prints one line per pair: "ok" with tokens/s or seconds per step; "no" where ternsim rejects the pair
# with its one-line input error (exit 2, e.g. an accelerator whose PEs take no bf16 activations for FLUX's A16); and
# "FAIL" for anything else. Exits 1 if any pair failed. About twenty minutes on 2 cores.
#
# Usage: tools/every-config-workload.sh [THREADS=2]
set -uo pipefail

home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
threads="${1:-2}"
out="$(mktemp -d "${TMPDIR:-/tmp}/ternsim-matrix.XXXXXX")"
trap 'rm -rf "$out"' EXIT
cd "$home"
failed=0
rejected=0
total=0
for hw in configs/hw/*.yaml; do
  kind_args=(--threads "$threads")
  grep -q '^kind: *accelerator' "$hw" && kind_args=()
  for wl in configs/workloads/*.yaml; do
    phase_args=(--phase decode --context 512)
    grep -q '^family: *dit' "$wl" && phase_args=(--phase diffusion-step)
    total=$((total + 1))
    name="$(basename "$hw" .yaml) $(basename "$wl" .yaml)"
    if ./ternsim simulate --hw "$hw" --workload "$wl" "${phase_args[@]}" "${kind_args[@]}" --format json \
        --out "$out/runs" >"$out/result.json" 2>"$out/err"; then
      rate="$(grep -o '"\(tokensPerSecond\|secondsPerStep\)" *: *[0-9.eE+-]*' "$out/result.json" | head -1)"
      echo "ok   $name ${rate:-?}"
    else
      code=$?
      err="$(grep -v '^ternsim: preparing' "$out/err")"
      if [ "$code" -eq 2 ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]; then
        rejected=$((rejected + 1))
        echo "no   $name: $err"
      else
        failed=$((failed + 1))
        echo "FAIL $name (exit $code): $(printf '%s\n' "$err" | head -1)"
      fi
    fi
  done
done
echo "$((total - failed - rejected)) of $total pairs ran, $rejected rejected with a one-line error, $failed failed"
[ "$failed" -eq 0 ]
