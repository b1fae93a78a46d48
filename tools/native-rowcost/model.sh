#!/usr/bin/env bash
# The same experiments on TernSim's core model: generates a set's variants and runs them with RowSim.java on the
# hardware config's core table. Needs the CLI jar (./ternsim builds it). Usage: model.sh setN.txt [hw.yaml]
# (the interpreter has no two-operand `imul`, so the imul variants do not run here)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="$(cd "$here/../.." && pwd)"
hw="${2:-$home/configs/hw/zen4-2c.yaml}"
work="$(mktemp -d /tmp/rowcost-model-XXXX)"
cp "$here/gen.py" "$here/tmpl.c" "$1" "$work/"
cd "$work"
python3 gen.py "$(basename "$1")" > /dev/null
args=$(python3 -c "
names=[l.split() for l in open('$(basename "$1")') if l.strip()]
print(' '.join(f'T={T}_{k}@$work/v{i}.s' for i,(T,k) in enumerate(names)))")
java --add-modules jdk.incubator.vector -cp "$home/cli/target/ternsim.jar" "$here/RowSim.java" "$hw" $args 2>/dev/null
