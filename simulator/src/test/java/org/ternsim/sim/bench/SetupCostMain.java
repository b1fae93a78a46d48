// CLI bench of what a detailed call does before its first instruction: build the caches, warm them, bind the operands.
//
// Run from the repository root after `mvn -B -q -o install -DskipTests`:
//   java --add-modules jdk.incubator.vector -cp simulator/target/test-classes:cli/target/ternsim.jar \
//     org.ternsim.sim.bench.SetupCostMain 150 zen5-2c/i2_s-vnni/avx512 zen5-2c/tmac-w4/avx512
// Arguments: rounds, then hw/kernel/isa names. Shape 2560x2560. Each part is timed on its own in every round and the
// fastest round is printed, which a noisy host moves far less than a median.
package org.ternsim.sim.bench;

import java.util.Locale;
import org.ternsim.sim.mem.MemoryHierarchy;

public final class SetupCostMain {

    private SetupCostMain() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: SetupCostMain ROUNDS hw/kernel/isa...");
        }
        int rounds = Integer.parseInt(args[0]);
        for (int k = 1; k < args.length; k++) {
            SimulatorSpeedBench bench = SimulatorSpeedBench.of("2560x2560", args[k]);
            long build = Long.MAX_VALUE;
            long warm = Long.MAX_VALUE;
            long bind = Long.MAX_VALUE;
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                MemoryHierarchy hierarchy = bench.coldHierarchy();
                long built = System.nanoTime();
                bench.warm(hierarchy);
                long warmed = System.nanoTime();
                bench.boundMemory();
                long bound = System.nanoTime();
                build = Math.min(build, built - start);
                warm = Math.min(warm, warmed - built);
                bind = Math.min(bind, bound - warmed);
            }
            System.out.printf(Locale.ROOT, "%-28s build %.3f ms, warm %.3f ms, bind %.3f ms (fastest of %d)%n", args[k],
                build / 1e6, warm / 1e6, bind / 1e6, rounds);
        }
    }
}
