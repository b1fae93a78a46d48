// Runs a GEMV program row window by row window until the cost per row stops changing (steady state), then stops;
// the rest of the rows are extrapolated from the last windows' marginal cost.
package org.ternsim.sim.target;

import java.util.ArrayList;
import java.util.List;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvOperands;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.energy.EnergyModel;
import org.ternsim.sim.energy.EnergyReport;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.CacheState;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.MachineBuilder;

/**
 * Same machine set-up as {@link GemvSimulation#run}. A listener between the interpreter and the core counts output
 * bytes stored (4 per row and activation column: N for a GEMM lowering's tile) and takes a snapshot (cycles, DRAM
 * bytes, energy) after every window of rows. Steady state is declared when the last {@link #STEADY_WINDOWS} windows
 * cost the same per row as the ones before them, within {@link #TOLERANCE}; the run then stops (the interpreter is left through an exception) and cost(M) = cost(at stop) + (M - rows at stop) x the
 * marginal cost of those windows. On zen5-2c a cold I2_S GEMV settles after 200-500 KiB of weights (prefetcher and
 * DRAM queue start-up). The functional check compares the rows computed with the kernel's scalar reference.
 */
final class SteadyStateGemv {

    static final int STEADY_WINDOWS = 3;
    static final double TOLERANCE = 0.003;
    static final int MIN_WINDOWS = 8;

    /** Cycles, DRAM bytes and energy after {@code rows} rows. */
    record Point(long rows, double cycles, double dramBytes, EnergyReport energy) {
    }

    /** {@code from} is the snapshot the marginal cost starts at, {@code to} where the run stopped (or ended). */
    record Outcome(Point from, Point to, boolean steady, String bound, boolean bitExact) {
    }

    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private SteadyStateGemv() {
    }

    /**
     * @param windowRows rows per window; 0 runs all rows with no early stop
     * @param minRows    rows to run before steady state may be declared
     */
    static Outcome run(HardwareConfig hw, Microarchitecture uarch, GemvLowering lowering, int rows, int cols,
            long windowRows, long minRows, long seed, CacheState state) {
        Program program = lowering.lower(rows, cols);
        GemvOperands data = lowering.random(rows, cols, seed);
        Memory memory = new Memory(program.regions());
        data.bind(memory);
        MemoryHierarchy hierarchy = MachineBuilder.memory(hw);
        if (state == CacheState.WARM) {
            for (Region r : program.regions()) {
                hierarchy.warm(r.base(), r.bytes());
            }
        }
        // A GEMM lowering stores N outputs per weight row (bitnet.cpp's Nx1 finishes a row for all N tokens at once).
        int tokens = lowering.activationColumns();
        Region out = program.regions().stream().filter(r -> r.role() == Region.Role.OUTPUT).findFirst().orElseThrow();
        OutOfOrderCore core = new OutOfOrderCore(program, uarch, hierarchy);
        double freq = hw.core().freqHz();
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, 0, 0, null));
        long[] stored = new long[1];
        boolean stopped = false;
        try {
            GemvSimulation.execute(program, lowering.semantics(), memory, (pc, addr, bytes, store) -> {
                core.retired(pc, addr, bytes, store);
                if (windowRows > 0 && store && addr >= out.base() && addr < out.end()) {
                    stored[0] += bytes;
                    long done = stored[0] / (4L * tokens);
                    if (done >= points.get(points.size() - 1).rows() + windowRows && done < rows) {
                        var s = core.stats();
                        points.add(new Point(done, s.cycles(), hierarchy.dramReadBytes() + hierarchy.dramWriteBytes(),
                            EnergyModel.estimate(hw, s, hierarchy, s.cycles() / freq, 1)));
                        if (done >= minRows && steady(points)) {
                            throw new Stop();
                        }
                    }
                }
            });
        } catch (Stop s) {
            stopped = true;
        }
        var s = core.stats();
        Point to;
        Point from;
        if (stopped) {
            to = points.get(points.size() - 1);
            from = points.get(points.size() - 1 - STEADY_WINDOWS);
        } else {
            to = new Point(rows, s.cycles(), hierarchy.dramReadBytes() + hierarchy.dramWriteBytes(),
                EnergyModel.estimate(hw, s, hierarchy, s.cycles() / freq, 1));
            from = points.size() > STEADY_WINDOWS ? points.get(points.size() - STEADY_WINDOWS) : points.get(0);
        }
        float[] actual = data.readOutput(memory);
        float[] expected = data.scalar();
        boolean exact = GemvSimulation.compare(computed(expected, rows, tokens, (int) to.rows()),
            computed(actual, rows, tokens, (int) to.rows()), "scalar").bitExact();
        double dramCycles = to.dramBytes() / MachineBuilder.dramBytesPerCycle(hw);
        long compute = Math.max(s.portBoundCycles(), s.dispatchBoundCycles());
        String bound = dramCycles >= compute && dramCycles >= s.dataflowBoundCycles() ? "memory"
            : compute >= s.dataflowBoundCycles() ? "compute" : "latency";
        return new Outcome(from, to, stopped, bound, exact);
    }

    /** The first {@code done} rows of each token's outputs (token-major, {@code rows} per token). */
    private static float[] computed(float[] y, int rows, int tokens, int done) {
        float[] out = new float[tokens * done];
        for (int t = 0; t < tokens; t++) {
            System.arraycopy(y, t * rows, out, t * done, done);
        }
        return out;
    }

    /**
     * Whether the cost per row of the last {@link #STEADY_WINDOWS} windows equals that of the {@link #STEADY_WINDOWS}
     * before them within the tolerance, after at least {@link #MIN_WINDOWS} windows (a slowly decaying start-up would
     * pass a comparison of single short windows).
     */
    private static boolean steady(List<Point> points) {
        int n = points.size() - 1;
        if (n < MIN_WINDOWS) {
            return false;
        }
        double recent = perRow(points.get(n - STEADY_WINDOWS), points.get(n));
        double before = perRow(points.get(n - 2 * STEADY_WINDOWS), points.get(n - STEADY_WINDOWS));
        return Math.abs(recent - before) <= TOLERANCE * before;
    }

    private static double perRow(Point a, Point b) {
        return (b.cycles() - a.cycles()) / (b.rows() - a.rows());
    }
}
