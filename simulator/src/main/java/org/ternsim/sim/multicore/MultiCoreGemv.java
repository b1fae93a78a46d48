// Simulates one GEMV split over N cores (contiguous row chunks, as bitnet.cpp's threads) with private L1/L2, shared L3 and DRAM, and a closing barrier.
package org.ternsim.sim.multicore;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.isa.AsmText;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvOperands;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.CacheConfig;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.core.CoreStats;
import org.ternsim.sim.core.OpClass;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.energy.EnergyModel;
import org.ternsim.sim.energy.EnergyReport;
import org.ternsim.sim.mem.Cache;
import org.ternsim.sim.mem.CacheStats;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.CacheState;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.MachineBuilder;
import org.ternsim.sim.run.MissWindowBound;
import org.ternsim.sim.run.RunResult;

/**
 * How the cores interleave: each simulated core runs on its own Java thread (the interpreter drives the core model
 * by callbacks, so a core cannot be stepped from outside), and a {@link TimeOrderedGate} admits them to the shared
 * levels one at a time in simulated-time order. Private L1/L2 traffic needs no ordering. The time order is that of
 * the cycle at which each access reaches the shared level; out-of-order issue inside a core makes those cycles
 * slightly non-monotonic, which the shared DRAM bandwidth server absorbs as it does for one core.
 *
 * <p>Work split: ggml's matrix-vector path gives each thread a contiguous block of output rows; here core k gets
 * rows [k*chunk, min(rows, (k+1)*chunk)) with chunk = ceil(rows / N) rounded up to the lowering's row granularity.
 * Activations and constants are shared (same machine addresses for all cores, so one copy in L3); weight and output
 * chunks are private, laid out contiguously as one matrix is.
 *
 * <p>Barrier: the run ends with one ggml-style barrier (each thread atomically increments a shared counter, the last
 * releases the spinners). Its cost is estimated as (N + 1) transfers of the counter's line through the first shared
 * level: N serialised read-modify-writes plus the release, each at that level's load-to-use latency.
 *
 * <p>Not modelled: coherence traffic beyond the barrier, SMT, frequency drop with more active cores (the config's
 * clock is used for all), NUMA, per-CCD fabric links.
 */
public final class MultiCoreGemv {

    /** The whole run: totals (threads = N, cycles = slowest core + barrier) and each core's share. */
    public record Result(RunResult total, List<CoreShare> cores, long barrierCycles, long gateHandoffs) {
    }

    private MultiCoreGemv() {
    }

    public static Result run(GemvSimulation.Request req, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        HardwareConfig hw = req.hw();
        if (threads > hw.cores()) {
            throw new IllegalArgumentException(hw.name() + " has " + hw.cores() + " cores; asked for " + threads
                + " threads");
        }
        GemvLowering lowering = req.lowering();
        int rows = req.rows();
        int cols = req.cols();
        int grain = granularity(lowering, rows, cols);
        int chunk = roundUp((rows + threads - 1) / threads, grain);

        Microarchitecture uarch = UarchLoader.load(hw.core().uarch());
        MachineBuilder.SharedParts shared = MachineBuilder.sharedParts(hw);
        TimeOrderedGate gate = new TimeOrderedGate(threads);
        List<Worker> workers = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            int first = Math.min(rows, k * chunk);
            int n = Math.min(rows, first + chunk) - first;
            workers.add(new Worker(k, first, n));
        }
        Map<String, Boolean> perCoreRegion = perCoreRegions(lowering, chunk, cols, grain);
        for (Worker w : workers) {
            if (w.rows == 0) {
                gate.done(w.core);
                continue;
            }
            w.prepare(req, uarch, shared, gate, perCoreRegion, chunk);
        }
        runAll(workers, gate);

        long slowest = 0;
        List<CoreShare> shares = new ArrayList<>();
        List<MemoryHierarchy> hierarchies = new ArrayList<>();
        List<CoreStats> stats = new ArrayList<>();
        for (Worker w : workers) {
            if (w.rows == 0) {
                continue;
            }
            CoreStats s = w.model.stats();
            slowest = Math.max(slowest, s.cycles());
            List<CacheStats> priv = new ArrayList<>();
            for (int level = 0; level < shared.firstShared(); level++) {
                priv.add(w.hierarchy.levels().get(level).stats());
            }
            shares.add(new CoreShare(w.core, w.firstRow, w.rows, s, priv, w.hierarchy.dramReadBytes(),
                w.hierarchy.dramWriteBytes(), w.check));
            hierarchies.add(w.hierarchy);
            stats.add(s);
        }
        int active = stats.size();
        long barrier = barrierCycles(hw, active);
        CoreStats total = combine(stats, slowest + barrier);
        MemoryHierarchy machine = MemoryHierarchy.aggregate(hierarchies);
        double seconds = total.cycles() / hw.core().freqHz();
        EnergyReport energy = EnergyModel.estimate(hw, total, machine, seconds, active);
        List<CacheStats> caches = new ArrayList<>();
        for (Cache c : machine.levels()) {
            caches.add(c.stats());
        }
        int mismatches = 0;
        int outputs = 0;
        for (CoreShare s : shares) {
            mismatches += s.check().mismatches();
            outputs += s.check().outputs();
        }
        Worker w0 = workers.get(0);
        long operandBytes = 0;
        for (Worker w : workers) {
            operandBytes += w.rows == 0 ? 0 : w.operandBytes;
        }
        operandBytes -= (long) (active - 1) * w0.sharedInputBytes;
        int tokens = lowering.activationColumns();
        RunResult result = new RunResult(tokens > 1 ? "gemm" : "gemv", lowering.kernel(), lowering.isa(), rows, cols,
            tokens, threads, hw.name(),
            uarch.name(), hw.core().freqHz(), req.cacheState(), w0.program.name(), AsmText.print(w0.program),
            operandBytes, total, caches, machine.dramReadBytes(), machine.dramWriteBytes(),
            MachineBuilder.dramBytesPerCycle(hw),
            MissWindowBound.of(hw, uarch.core(), total, machine.dramReadBytes(), active), energy,
            new RunResult.FunctionalCheck(mismatches == 0, mismatches, outputs, w0.check.reference()));
        return new Result(result, List.copyOf(shares), barrier, gate.handoffs());
    }

    /** ggml-style barrier estimate: (N + 1) line transfers through the first shared level; 0 for one thread. */
    public static long barrierCycles(HardwareConfig hw, int threads) {
        if (threads <= 1) {
            return 0;
        }
        long transfer = hw.caches().stream().filter(CacheConfig::shared).findFirst()
            .map(c -> (long) c.latencyCycles())
            .orElse(Math.round(hw.dram().latencyNs() * 1e-9 * hw.core().freqHz()));
        return (threads + 1L) * transfer;
    }

    /** The smallest row count the lowering accepts at this width, so that chunks stay valid shapes. */
    public static int granularity(GemvLowering lowering, int rows, int cols) {
        for (int g = 1; g <= rows; g *= 2) {
            try {
                lowering.checkShape(g, cols);
                return g;
            } catch (IllegalArgumentException e) {
                // try the next power of two
            }
        }
        return rows;
    }

    private static int roundUp(int n, int grain) {
        return (n + grain - 1) / grain * grain;
    }

    /** A region is a core's own if its size depends on the row count (weights, outputs), else shared (activations). */
    private static Map<String, Boolean> perCoreRegions(GemvLowering lowering, int chunk, int cols, int grain) {
        Map<String, Integer> a = new HashMap<>();
        for (Region r : lowering.lower(chunk, cols).regions()) {
            a.put(r.name(), r.bytes());
        }
        Map<String, Boolean> out = new HashMap<>();
        for (Region r : lowering.lower(chunk + grain, cols).regions()) {
            out.put(r.name(), !a.containsKey(r.name()) || a.get(r.name()) != r.bytes());
        }
        return out;
    }

    private static void runAll(List<Worker> workers, TimeOrderedGate gate) {
        List<Thread> threads = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (Worker w : workers) {
            if (w.rows == 0) {
                continue;
            }
            Thread t = new Thread(() -> {
                try {
                    w.execute();
                } catch (Throwable e) {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    }
                } finally {
                    gate.done(w.core);
                }
            }, "ternsim-core-" + w.core);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while simulating cores", e);
            }
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        }
        if (failure[0] != null) {
            throw new IllegalStateException("simulated core failed", failure[0]);
        }
    }

    /** Per-core counts summed; cycles = the run's end; bounds = the largest per-core bound (cores work in parallel). */
    private static CoreStats combine(List<CoreStats> all, long cycles) {
        CoreStats c0 = all.get(0);
        if (all.size() == 1) {
            return new CoreStats(cycles, c0.instructions(), c0.uops(), c0.loads(), c0.stores(), c0.opCounts(),
                c0.vectorWork256(), c0.ports(), c0.portBusyCycles(), c0.dispatchBoundCycles(), c0.portBoundCycles(),
                c0.busiestPort(), c0.dataflowBoundCycles());
        }
        long instructions = 0;
        long uops = 0;
        long loads = 0;
        long stores = 0;
        Map<OpClass, Long> ops = new EnumMap<>(OpClass.class);
        Map<OpClass, Double> work = new EnumMap<>(OpClass.class);
        long[] busy = new long[c0.portBusyCycles().length];
        long dispatch = 0;
        long port = 0;
        long dataflow = 0;
        CoreStats critical = c0;
        for (CoreStats s : all) {
            instructions += s.instructions();
            uops += s.uops();
            loads += s.loads();
            stores += s.stores();
            s.opCounts().forEach((k, v) -> ops.merge(k, v, Long::sum));
            s.vectorWork256().forEach((k, v) -> work.merge(k, v, Double::sum));
            for (int p = 0; p < busy.length; p++) {
                busy[p] = Math.max(busy[p], s.portBusyCycles()[p]);
            }
            dispatch = Math.max(dispatch, s.dispatchBoundCycles());
            port = Math.max(port, s.portBoundCycles());
            dataflow = Math.max(dataflow, s.dataflowBoundCycles());
            if (s.cycles() > critical.cycles()) {
                critical = s;
            }
        }
        return new CoreStats(cycles, instructions, uops, loads, stores, Map.copyOf(ops), Map.copyOf(work), c0.ports(),
            busy, dispatch, port, critical.busiestPort(), dataflow);
    }

    /** One core: its program, data, private caches, core model, and the outcome. */
    private static final class Worker {
        final int core;
        final int firstRow;
        final int rows;
        Program program;
        GemvLowering lowering;
        GemvOperands data;
        Memory memory;
        MemoryHierarchy hierarchy;
        OutOfOrderCore model;
        RunResult.FunctionalCheck check;
        long operandBytes;
        long sharedInputBytes;

        Worker(int core, int firstRow, int rows) {
            this.core = core;
            this.firstRow = firstRow;
            this.rows = rows;
        }

        void prepare(GemvSimulation.Request req, Microarchitecture uarch, MachineBuilder.SharedParts shared,
                TimeOrderedGate gate,
                Map<String, Boolean> perCore, int chunk) {
            HardwareConfig hw = req.hw();
            lowering = req.lowering();
            program = lowering.lower(rows, req.cols());
            // Same seed on every core, so the shared activations are identical. Each core's weights are random rows of
            // its own (not the single-core run's rows), which does not change timing; each core is checked bit-exact.
            data = lowering.random(rows, req.cols(), req.seed());
            operandBytes = data.operandBytes();
            memory = new Memory(program.regions());
            data.bind(memory);
            List<Region> own = new ArrayList<>();
            for (Region r : program.regions()) {
                if (perCore.getOrDefault(r.name(), true)) {
                    own.add(r);
                } else if (r.role() == Region.Role.INPUT) {
                    sharedInputBytes += r.bytes();
                }
            }
            long[] base = new long[own.size()];
            long[] end = new long[own.size()];
            long[] shift = new long[own.size()];
            for (int i = 0; i < own.size(); i++) {
                Region r = own.get(i);
                base[i] = r.base();
                end[i] = r.end();
                // Chunks of one matrix lie back to back: core k's copy starts k chunk sizes (page-rounded) later.
                long chunkBytes = (long) r.bytes() * chunk / Math.max(1, rows);
                shift[i] = (long) core * ((Math.max(chunkBytes, r.bytes()) + 4095) / 4096 * 4096);
            }
            hierarchy = MachineBuilder.coreMemory(hw, shared, gate.forCore(core), a -> {
                    for (int i = 0; i < base.length; i++) {
                        if (a >= base[i] && a < end[i]) {
                            return a + shift[i];
                        }
                    }
                    return a;
                });
            if (req.cacheState() == CacheState.WARM) {
                for (Region r : program.regions()) {
                    hierarchy.warm(r.base(), r.bytes());
                }
            }
            model = new OutOfOrderCore(program, uarch, hierarchy);
        }

        void execute() {
            GemvSimulation.execute(program, lowering.semantics(), memory, model);
            float[] expected = data.vector() != null ? data.vector() : data.scalar();
            check = GemvSimulation.compare(expected, data.readOutput(memory),
                data.vector() != null ? data.vectorName() : "scalar reference");
        }
    }
}
