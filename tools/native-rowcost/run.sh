#!/usr/bin/env bash
# Runs the native row-cost experiments of docs/validation.md ("Native runs: the per-row cost the model misses").
# Needs gcc on an x86-64 Linux host with AVX2. Usage: tools/native-rowcost/run.sh [scratch-dir] [runs per set]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-$(mktemp -d /tmp/rowcost-XXXX)}"
runs="${2:-20}"
mkdir -p "$work"
cd "$work"
cp "$here"/*.py "$here"/*.txt "$here"/tmpl.c "$here"/lat.c "$here"/lat.s .
for s in set*.txt; do
  echo "== $s"; S=$(python3 gen.py "$s"); gcc -O2 -o x x.c $S -z noexecstack && python3 best.py ./x "$runs"
done
echo "== age.py"; S=$(python3 age.py); gcc -O2 -o y y.c $S -z noexecstack && python3 best.py ./y "$runs"
for s in pset*.txt; do
  echo "== $s"; S=$(python3 wong2.py "$s"); gcc -O2 -o p p.c $S -z noexecstack && ./p
done
echo "== latencies"; gcc -O2 -o lat lat.c lat.s -z noexecstack && ./lat
