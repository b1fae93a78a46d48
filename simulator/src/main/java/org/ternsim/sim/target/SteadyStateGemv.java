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
import org.ternsim.sim.core.Loop;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.core.StallObserver;
import org.ternsim.sim.energy.EnergyModel;
import org.ternsim.sim.energy.EnergyReport;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.CacheState;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.MachineBuilder;
import org.ternsim.sim.run.MissWindowBound;

/**
 * Same machine set-up as {@link GemvSimulation#run}. A listener between the interpreter and the core counts output
 * bytes stored (4 per row and activation column: N for a GEMM lowering's tile) and takes a snapshot (cycles, DRAM
 * bytes, energy) after every window of rows. Steady state is declared when the last {@link #STEADY_WINDOWS} windows
 * cost the same per row as the ones before them, within {@link #TOLERANCE}, and no window of them strays from their
 * mean by more than {@link #WINDOW_SPREAD}; the run then stops (the interpreter is left through an exception) and
 * cost(M) = cost(at stop) + (M - rows at stop) x the marginal cost of those windows. On zen5-2c a cold I2_S GEMV settles after 200-500 KiB of weights (prefetcher and
 * DRAM queue start-up). The functional check compares the rows computed with the kernel's scalar reference.
 *
 * <p>Operand data: generating, quantizing and packing the weights costs more host time than simulating them, and a
 * sampled run usually stops at the first window where the steady-state test may pass. So a sampled run first gets
 * data only for the rows it can reach by then plus {@link #REACH_MARGIN_WINDOWS} windows (rounded up to
 * {@link #REACH_ROW_MULTIPLE} rows), bound as a prefix of every region of the full-size program, whose memory layout
 * (and so cache behaviour) is unchanged. If the run gets past those rows, or its output is not bit-exact (a layout
 * where a row prefix is not a region prefix), it is run again with data for every row. Timing does not depend on the
 * weight values, so both give the same cycles; the data generated differ (their absmean scale covers fewer rows).
 */
final class SteadyStateGemv {

    static final int STEADY_WINDOWS = 3;
    static final double TOLERANCE = 0.003;
    /**
     * How far each of the last 2 x {@link #STEADY_WINDOWS} windows may lie from their mean cost per row. Settled runs
     * repeat each window's cost to a fraction of this; a run whose windows keep varying (i7-13700h f16 from DRAM, 860
     * to 955 cycles per row from window to window, from the L1 prefetcher's dropped requests) can pass the comparison
     * of two three-window means by chance, and its marginal cost was then that of a few windows (+1.6 %).
     */
    static final double WINDOW_SPREAD = 0.01;
    static final int MIN_WINDOWS = 8;
    /** Windows of data beyond the first point where steady state may be declared. */
    static final int REACH_MARGIN_WINDOWS = 2;
    /**
     * Row granularity of the reduced data: a multiple of the tiled lowerings' row blocks (16, 32 or 64 rows). The
     * 3-row blocks of i2_s-1xn do not divide it; a reduced run that ends part-way through a block is run again with
     * all data (the bit-exact check sends it back).
     */
    static final int REACH_ROW_MULTIPLE = 64;
    /** The region every lowering stores its results in, 4 bytes per row and activation column. */
    static final String OUTPUT_REGION = "output";

    /** Cycles, DRAM bytes and energy after {@code rows} rows. */
    record Point(long rows, double cycles, double dramBytes, EnergyReport energy) {
    }

    /**
     * {@code from} is the snapshot the marginal cost starts at, {@code to} where the run stopped (or ended);
     * {@code stallCycles} the dispatch stall cycles of the simulated rows by {@link StallObserver.Cause} ordinal
     * (null unless asked for); {@code windows} every snapshot taken, each at the end of a row block, starting with
     * the empty one at row 0.
     */
    record Outcome(Point from, Point to, boolean steady, String bound, boolean bitExact, long[] stallCycles,
            List<Point> windows) {
    }

    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    /** A run on reduced data got past the rows it has data for. */
    private static final class Beyond extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Beyond() {
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
        return run(hw, uarch, lowering, rows, cols, windowRows, minRows, seed, state, false);
    }

    /** @param countStalls also count the core's dispatch stall cycles by cause (timing is the same either way) */
    static Outcome run(HardwareConfig hw, Microarchitecture uarch, GemvLowering lowering, int rows, int cols,
            long windowRows, long minRows, long seed, CacheState state, boolean countStalls) {
        if (!lowering.outputsInRowOrder()) {
            // The first rows' outputs and cost stand for nothing here: a column-major program's early row chunks
            // fetch the lines later chunks reuse (i2_s-sparse: -20% against --exact). All rows are simulated.
            return run(hw, uarch, lowering, rows, cols, 0, minRows, seed, state, countStalls, rows);
        }
        if (windowRows > 0) {
            long firstStop = windowRows * Math.max(MIN_WINDOWS, (minRows + windowRows - 1) / windowRows);
            long reach = firstStop + REACH_MARGIN_WINDOWS * windowRows;
            reach = (reach + REACH_ROW_MULTIPLE - 1) / REACH_ROW_MULTIPLE * REACH_ROW_MULTIPLE;
            if (reach < rows) {
                Outcome o;
                try {
                    o = run(hw, uarch, lowering, rows, cols, windowRows, minRows, seed, state, countStalls, (int) reach);
                } catch (IllegalArgumentException e) { // a row count the lowering does not take: use all rows
                    o = null;
                }
                if (o != null) {
                    return o;
                }
            }
        }
        return run(hw, uarch, lowering, rows, cols, windowRows, minRows, seed, state, countStalls, rows);
    }

    /** One run of the {@code rows}-row program with data for its first {@code dataRows}; null if that was too few. */
    static Outcome run(HardwareConfig hw, Microarchitecture uarch, GemvLowering lowering, int rows, int cols,
            long windowRows, long minRows, long seed, CacheState state, boolean countStalls, int dataRows) {
        Program program = lowering.lower(rows, cols);
        GemvOperands data = lowering.random(dataRows, cols, seed);
        Memory memory = new Memory(program.regions());
        if (dataRows == rows) {
            data.bind(memory);
        } else {
            Memory part = new Memory(lowering.lower(dataRows, cols).regions());
            data.bind(part);
            for (Region r : program.regions()) {
                copyRows(part.bytes(r.name()), dataRows, memory.bytes(r.name()), rows);
            }
        }
        MemoryHierarchy hierarchy = MachineBuilder.memory(hw);
        if (state == CacheState.WARM) {
            for (Region r : program.regions()) {
                hierarchy.warm(r.base(), r.bytes());
            }
        }
        // A GEMM lowering stores N outputs per weight row (bitnet.cpp's Nx1 finishes a row for all N tokens at once).
        int tokens = lowering.activationColumns();
        // Rows are counted by the stores into the result region, named "output" by every lowering. Other regions a
        // program writes (T-MAC's per-row lane sums, a sparse program's compacted inputs) are written many times per
        // row; counting them made a sampled T-MAC run stop after a few real rows.
        Region out = program.region(OUTPUT_REGION);
        OutOfOrderCore core = new OutOfOrderCore(program, uarch, hierarchy);
        long[] stalls = countStalls ? new long[StallObserver.Cause.values().length] : null;
        if (stalls != null) {
            core.observeStalls((cause, from, cycles) -> stalls[cause.ordinal()] += cycles);
        }
        double freq = hw.core().freqHz();
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, 0, 0, null));
        RowProgress progress = new RowProgress(program, tokens);
        boolean stopped = false;
        try {
            GemvSimulation.execute(program, lowering.semantics(), memory, (pc, addr, bytes, store) -> {
                progress.visit(pc);
                core.retired(pc, addr, bytes, store);
                if (windowRows > 0 && store && addr >= out.base() && addr < out.end()) {
                    long done = progress.stored(bytes);
                    if (dataRows < rows && done > dataRows) {
                        throw new Beyond();
                    }
                    if (done >= points.get(points.size() - 1).rows() + windowRows && progress.blockEnds(done)
                            && done < rows) {
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
        } catch (Beyond b) {
            return null;
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
        // expected holds dataRows outputs per token, actual the full program's rows per token
        boolean exact = GemvSimulation.compare(computed(expected, dataRows, tokens, (int) to.rows()),
            computed(actual, rows, tokens, (int) to.rows()), "scalar").bitExact();
        if (!exact && dataRows < rows) {
            return null;
        }
        // DRAM bandwidth, or DRAM latency over the lines the window holds where no prefetcher runs ahead
        double dramCycles = Math.max(to.dramBytes() / MachineBuilder.dramBytesPerCycle(hw),
            MissWindowBound.of(hw, uarch.core(), s, hierarchy.dramReadBytes(), 1).cycles());
        long compute = Math.max(s.portBoundCycles(), s.dispatchBoundCycles());
        String bound = dramCycles >= compute && dramCycles >= s.dataflowBoundCycles() ? "memory"
            : compute >= s.dataflowBoundCycles() ? "compute" : "latency";
        return new Outcome(from, to, stopped, bound, exact, stalls, List.copyOf(points));
    }

    /**
     * Rows done, counted by the bytes stored into the output region, and the program's row block: the rows whose
     * outputs it stores together, after computing them all (1 for a row-by-row program, 32 for TL2 on AVX2, 16 for
     * T-MAC on NEON). A window may only end at a block's last store: a count taken part-way through the stores credits
     * the whole block's work to too few rows (T-MAC's 32-row tiles against 52-row windows were 3.6% off --exact). The
     * block is the rows done per iteration of the program's outermost loop, seen between its first two visits.
     */
    private static final class RowProgress {
        private final int outerHead;
        private final long bytesPerRow;
        private long stored;
        private long doneAtHead = -1;
        private long block;

        RowProgress(Program program, int tokens) {
            this.bytesPerRow = 4L * tokens;
            Loop outer = null;
            for (Loop l : Loop.all(program)) {
                outer = outer == null || l.size() > outer.size() ? l : outer;
            }
            this.outerHead = outer == null ? -1 : outer.startPc();
            this.block = outer == null ? 1 : 0; // a program without a loop: every store may end a window
        }

        void visit(int pc) {
            if (pc == outerHead && block == 0) {
                long done = stored / bytesPerRow;
                if (doneAtHead >= 0 && done > doneAtHead) {
                    block = done - doneAtHead;
                }
                doneAtHead = done;
            }
        }

        /** Counts a store of {@code bytes} into the output; returns the rows done. */
        long stored(int bytes) {
            stored += bytes;
            return stored / bytesPerRow;
        }

        /** Whether {@code done} rows end a row block (never before the block is known). */
        boolean blockEnds(long done) {
            return block > 0 && done % block == 0;
        }
    }

    /**
     * Copies a region laid out for {@code fewer} rows into the same region laid out for {@code rows}, taking the size
     * to be affine in the row count (bytes per row times rows, then a trailer, e.g. I2_S's scale after the packed
     * weights): the row part goes to the start, the trailer after the larger row part. A layout that is not of this
     * form gives a wrong output, which the bit-exact check catches (the run is then repeated with all data).
     */
    private static void copyRows(byte[] from, int fewer, byte[] to, int rows) {
        long perRow = (long) (to.length - from.length) / (rows - fewer);
        long rowPart = perRow * fewer;
        if (perRow < 0 || rowPart > from.length) {
            System.arraycopy(from, 0, to, 0, Math.min(from.length, to.length));
            return;
        }
        System.arraycopy(from, 0, to, 0, (int) rowPart);
        System.arraycopy(from, (int) rowPart, to, (int) (perRow * rows), from.length - (int) rowPart);
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
     * pass a comparison of single short windows), and each of those windows lies within {@link #WINDOW_SPREAD} of
     * their mean.
     */
    private static boolean steady(List<Point> points) {
        int n = points.size() - 1;
        if (n < MIN_WINDOWS) {
            return false;
        }
        double recent = perRow(points.get(n - STEADY_WINDOWS), points.get(n));
        double before = perRow(points.get(n - 2 * STEADY_WINDOWS), points.get(n - STEADY_WINDOWS));
        if (Math.abs(recent - before) > TOLERANCE * before) {
            return false;
        }
        double mean = perRow(points.get(n - 2 * STEADY_WINDOWS), points.get(n));
        for (int i = n - 2 * STEADY_WINDOWS + 1; i <= n; i++) {
            if (Math.abs(perRow(points.get(i - 1), points.get(i)) - mean) > WINDOW_SPREAD * mean) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the marginal cost of a run cut at the cap without a steady state starts: the first window end at or after
     * {@code minRows} (the start-up is over by then, as the steady-state test assumes), so that the longest span of
     * whole windows averages windows that vary; at least {@link #STEADY_WINDOWS} windows before the last.
     */
    static Point cutFrom(List<Point> windows, long minRows) {
        int last = windows.size() - 1;
        for (int i = 0; i < last - STEADY_WINDOWS; i++) {
            if (windows.get(i).rows() >= minRows) {
                return windows.get(i);
            }
        }
        return windows.get(last - STEADY_WINDOWS);
    }

    private static double perRow(Point a, Point b) {
        return (b.cycles() - a.cycles()) / (b.rows() - a.rows());
    }
}
