#!/bin/bash
# Paired in-JVM speed A/B of two TernSim checkouts, each built with `mvn -B -q -o package -DskipTests`.
#   tools/speed-ab/run.sh BASE_ROOT MAIN_ROOT SHAPE MODE CALLS [hw/kernel/isa]
#   e.g. tools/speed-ab/run.sh /tmp/base . 2560x2560 detailed 40 cobalt-100/i2_s/neon-dotprod
# Prints both builds' median and best ms per call and the median of main/base over the alternated pairs.
# SPEED_AB_JAVA_OPTS adds JVM options to the run, e.g. -Dternsim.vectorsAfter=0.
set -e
here=$(cd "$(dirname "$0")" && pwd)
base=$(cd "$1" && pwd); main=$(cd "$2" && pwd); shift 2
jmh=$(ls ~/.m2/repository/org/openjdk/jmh/jmh-core/*/jmh-core-*.jar | head -1)
out=$(mktemp -d)
javac -d "$out" "$here/SpeedAb.java"
cd "$main"  # the bench finds configs/hw relative to the working directory
java --add-modules jdk.incubator.vector ${SPEED_AB_JAVA_OPTS:-} -Djmh.jar="$jmh" -cp "$out" SpeedAb "$base" "$main" "$@" 2>&1 \
    | grep -v "WARNING: Using incubator\|^\[SimulatorSpeedBench\]\|^$"
rm -rf "$out"
