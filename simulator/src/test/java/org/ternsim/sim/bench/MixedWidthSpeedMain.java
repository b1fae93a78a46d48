// CLI bench of the functional interpreter when one JVM runs programs of several vector widths in turn, as validate,
// sweep and --exact runs do: MIPS per CPU second of each program in each round.
//
// Run from the repository root with the class path of SimulatorSpeedMain:
//   java --add-modules jdk.incubator.vector -cp simulator/target/test-classes:cli/target/ternsim.jar \
//     org.ternsim.sim.bench.MixedWidthSpeedMain SHAPE ROUNDS CALLS hw/kernel/isa...
//   e.g. 1024x2560 6 6 zen5-2c/i2_s-vnni/avx512 zen5-2c/tl2/avx2 zen5-2c/i2_s/avx2 zen5-2c/q4_0/avx512
// Each round runs CALLS functional calls of every program, in the order given; one line per round.
package org.ternsim.sim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

public final class MixedWidthSpeedMain {

    private MixedWidthSpeedMain() {
    }

    public static void main(String[] args) {
        String shape = args[0];
        int rounds = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        List<SimulatorSpeedBench> benches = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            benches.add(SimulatorSpeedBench.of(shape, args[i]));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %2d:", round));
            for (SimulatorSpeedBench bench : benches) {
                long instructions = 0;
                long cpu0 = threads.getCurrentThreadCpuTime();
                for (int c = 0; c < calls; c++) {
                    instructions += bench.functional();
                }
                double seconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                line.append(String.format(Locale.ROOT, " %6.1f", instructions / seconds / 1e6));
            }
            System.out.println(line);
        }
        System.out.println("MIPS per CPU second, columns: "
            + String.join(" ", List.of(args).subList(3, args.length)));
    }
}
