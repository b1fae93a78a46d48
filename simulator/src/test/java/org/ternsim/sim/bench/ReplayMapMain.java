// Where in a detailed run the core replays loop periods and where it times every instruction: the share replayed per
// bucket of instructions, to see which part of a program a speed-up of the replay has to reach.
//
// Run from the repository root with the class path of SimulatorSpeedMain:
//   java --add-modules jdk.incubator.vector -cp simulator/target/test-classes:cli/target/ternsim.jar \
//     org.ternsim.sim.bench.ReplayMapMain SHAPE hw/kernel/isa [BUCKET=20000]
// prints one percentage per bucket (a replay counts when its period ends, so a whole period can land in one bucket
// and show as more than 100 %), then the totals.
package org.ternsim.sim.bench;

import java.util.ArrayList;
import java.util.List;

public final class ReplayMapMain {

    private ReplayMapMain() {
    }

    public static void main(String[] args) {
        SimulatorSpeedBench bench = SimulatorSpeedBench.of(args[0], args[1]);
        int bucket = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        SimulatorSpeedBench.Machine machine = bench.machine();
        List<Long> marks = new ArrayList<>();
        machine.run(bench, bucket, marks::add);
        StringBuilder line = new StringBuilder();
        long previous = 0;
        for (long replayed : marks) {
            line.append(' ').append((replayed - previous) * 100 / bucket);
            previous = replayed;
        }
        System.out.println("replayed % per " + bucket + " instructions:" + line);
        System.out.printf("%d whole buckets, %d instructions replayed in all%n", marks.size(), bench.lastReplayed);
    }
}
