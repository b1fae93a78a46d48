// A CPU as a Target: GEMVs with a lowered kernel run on the core and memory model (rows sampled to steady state),
// everything else through the analytic model; results cached per operator shape.
package org.ternsim.sim.target;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.energy.EnergyLine;
import org.ternsim.sim.run.CacheState;
import org.ternsim.sim.energy.EnergyReport;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.sim.workload.OpClass;
import org.ternsim.sim.workload.Operator;
import org.ternsim.sim.workload.Workload;
import org.ternsim.sim.core.StallObserver;
import org.ternsim.sim.timeline.SimCounter;
import org.ternsim.sim.timeline.SimSpan;

/**
 * Steady-state sampling: a GEMV's rows are identical work, so one thread's chunk is simulated window by window
 * (32 KiB of weights, at least 8 rows, each) until the cost per row of the last three windows equals that of the
 * three before within 0.3% (SteadyStateGemv); the
 * remaining rows cost that marginal rate: cost(M) = cost(r) + (M - r) x marginal. The start-up transient (cold
 * misses, prefetcher ramp) is counted once and kept out of the slope. {@code exact} simulates every row. The error of the shortcut is measured in
 * CpuTargetTest.
 *
 * <p>Cache state: when the model's weights exceed the last cache level, every weight matrix streams from DRAM in
 * each pass (cold); otherwise they stay cached between calls (warm). Warm operators are simulated exactly, since a
 * row subset of a cached matrix would sit in a nearer cache level than the whole matrix.
 *
 * <p>Prompts (T > 1 tokens): where the kernel's ISA has a GEMM lowering of it ({@link #GEMM_KERNELS}: I2_S
 * runs as bitnet.cpp's activation-parallel {@code i2_s-nx1}), the operator costs ceil(T / N) warm calls of that
 * program, each multiplying one tile of N tokens (the lowering's {@code activationColumns()}) and sampled to steady
 * state like a GEMV; otherwise T warm GEMVs (bitnet.cpp's 1x1 "no parallel" path). Either way the weights stay in
 * cache between calls (bitnet.cpp's ggml_gemm walks all tokens over a block of weight rows before the next), and the
 * DRAM time of reading them once is a lower bound ({@link OperatorCost#HYBRID}). Decode (T = 1) stays on the GEMV.
 */
public final class CpuTarget implements Target {

    /** Weight bytes one thread's first sample covers. */
    static final long WINDOW_BYTES = 32 * 1024;
    /**
     * Rows (or weight bytes, whichever is reached first) simulated before steady state may be declared. On zen5-2c
     * the per-row cost of a cold I2_S GEMV holds a plateau and then drops to its steady value after ~300 rows
     * (measured for K = 2560 and 6912: 200 and 520 KiB), which a local comparison of windows cannot see;
     * CpuTargetTest checks the 2% bound on K = 2560, 6912 and 45568.
     */
    static final long MIN_SAMPLE_ROWS = 320;
    static final long MIN_SAMPLE_BYTES = 512 * 1024;
    static final int MIN_WINDOW_ROWS = 8;
    /** Windows after the minimum sample; beyond them the last windows are used even if not yet steady. */
    static final int MAX_EXTRA_WINDOWS = 12;

    /** The GEMM (prompt) counterpart of a GEMV kernel: bitnet.cpp's Nx1 loop for I2_S (kernels.md 2.5). */
    static final Map<String, String> GEMM_KERNELS = Map.of("i2_s", "i2_s-nx1", "i2_s-vnni", "i2_s-nx1");

    /**
     * The multiple to which ggml rounds each thread's weight rows ({@link ThreadSplit#rowsPerThread(long, int, int)}):
     * the I2_S type's {@code ncols}, 4, for the kernels that read I2_S weights with integer activations through
     * bitnet.cpp's gemv/gemm path; 1 (ggml's plain row split) for the others.
     */
    static int rowMultiple(String kernel) {
        return kernel.startsWith("i2_s") && !kernel.equals("i2_s-a16") ? 4 : 1;
    }

    private final HardwareConfig hw;
    private final int threads;
    private final boolean exact;
    private final boolean weightsInDram;
    private final long seed;
    private final AnalyticCpuModel analytic;
    private final Map<String, OperatorCost> cache = new ConcurrentHashMap<>();
    private final Microarchitecture uarch;
    private final AtomicInteger simulations = new AtomicInteger();
    /** With {@link #recordTimelines}: what the simulation of each GEMV shape did, for {@link #timeline}. */
    private final Map<String, ChunkDetail> details = new ConcurrentHashMap<>();
    private volatile boolean recording;

    /**
     * One thread's simulated chunk of a GEMV: rows 1..sampledRows ran on the core model in sampledCycles, the chunk
     * of {@code rows} took chunkCycles (extrapolated beyond the sample), with dispatch stalls by cause over the sample.
     */
    private record ChunkDetail(long rows, long sampledRows, double sampledCycles, double chunkCycles,
            boolean extrapolated, boolean steady, double marginalCyclesPerRow, long[] stallCycles) {
    }

    /**
     * @param modelWeightBytes bytes of all weights the workload reads per unit of work, to decide whether they stream
     *                         from DRAM (more than the last cache level holds) or stay cached
     */
    public CpuTarget(HardwareConfig hw, int threads, boolean exact, double modelWeightBytes, long seed) {
        if (threads < 1 || threads > hw.cores()) {
            throw new IllegalArgumentException("--threads must be 1.." + hw.cores() + " on " + hw.name() + " ("
                + hw.cores() + " cores), got " + threads);
        }
        this.hw = hw;
        this.threads = threads;
        this.exact = exact;
        long llc = hw.caches().isEmpty() ? 0 : hw.caches().get(hw.caches().size() - 1).sizeBytes();
        this.weightsInDram = modelWeightBytes > llc;
        this.seed = seed;
        this.uarch = UarchLoader.load(hw.core().uarch());
        this.analytic = new AnalyticCpuModel(hw, uarch, threads, weightsInDram);
    }

    @Override
    public String name() {
        return hw.name();
    }

    @Override
    public String kind() {
        return "cpu";
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public double freqHz() {
        return hw.core().freqHz();
    }

    @Override
    public double memoryBytesPerSecond() {
        return hw.dram().bandwidthBytesPerSec();
    }

    public boolean weightsInDram() {
        return weightsInDram;
    }

    /** Kernel programs run so far (cache misses of the cost cache), for tests and performance notes. */
    public int simulations() {
        return simulations.get();
    }

    public String analyticThroughputSource() {
        return analytic.throughputSource();
    }

    /** Simulates the distinct GEMV shapes on parallel host threads: each simulation is independent and seeded. */
    @Override
    public void prepare(List<Operator> ops) {
        prepare(ops, null);
    }

    /** With a progress, the distinct GEMVs are costed here even on one worker, so that each can be reported. */
    @Override
    public void prepare(List<Operator> ops, RunProgress progress) {
        Map<String, Operator> distinct = new LinkedHashMap<>();
        for (Operator op : ops) {
            if (op.opClass() == OpClass.LINEAR) {
                distinct.putIfAbsent(key(op), op);
            }
        }
        if (progress != null) {
            progress.planned(distinct.size());
        }
        java.util.function.Consumer<Operator> costOne = progress == null ? this::cost : op -> {
            cost(op);
            progress.done();
        };
        int workers = Math.min(distinct.size(), Runtime.getRuntime().availableProcessors());
        if (workers < 2) {
            if (progress != null) {
                distinct.values().forEach(costOne);
            }
            return;
        }
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(workers);
        try {
            pool.submit(() -> distinct.values().parallelStream().forEach(costOne)).join();
        } finally {
            pool.shutdown();
        }
    }

    private String key(Operator op) {
        // The input's sparsity changes only a zero-skipping program's time; dense operators of one shape share a cost.
        boolean zerosMatter = op.opClass() == OpClass.LINEAR
            && lowering(op).map(GemvLowering::skipsZeroInputs).orElse(false);
        return op.opClass() + "|" + op.kernel() + "|" + op.m() + "|" + op.k() + "|" + op.n() + "|"
            + op.context() + "|" + op.kvHeads() + "|" + op.opsPerElement() + "|" + op.weightFormat() + "|"
            + op.inputFormat() + (zerosMatter ? "|zeros " + op.inputSparsity() : "");
    }

    /**
     * The lowering of an operator: an I2_S linear whose input the workload quantizes to int4 (a4.8, v2) runs the
     * ternary x INT4 program {@code i2_s-int4} where the core has one, else the kernel's own.
     */
    private Optional<GemvLowering> lowering(Operator op) {
        List<String> isas = hw.core().isa();
        if (op.kernel().equals("i2_s") && op.inputFormat().equals("int4")) {
            Optional<GemvLowering> int4 = GemvLowerings.forCore("i2_s-int4", isas);
            if (int4.isPresent()) {
                return int4;
            }
        }
        return GemvLowerings.forCore(op.kernel(), isas);
    }

    @Override
    public OperatorCost cost(Operator op) {
        String key = key(op);
        OperatorCost c = cache.get(key);
        if (c == null) {
            c = compute(op, key);
            cache.putIfAbsent(key, c);
        }
        return cache.get(key);
    }

    private OperatorCost compute(Operator op, String key) {
        OperatorCost c = computeUnnamed(op, key);
        Optional<GemvLowering> l = op.opClass() == OpClass.LINEAR ? lowering(op) : Optional.empty();
        if (l.isEmpty() || c.model().equals(OperatorCost.ANALYTIC)) {
            return c;
        }
        String note = c.note();
        if (l.get().skipsZeroInputs()) {
            note += String.format(Locale.ROOT, ", data with %.1f%% zero inputs (the workload's sparsity)",
                100 * op.inputSparsity());
        }
        if (!l.get().kernel().equals(op.kernel())) {
            // Say which program ran when it is not the operator's kernel (i2_s with int4 input runs i2_s-int4).
            note = "program " + l.get().kernel() + "/" + l.get().isa() + ": " + note;
        }
        return note.equals(c.note()) ? c : new OperatorCost(c.cycles(), c.seconds(), c.energyPj(), c.dramBytes(),
            c.bound(), c.model(), c.isa(), note);
    }

    private OperatorCost computeUnnamed(Operator op, String key) {
        if (op.opClass() == OpClass.RUNTIME) {
            return withStatic(analytic.runtime(op));
        }
        if (op.opClass() != OpClass.LINEAR) {
            return withStatic(analytic.cost(op, "no lowered program for " + op.opClass().label() + " operators"));
        }
        Optional<GemvLowering> lowering = lowering(op);
        if (lowering.isEmpty()) {
            return withStatic(analytic.cost(op, "kernel " + op.kernel() + " has no lowering for " + hw.core().isa()));
        }
        GemvLowering l = lowering.get().withInputSparsity(op.inputSparsity());
        try {
            l.checkShape(MIN_WINDOW_ROWS, (int) op.k());
        } catch (IllegalArgumentException e) {
            return withStatic(analytic.cost(op, e.getMessage()));
        }
        String untimed = untimedForm(l, (int) op.k());
        if (untimed != null) {
            return withStatic(analytic.cost(op, uarch.name() + " has no timing for '" + untimed + "' of the "
                + l.kernel() + "/" + l.isa() + " program"));
        }
        long rows = ThreadSplit.rowsPerThread(op.m(), threads, rowMultiple(op.kernel()));
        if (op.n() == 1) {
            CacheState state = weightsInDram ? CacheState.COLD : CacheState.WARM;
            return gemv(l, rows, (int) op.k(), state, exact || state == CacheState.WARM, recording ? key : null);
        }
        // The GEMM on the GEMV's ISA: bitnet.cpp's i2_s runs its AVX2 code on AVX-512 cores for prompts too.
        Optional<GemvLowering> gemm = Optional.ofNullable(GEMM_KERNELS.get(op.kernel()))
            .flatMap(k -> GemvLowerings.find(k, l.isa()))
            .filter(g -> untimedForm(g, (int) op.k()) == null);
        return prompt(op, gemm.orElse(l), rows);
    }

    /**
     * One thread's GEMV of {@code rows} x {@code cols} with lowering {@code l}, simulated as {@link #cost} simulates a
     * linear operator of one token (for tests that cover every lowering, whichever one the core would pick); null if
     * the core's table does not time the program.
     */
    OperatorCost gemvOf(GemvLowering l, long rows, int cols) {
        if (untimedForm(l, cols) != null) {
            return null;
        }
        CacheState state = weightsInDram ? CacheState.COLD : CacheState.WARM;
        return gemv(l, rows, cols, state, exact || state == CacheState.WARM, null);
    }

    /** The first instruction form of {@code l}'s program that the core's table does not time, or null. */
    private String untimedForm(GemvLowering l, int cols) {
        try {
            l.checkShape(MIN_WINDOW_ROWS, cols);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return l.lower(MIN_WINDOW_ROWS, cols).code().stream().map(in -> in.form()).filter(f -> !uarch.has(f))
            .findFirst().orElse(null);
    }

    /**
     * A prompt's GEMM over T tokens: ceil(T / N) warm calls of {@code l} (N = its activation columns: 1 for a GEMV,
     * the tile for a GEMM lowering), bounded below by reading the weights once from DRAM.
     */
    private OperatorCost prompt(Operator op, GemvLowering l, long rows) {
        int tile = l.activationColumns();
        long calls = (op.n() + tile - 1) / tile;
        OperatorCost perCall = gemv(l, rows, (int) op.k(), CacheState.WARM, exact, null);
        double callCycles = perCall.cycles() * calls;
        double weightBytes = op.weightBytes();
        double dramCycles = weightBytes / (hw.dram().bandwidthBytesPerSec() / hw.core().freqHz());
        double cycles = Math.max(callCycles, dramCycles);
        Map<String, Double> e = new LinkedHashMap<>();
        perCall.energyPj().forEach((k, v) -> {
            if (!k.equals("static")) {
                e.put(k, v * calls);
            }
        });
        if (weightsInDram) {
            e.merge("DRAM", weightBytes * 8 * hw.dram().energyPjPerBit(), Double::sum);
        }
        String what = tile == 1 ? op.n() + " tokens x warm GEMV"
            : calls + " tiles of " + tile + " tokens x warm " + l.kernel() + " GEMM";
        return withStatic(new OperatorCost(cycles, cycles / freqHz(), e, weightsInDram ? weightBytes : 0,
            callCycles >= dramCycles ? perCall.bound() : "memory", OperatorCost.HYBRID, l.isa(),
            what + " (" + perCall.note() + "); weights read once" + (weightsInDram ? " from DRAM" : "")));
    }

    /**
     * One thread's GEMV of {@code rows} x {@code cols}, exact or until steady state; energy covers all threads.
     * {@code detailKey}: where to keep what the simulation did for {@link #timeline}, null to keep nothing.
     */
    private OperatorCost gemv(GemvLowering l, long rows, int cols, CacheState state, boolean full, String detailKey) {
        long rowBytes = Math.max(1, cols / 4);
        long window = Math.max(MIN_WINDOW_ROWS, (WINDOW_BYTES + rowBytes - 1) / rowBytes);
        long minRows = Math.min(MIN_SAMPLE_ROWS, (MIN_SAMPLE_BYTES + rowBytes - 1) / rowBytes);
        long cap = minRows + MAX_EXTRA_WINDOWS * window;
        String where = state.name().toLowerCase(Locale.ROOT) + ", " + threads + " thread" + (threads > 1 ? "s" : "");
        boolean whole = full || rows <= cap || !l.outputsInRowOrder();
        simulations.incrementAndGet();
        SteadyStateGemv.Outcome o = SteadyStateGemv.run(hw, uarch, l, (int) (whole ? rows : cap), cols,
            full ? 0 : window, minRows, seed, state, detailKey != null);
        if (!o.bitExact()) {
            // A cost measured on a program that computed the wrong numbers stands for nothing: no result is better.
            throw new IllegalStateException(l.kernel() + "/" + l.isa() + " " + rows + "x" + cols + " on " + hw.name()
                + ": the simulated program's outputs differ from the kernel's reference (a TernSim bug)");
        }
        String check = "bit-exact";
        SteadyStateGemv.Point b = o.to();
        if (b.rows() == rows) {
            if (detailKey != null) {
                details.put(detailKey, new ChunkDetail(rows, rows, b.cycles(), b.cycles(), false, o.steady(), 0,
                    o.stallCycles()));
            }
            return shared(b.cycles(), dynamic(b.energy()), threads * b.dramBytes(), o.bound(), OperatorCost.SIMULATED,
                l.isa(), rows + " rows per thread simulated, " + where + ", " + check);
        }
        SteadyStateGemv.Point[] span = marginalSpan(o, minRows);
        SteadyStateGemv.Point a = span[0];
        b = span[1];
        double t = (double) (rows - b.rows()) / (b.rows() - a.rows());
        double cycles = b.cycles() + t * (b.cycles() - a.cycles());
        Map<String, Double> e = new LinkedHashMap<>();
        Map<String, Double> ea = dynamic(a.energy());
        Map<String, Double> eb = dynamic(b.energy());
        eb.forEach((k, v) -> e.put(k, v + t * (v - ea.getOrDefault(k, 0.0))));
        double bytes = threads * (b.dramBytes() + t * (b.dramBytes() - a.dramBytes()));
        if (detailKey != null) {
            details.put(detailKey, new ChunkDetail(rows, b.rows(), b.cycles(), cycles, true, o.steady(),
                (b.cycles() - a.cycles()) / (b.rows() - a.rows()), o.stallCycles()));
        }
        return shared(cycles, e, bytes, o.bound(), OperatorCost.EXTRAPOLATED, l.isa(), "rows 1-" + b.rows() + " of "
            + rows + " per thread simulated" + (o.steady() ? " to steady state" : " (no steady state within the cap)")
            + ", rows " + (a.rows() + 1) + "-" + b.rows() + " give the marginal cost, " + where + ", " + check);
    }

    @Override
    public void recordTimelines() {
        recording = true;
    }

    /**
     * One span per thread ("thread 0", "thread 1" ...), each holding the operator; under it, for a simulated GEMV, the
     * rows that ran on the core model, the rows extrapolated from the steady state, and the wait for shared DRAM
     * bandwidth. Every thread shows the timing of the largest chunk, which is the one simulated (threads are assumed
     * to finish together, see ThreadSplit). A "bound" track names what limits each operator, and a counter gives the
     * dispatch stalls by cause as a share of the simulated cycles.
     */
    @Override
    public org.ternsim.sim.timeline.Timeline timeline(Operator op, OperatorCost cost) {
        org.ternsim.sim.timeline.Timeline.Builder b = new org.ternsim.sim.timeline.Timeline.Builder();
        ChunkDetail d = op.opClass() == OpClass.LINEAR ? details.get(key(op)) : null;
        int multiple = rowMultiple(op.kernel());
        long chunk = ThreadSplit.rowsPerThread(op.m(), threads, multiple);
        double f = freqHz();
        for (int t = 0; t < threads; t++) {
            String track = "thread " + t;
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("thread", t);
            if (op.opClass() == OpClass.LINEAR) {
                extra.put("rows", ThreadSplit.rangeStart(op.m(), threads, multiple, t + 1)
                    - ThreadSplit.rangeStart(op.m(), threads, multiple, t));
            }
            if (threads > 1 && op.opClass() == OpClass.LINEAR) {
                extra.put("timing", "of the largest chunk (" + chunk + " rows); threads assumed to finish together");
            }
            b.span(OperatorSpans.span(name(), track, op, cost, extra));
            if (d == null) {
                continue;
            }
            double sampled = d.sampledCycles() / f;
            Map<String, Object> sa = new LinkedHashMap<>();
            sa.put("rows", d.sampledRows());
            sa.put("cycles", Math.round(d.sampledCycles()));
            b.span(new SimSpan(name(), track, "rows 1-" + d.sampledRows() + " simulated", "simulated", 0, sampled, sa));
            if (d.extrapolated()) {
                Map<String, Object> ea = new LinkedHashMap<>();
                ea.put("rows", d.rows() - d.sampledRows());
                ea.put("extrapolated", true);
                ea.put("steady_state", d.steady());
                ea.put("marginal_cycles_per_row", d.marginalCyclesPerRow());
                b.span(new SimSpan(name(), track, "rows " + (d.sampledRows() + 1) + "-" + d.rows() + " extrapolated",
                    "extrapolated", sampled, Math.max(0, d.chunkCycles() / f - sampled), ea));
            }
            if (cost.cycles() > d.chunkCycles()) {
                Map<String, Object> wa = new LinkedHashMap<>();
                wa.put("threads", threads);
                wa.put("dram_bytes_all_threads", Math.round(cost.dramBytes()));
                wa.put("cycles", Math.round(cost.cycles() - d.chunkCycles()));
                b.span(new SimSpan(name(), track, "waiting for shared DRAM bandwidth", "stall", d.chunkCycles() / f,
                    (cost.cycles() - d.chunkCycles()) / f, wa));
            }
        }
        b.span(new SimSpan(name(), "bound", cost.bound(), "bound", 0, cost.seconds(),
            Map.of("operator", OperatorSpans.name(op), "model", cost.model())));
        if (d != null && d.stallCycles() != null && d.sampledCycles() > 0) {
            Map<String, Double> pct = new LinkedHashMap<>();
            Map<String, Double> zero = new LinkedHashMap<>();
            for (StallObserver.Cause c : StallObserver.Cause.values()) {
                pct.put(c.label(), 100.0 * d.stallCycles()[c.ordinal()] / d.sampledCycles());
                zero.put(c.label(), 0.0);
            }
            b.counter(new SimCounter(name(), STALL_COUNTER, 0, pct));
            b.counter(new SimCounter(name(), STALL_COUNTER, cost.seconds(), zero));
        }
        return b.build();
    }

    /**
     * The two snapshots a sampled GEMV's marginal cost per row is taken between: where the steady state began and
     * where the run stopped; or, for a run cut at the cap without a steady state, whole windows, from the first after
     * {@code minRows} to the last. The run's end may fall inside a row block, where a tiled program has computed more
     * rows than it stored (TL1 on xeon-gnr-2c as configured until 2026-12-05: +10.7% against --exact), and windows
     * that did not settle vary, so the longest span averages them (i7-13700h f16 from DRAM: -0.7% against --exact,
     * where the last three windows gave +1.6%).
     */
    static SteadyStateGemv.Point[] marginalSpan(SteadyStateGemv.Outcome o, long minRows) {
        List<SteadyStateGemv.Point> windows = o.windows();
        if (!o.steady() && windows.size() > SteadyStateGemv.STEADY_WINDOWS + 1) {
            return new SteadyStateGemv.Point[] {SteadyStateGemv.cutFrom(windows, minRows),
                windows.get(windows.size() - 1)};
        }
        return new SteadyStateGemv.Point[] {o.from(), o.to()};
    }

    /** Counter of {@link #timeline}: dispatch stall cycles by cause over the simulated rows of a chunk. */
    public static final String STALL_COUNTER = "dispatch stalls (% of simulated cycles)";

    /** One chunk's cost with all threads' DRAM traffic held to the machine's bandwidth (see ThreadSplit). */
    private OperatorCost shared(double chunkCycles, Map<String, Double> energy, double dramBytes, String bound,
            String model, String isa, String note) {
        double cycles = ThreadSplit.sharedCycles(hw, chunkCycles, dramBytes);
        boolean limited = ThreadSplit.dramShared(hw, chunkCycles, dramBytes);
        return withStatic(new OperatorCost(cycles, cycles / freqHz(), energy, dramBytes, limited ? "memory" : bound,
            model, isa, note + (limited ? "; shared DRAM bandwidth sets the time" : "")));
    }

    /** Dynamic energy by component of one thread's run times the thread count (static lines are re-derived). */
    private Map<String, Double> dynamic(EnergyReport r) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (EnergyLine line : r.lines()) {
            if (!line.component().equals("static")) {
                m.merge(line.component(), line.totalPj() * threads, Double::sum);
            }
        }
        return m;
    }

    /** A llama.cpp-style LLM run pays ggml's graph dispatch and barriers ({@link GgmlGraph#runtime}). */
    @Override
    public Optional<Operator> runtimeOperator(List<Operator> ops, Workload.Family family) {
        return family == Workload.Family.LLM ? Optional.of(GgmlGraph.runtime(ops)) : Optional.empty();
    }

    /** Adds static energy for the cost's wall time: every active core's static power, the uncore's and DRAM's once. */
    private OperatorCost withStatic(OperatorCost c) {
        Map<String, Double> e = new LinkedHashMap<>(c.energyPj());
        double watts = threads * hw.energy().coreStaticPowerW() + hw.energy().uncoreStaticPowerW()
            + hw.dram().backgroundPowerW();
        e.put("static", watts * c.seconds() * 1e12);
        return new OperatorCost(c.cycles(), c.seconds(), e, c.dramBytes(), c.bound(), c.model(), c.isa(), c.note());
    }
}
