// CLI bench of the timing model alone: replays a recorded instruction trace into the core, without the interpreter.
//
// Run from the repository root with the class path of SimulatorSpeedMain:
//   java -cp <as SimulatorSpeedMain> org.ternsim.sim.bench.TimingReplayMain [hw/kernel/isa] [shape] [reps]
// defaults: zen5-2c/i2_s/avx2 256x2560 100. Prints nanoseconds of simulating-thread CPU time per instruction for the
// per-call setup (memory hierarchy + warm-up, core construction) and for the replay, and the cycles as a check;
// then the median and fastest call's replay time (less disturbed by other processes on a shared host). To compare
// builds call for call, see PairedTimingMain.
package org.ternsim.sim.bench;

import java.util.Arrays;
import java.util.Locale;

public final class TimingReplayMain {

    private TimingReplayMain() {
    }

    public static void main(String[] args) {
        String spec = args.length > 0 ? args[0] : "zen5-2c/i2_s/avx2";
        String[] shape = (args.length > 1 ? args[1] : "256x2560").split("x");
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int rows = Integer.parseInt(shape[0]);
        int cols = Integer.parseInt(shape[1]);
        TimingRound round = new TimingRound(spec, rows, cols);
        long n = round.instructions();
        long setup = 0;
        long replay = 0;
        long[] perCall = new long[reps];
        for (int i = 0; i < reps + 3; i++) {
            long spent = round.round();
            if (i >= 3) { // the first three calls warm the JIT
                setup += round.setup();
                replay += spent;
                perCall[i - 3] = spent;
            }
        }
        double per = (double) n * reps;
        System.out.printf(Locale.ROOT, "%s %dx%d: %,d instructions, %d cycles; per instruction: setup %.1f ns, "
                + "timing model %.1f ns (%.1f MIPS per CPU second)%n", spec, rows, cols, n, round.cycles(),
            setup / per, replay / per, per / replay * 1e3);
        // On a shared host single calls are slowed by other processes; the median and fastest call show less of that.
        Arrays.sort(perCall);
        System.out.printf(Locale.ROOT, "  timing model per call: median %.1f ns, fastest %.1f ns per instruction%n",
            (double) perCall[reps / 2] / n, (double) perCall[0] / n);
    }
}
