// Replaying repeated loop periods gives the same cycles and statistics, bit for bit, as timing every instruction.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.isa.lower.GemvOperands;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.AcceleratorConfigLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.BundledConfigs;
import org.ternsim.sim.config.ConfigOverride;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.mem.CacheStats;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.MachineBuilder;

/**
 * Every CPU config x every lowering its core lists, at a shape with enough rows for a period to be found: the core
 * with {@link LoopReplay} and the core that times every instruction must agree on every statistic, the caches'
 * counters and each loop's steady state. Cold caches are included, so replays also stop part-way when a memory
 * answer differs from the recorded one. The tests of one mechanism of the period search switch the row memo
 * ({@link RowMemo}) off, so that the memo cannot stand in for the mechanism they check.
 */
class LoopReplayTest {

    private static final int[][] SHAPES = {{256, 2560}, {256, 3072}, {256, 1536}, {192, 4096}};

    @Test
    void replayingGivesTheSameResultsAsTimingEveryInstruction() throws IOException {
        List<String> differ = new ArrayList<>();
        Map<String, String> replayedShare = new TreeMap<>();
        int replayedRuns = 0;
        int runs = 0;
        for (HardwareConfig hw : cpuConfigs()) {
            Microarchitecture uarch = UarchLoader.load(hw.core().uarch());
            for (GemvLowering l : GemvLowerings.all()) {
                if (!hw.core().isa().contains(l.isa())) {
                    continue;
                }
                int[] shape = shape(l);
                for (boolean warm : new boolean[] {true, false}) {
                    String name = hw.name() + " " + l.kernel() + "/" + l.isa() + " " + shape[0] + "x" + shape[1]
                        + (warm ? " warm" : " cold");
                    Run replaying = run(hw, uarch, l, shape, warm, true);
                    Run everyInstruction = run(hw, uarch, l, shape, warm, false);
                    runs++;
                    if (!replaying.rendering.equals(everyInstruction.rendering)) {
                        differ.add(name + "\n  replaying: " + replaying.rendering + "\n  every one: "
                            + everyInstruction.rendering);
                    }
                    if (replaying.replayed > 0) {
                        replayedRuns++;
                    }
                    replayedShare.put(name, String.format("%.0f%%", 100.0 * replaying.replayed / replaying.instructions));
                }
            }
        }
        System.out.println("[LoopReplayTest] replayed share per run: " + replayedShare);
        assertTrue(differ.isEmpty(), differ.size() + " of " + runs + " runs differ:\n" + String.join("\n", differ));
        // The point of replaying is speed: most of these GEMVs must settle into a period the core can prove.
        assertTrue(replayedRuns * 2 > runs, "only " + replayedRuns + " of " + runs + " runs replayed: " + replayedShare);
    }

    /**
     * Cobalt 100's I2_S weights at 1024 x 6912 (1.8 MB) stream from DRAM past its 1 MiB L2: the timing state comes
     * back only after about 150 inner iterations, more than a row's 108, so no inner-loop span is a period of the
     * control flow. Whole rows are ({@link RowPeriodSearch}): most of the run replays, with the same results.
     */
    @Test
    void aGemvStreamingFromDramReplaysWholeRows() throws IOException {
        Run replaying = replayedAsTimed("cobalt-100", List.of(), "i2_s", "neon-dotprod", new int[] {1024, 6912}, false,
            false);
        String dram = replaying.rendering.substring(replaying.rendering.indexOf(" dram=") + 6);
        long dramReadBytes = Long.parseLong(dram.substring(0, dram.indexOf('/')));
        assertTrue(dramReadBytes >= 1024L * 6912 / 4, "the weights did not stream from DRAM: " + dramReadBytes + " B");
        assertReplayedMoreThan(replaying, 8, 10);
    }

    /**
     * On zen4-2c the I2_S row's rate is not a whole number of cycles, and the timing state at 2560 x 2560 comes back
     * only after about 60 rows, 30 candidate periods of 40 inner visits: the search must keep trying that long.
     */
    @Test
    void aStateThatTakesSixtyRowsToComeBackIsStillFound() throws IOException {
        Run replaying = replayedAsTimed("zen4-2c", List.of(), "i2_s", "avx2", new int[] {2560, 2560}, true, false);
        assertReplayedMoreThan(replaying, 3, 4);
    }

    /**
     * zen5-2c's Nx1 AVX-512 GEMM with cold caches: a load now and then answers a cycle off the recorded one, and the
     * slack absorbs it. Timing the rest of that period and resuming when the state is the proved one again keeps most
     * of the run replayed (42% when each such answer ended the replay), with the same results.
     */
    @Test
    void aLoadAnsweringAnotherCycleIsCaughtUpWith() throws IOException {
        Run replaying = replayedAsTimed("zen5-2c", List.of(), "i2_s-nx1", "avx512", new int[] {256, 2560}, false,
            false);
        assertReplayedMoreThan(replaying, 7, 10);
    }

    /**
     * zen4-2c's F16 GEMV at 2560 x 2560 streams 13 MB of weights from DRAM; every few periods a fill arrives a cycle
     * late. The loop's slack absorbs it within a row, so replay resumes at the next waypoint whose state is the proved
     * one, from the second period on: 54% replayed when a catch-up could resume only at a period's end, 10% when it
     * began only from the third period. The results are those of timing every instruction.
     */
    @Test
    void aStreamingGemvResumesAtTheNextWaypointAfterALateFill() throws IOException {
        Run replaying = replayedAsTimed("zen4-2c", List.of(), "f16", "avx2", new int[] {2560, 2560}, true, false);
        assertReplayedMoreThan(replaying, 8, 10);
    }

    /**
     * xeon-gnr-2c's TL2 GEMV (with the prefetchers that config had when this was written) runs its rows in blocks. A three-row period is proved in each block and replays until the
     * block's end; the next block comes back to the same state after a few rows, with the ports' usage counts in another
     * rotation. Kept periods ({@link KeptPeriods}) resume there without a new proof: 78% replayed, against 45% when
     * every block proved its period again. The results are those of timing every instruction.
     */
    @Test
    void aPeriodProvedInOneBlockOfRowsResumesInTheNext() throws IOException {
        Run replaying = replayedAsTimed("xeon-gnr-2c", BundledConfigs.XEON_GNR_WITH_PREFETCHERS, "tl2", "avx2",
            new int[] {2560, 2560}, true, false);
        assertReplayedMoreThan(replaying, 7, 10);
    }

    /**
     * cobalt-100's Nx1 GEMV replays part of each row, then stops where the row ends. The row search must still count
     * the loop visits the replay skipped, or every row with a replay in it looks different and no period of whole rows
     * is found: 97% replayed, against 28% when a stop made the row search start again. (With the row memo, every
     * other row replays from it and the period search covers less: 78%; the memo is off here.)
     */
    @Test
    void rowsWithReplaysInThemStillRepeat() throws IOException {
        Run replaying = replayedAsTimed("cobalt-100", List.of(), "i2_s-nx1", "neon-dotprod", new int[] {256, 2560},
            false, false);
        assertReplayedMoreThan(replaying, 9, 10);
    }

    /**
     * zen5-2c's TL2 GEMV at 2560 x 2560 never proves a period (1% replayed without the row memo): its rows start from
     * a handful of states in no fixed order. The row memo replays each row kept from the state it starts in, and
     * chains rows by their end states: most of the run replays, with the results of timing every instruction.
     */
    @Test
    void rowsStartingInAKeptStateReplayFromTheRowMemo() throws IOException {
        Run withMemo = replayedAsTimed("zen5-2c", "tl2", "avx2", new int[] {2560, 2560}, true);
        assertReplayedMoreThan(withMemo, 9, 10);
        Run periodsOnly = replayedAsTimed("zen5-2c", List.of(), "tl2", "avx2", new int[] {2560, 2560}, true, false);
        assertTrue(periodsOnly.replayed * 10 < periodsOnly.instructions,
            "the period search alone replayed " + periodsOnly.replayed + " of " + periodsOnly.instructions);
    }

    /**
     * cobalt-100's NEON TL2 GEMV starts many rows in a kept state whose kept rows would make other port choices, as the
     * port usage ranks drift: with four rows per state 68 % of it replayed, with sixteen 88 %.
     */
    @Test
    void rowsAreKeptForSeveralPortRankSituationsOfOneState() throws IOException {
        Run withMemo = replayedAsTimed("cobalt-100", "tl2", "neon", new int[] {2560, 2560}, true);
        assertReplayedMoreThan(withMemo, 8, 10);
    }

    /**
     * zen5-2c's T-MAC-W4 AVX-512 GEMV has no period to try, and its rows' states come back: recorded from their first
     * visit, not their second, 87.5 % of it replays (82.3 % when the first 450,000 instructions waited for second
     * visits).
     */
    @Test
    void withNoPeriodToTryRowsAreRecordedFromTheirFirstVisit() throws IOException {
        Run withMemo = replayedAsTimed("zen5-2c", "tmac-w4", "avx512", new int[] {2560, 2560}, true);
        assertReplayedMoreThan(withMemo, 85, 100);
    }

    /**
     * cobalt-100's NEON T-MAC-W4 rows are 17,553 instructions long, and most replays of them stop once, at a load that
     * answers a few cycles late. The row timed after the stop comes back to the kept row's state within a few hundred
     * instructions (at a {@link RowSnapshot}), and the kept row replays on from there: 77 % of the GEMV replays, 54 %
     * when the rest of each such row was timed.
     */
    @Test
    void aRowTimedAfterATurnReplaysOnOnceItsStateComesBack() throws IOException {
        Run withMemo = replayedAsTimed("cobalt-100", "tmac-w4", "neon", new int[] {2560, 2560}, true);
        assertReplayedMoreThan(withMemo, 7, 10);
        // those rows' dataflow schedule runs mostly by segment maps, with the critical path of timing every instruction
        assertTrue(withMemo.dataflowSegmentsByMap > 2_000, withMemo.dataflowSegmentsByMap + " segments by map");
    }

    /**
     * zen5-2c's TQ2_0 GEMV: a row is ten 66-byte blocks, so each period of rows starts its loads at another offset in
     * their cache lines, and the first replay of the proved two-row period stops at its first load. The period is
     * tried again over 16 rows, after which the rows' line offsets come back (0 of 1.37 M instructions were replayed
     * before, with a new try after each stop). The results are those of timing every instruction.
     */
    @Test
    void rowsWhoseBlocksStraddleCacheLinesReplayOverAWholeCycleOfLineOffsets() throws IOException {
        Run replaying = replayedAsTimed("zen5-2c", List.of(), "tq2_0", "avx2", new int[] {2560, 2560}, true, false);
        assertReplayedMoreThan(replaying, 9, 10);
    }

    /**
     * zen5-2c's I2_S AVX-512 VNNI GEMV at 2560 x 2560: past about 1 MB of streamed weights, its proved four-row
     * period stops at the same three loads, a fill arriving two cycles late, every few periods. Each stop timed the
     * period again from its start up to the load; the state there, once timed, is kept as a waypoint ({@link
     * Waypoints}), so later stops at that load time nothing again: 91.7% replayed, against 82% without.
     */
    @Test
    void aReplayThatStopsAtTheSamePlaceAgainLearnsTheStateThere() throws IOException {
        Run replaying = replayedAsTimed("zen5-2c", List.of(), "i2_s-vnni", "avx512", new int[] {2560, 2560}, true,
            false);
        assertReplayedMoreThan(replaying, 9, 10);
    }

    /**
     * F16 streams its weights from DRAM and no period of it ever proves: after two candidates given up on, the period
     * search stops (loop heads no longer go to it; the row memo goes on), with the results of timing every
     * instruction. Zen5-2c's I2_S proves its first candidate and keeps searching.
     */
    @Test
    void aPeriodSearchThatNeverProvesStopsAfterTwoCandidates() throws IOException {
        Run f16 = replayedAsTimed("zen5-2c", "f16", "avx512", new int[] {1024, 2560}, true);
        assertTrue(f16.periodSearchStopped, "F16's period search is still on");
        Run i2s = replayedAsTimed("zen5-2c", "i2_s", "avx2", new int[] {512, 2560}, false);
        assertTrue(i2s.replayed > 0 && !i2s.periodSearchStopped, "I2_S replayed " + i2s.replayed);
    }

    /** More than {@code numerator} / {@code denominator} of the run's instructions were replayed. */
    private static void assertReplayedMoreThan(Run run, int numerator, int denominator) {
        assertTrue(run.replayed * denominator > run.instructions * numerator,
            "only " + run.replayed + " of " + run.instructions + " replayed");
    }

    /** One GEMV run replaying, checked against timing every instruction; returns the replaying run. */
    private static Run replayedAsTimed(String hwName, String kernel, String isa, int[] shape, boolean warm)
            throws IOException {
        return replayedAsTimed(hwName, List.of(), kernel, isa, shape, warm, true);
    }

    /** As above; {@code rowMemo} false replays proved periods only. */
    private static Run replayedAsTimed(String hwName, List<ConfigOverride> overrides, String kernel, String isa,
                                       int[] shape, boolean warm, boolean rowMemo) throws IOException {
        HardwareConfig hw = BundledConfigs.load(hwName, overrides);
        Microarchitecture uarch = UarchLoader.load(hw.core().uarch());
        GemvLowering l = GemvSimulation.Request.choose(hw, kernel, isa);
        Run replaying = run(hw, uarch, l, shape, warm, true, rowMemo);
        Run everyInstruction = run(hw, uarch, l, shape, warm, false);
        assertEquals(everyInstruction.rendering, replaying.rendering);
        return replaying;
    }

    /**
     * A workload run reads the statistics every few rows (SteadyStateGemv), which leaves a replay part-way: the
     * statistics read then, and every later result, must be those of timing every instruction.
     */
    @Test
    void statisticsReadPartWayAreThoseOfTimingEveryInstruction() throws IOException {
        HardwareConfig hw = HardwareConfigLoader.load(Path.of("../configs/hw/zen5-2c.yaml"));
        Microarchitecture uarch = UarchLoader.load(hw.core().uarch());
        GemvLowering l = GemvSimulation.Request.choose(hw, "i2_s", "avx2");
        long[] replayed = new long[1];
        List<Long> replaying = cyclesEvery(hw, uarch, l, 25_000, true, replayed);
        List<Long> everyInstruction = cyclesEvery(hw, uarch, l, 25_000, false, new long[1]);
        assertEquals(everyInstruction, replaying);
        // Reading the statistics does not end replaying for the rest of the run (42% here, reads every 2 periods).
        long instructions = replaying.get(replaying.size() - 3);
        assertTrue(replayed[0] > instructions / 3, "only " + replayed[0] + " of " + instructions + " replayed");
    }

    /**
     * As above, where the row memo replays: cobalt-100's NEON T-MAC-W4 rows go on replaying after a turn from a
     * snapshot, and zen5-2c's TL2 rows follow detours; reads land in both, and in rows re-timed from a snapshot.
     */
    @ParameterizedTest(name = "{0} {1}/{2}")
    @CsvSource({"cobalt-100, tmac-w4, neon", "zen5-2c, tl2, avx2"})
    void statisticsReadPartWayThroughMemoRowsAreThoseOfTimingEveryInstruction(String hwName, String kernel,
            String isa) throws IOException {
        HardwareConfig hw = BundledConfigs.load(hwName, List.of());
        Microarchitecture uarch = UarchLoader.load(hw.core().uarch());
        GemvLowering l = GemvSimulation.Request.choose(hw, kernel, isa);
        long[] replayed = new long[1];
        List<Long> replaying = cyclesEvery(hw, uarch, l, 2560, 25_000, true, replayed);
        assertEquals(cyclesEvery(hw, uarch, l, 2560, 25_000, false, new long[1]), replaying);
        long instructions = replaying.get(replaying.size() - 3);
        assertTrue(replayed[0] > instructions / 3, "only " + replayed[0] + " of " + instructions + " replayed");
    }

    private static List<Long> cyclesEvery(HardwareConfig hw, Microarchitecture uarch, GemvLowering l, int every,
            boolean replay, long[] replayed) {
        return cyclesEvery(hw, uarch, l, 512, every, replay, replayed);
    }

    private static List<Long> cyclesEvery(HardwareConfig hw, Microarchitecture uarch, GemvLowering l, int rows,
            int every, boolean replay, long[] replayed) {
        Program program = l.lower(rows, 2560);
        GemvOperands data = l.random(rows, 2560, 5);
        Memory memory = new Memory(program.regions());
        data.bind(memory);
        OutOfOrderCore core = new OutOfOrderCore(program, uarch, MachineBuilder.memory(hw));
        if (!replay) {
            core.timeEveryInstruction();
        }
        List<Long> seen = new ArrayList<>();
        long[] n = new long[1];
        GemvSimulation.execute(program, l.semantics(), memory, (pc, address, bytes, store) -> {
            core.retired(pc, address, bytes, store);
            if (++n[0] % every == 0) {
                CoreStats s = core.stats();
                seen.add(s.cycles());
                seen.add(s.uops());
                seen.add(s.dataflowBoundCycles());
                seen.add(java.util.Arrays.stream(s.portBusyCycles()).sum());
            }
        });
        CoreStats s = core.stats();
        seen.add(s.instructions());
        seen.add(s.cycles());
        seen.add(s.dataflowBoundCycles());
        replayed[0] = core.replayedInstructions();
        return seen;
    }

    @Test
    void aTimelineObserverSeesEveryInstructionTimed() throws IOException {
        HardwareConfig hw = HardwareConfigLoader.load(Path.of("../configs/hw/zen5-2c.yaml"));
        Microarchitecture uarch = UarchLoader.load(hw.core().uarch());
        GemvLowering l = GemvSimulation.Request.choose(hw, "i2_s", "avx2");
        Program program = l.lower(256, 2560);
        GemvOperands data = l.random(256, 2560, 3);
        Memory memory = new Memory(program.regions());
        data.bind(memory);
        OutOfOrderCore core = new OutOfOrderCore(program, uarch, MachineBuilder.memory(hw));
        long[] timed = new long[1];
        core.observe((pc, dispatch, issue, complete, retire, ports, n) -> timed[0]++);
        long executed = GemvSimulation.execute(program, l.semantics(), memory, core);
        assertEquals(executed, timed[0]);
        assertEquals(0, core.replayedInstructions());
    }

    private record Run(String rendering, long replayed, long instructions, boolean periodSearchStopped,
                       long dataflowSegmentsByMap) {
    }

    private static Run run(HardwareConfig hw, Microarchitecture uarch, GemvLowering l, int[] shape, boolean warm,
            boolean replay) {
        return run(hw, uarch, l, shape, warm, replay, true);
    }

    private static Run run(HardwareConfig hw, Microarchitecture uarch, GemvLowering l, int[] shape, boolean warm,
            boolean replay, boolean rowMemo) {
        Program program = l.lower(shape[0], shape[1]);
        GemvOperands data = l.random(shape[0], shape[1], 11);
        Memory memory = new Memory(program.regions());
        data.bind(memory);
        MemoryHierarchy hierarchy = MachineBuilder.memory(hw);
        if (warm) {
            for (Region r : program.regions()) {
                hierarchy.warm(r.base(), r.bytes());
            }
        }
        OutOfOrderCore core = new OutOfOrderCore(program, uarch, hierarchy);
        if (!replay) {
            core.timeEveryInstruction();
        }
        if (!rowMemo) {
            core.keepNoRows();
        }
        GemvSimulation.execute(program, l.semantics(), memory, core);
        CoreStats s = core.stats();
        StringBuilder b = new StringBuilder();
        b.append("cycles=").append(s.cycles()).append(" instructions=").append(s.instructions())
            .append(" uops=").append(s.uops()).append(" loads=").append(s.loads()).append(" stores=").append(s.stores())
            .append(" ops=").append(new TreeMap<>(s.opCounts())).append(" vector=").append(new TreeMap<>(s.vectorWork256()))
            .append(" busy=").append(java.util.Arrays.toString(s.portBusyCycles()))
            .append(" dispatchBound=").append(s.dispatchBoundCycles()).append(" portBound=").append(s.portBoundCycles())
            .append(" busiest=").append(s.busiestPort()).append(" dataflow=").append(s.dataflowBoundCycles())
            .append(" loops=").append(core.loopSteadyStates());
        for (var level : hierarchy.levels()) {
            CacheStats c = level.stats();
            b.append(' ').append(c.level).append(':').append(c.reads).append('/').append(c.writes).append('/')
                .append(c.hits).append('/').append(c.misses).append('/').append(c.inFlightHits).append('/')
                .append(c.evictions).append('/').append(c.writeBacks).append('/').append(c.prefetchesIssued).append('/')
                .append(c.prefetchesDropped).append('/').append(c.mshrStallCycles);
        }
        b.append(" dram=").append(hierarchy.dramReadBytes()).append('/').append(hierarchy.dramWriteBytes());
        return new Run(b.toString(), core.replayedInstructions(), s.instructions(), core.periodSearchStopped(),
            core.dataflowSegmentsByMap());
    }

    private static int[] shape(GemvLowering l) {
        for (int[] s : SHAPES) {
            try {
                l.checkShape(s[0], s[1]);
                return s;
            } catch (IllegalArgumentException invalid) {
                // next
            }
        }
        throw new AssertionError(l.kernel() + "/" + l.isa() + " accepts none of " + java.util.Arrays.deepToString(SHAPES));
    }

    private static List<HardwareConfig> cpuConfigs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("../configs/hw"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).filter(p -> !AcceleratorConfigLoader.isAccelerator(p))
                .sorted().map(HardwareConfigLoader::load).toList();
        }
    }
}
