// A span's dataflow map leaves the schedule and the accumulate groups that running its instructions one by one does.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvOperands;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.BundledConfigs;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.MachineBuilder;

class DataflowMapTest {

    private static final int SPAN = 512;

    /**
     * The instructions of a GEMV as it runs, cut at many places into spans of {@value #SPAN}: for each, one core runs
     * the schedule instruction by instruction and another applies the span's map and takes its groups. T-MAC-W4's
     * NEON multiply-accumulates forward into their own group, so some of its spans end with other groups than they
     * started with.
     */
    @ParameterizedTest
    @CsvSource({"cobalt-100, tmac-w4, neon, true", "cobalt-100, tl1, neon, false", "zen5-2c, i2_s-vnni, avx512, false"})
    void aSpanMapEqualsRunningItsInstructions(String hwName, String kernel, String isa, boolean groupsChange) {
        HardwareConfig hw = BundledConfigs.load(hwName, List.of());
        Microarchitecture uarch = UarchLoader.load(hw.core().uarch());
        GemvLowering l = GemvSimulation.Request.choose(hw, kernel, isa);
        Program program = l.lower(64, 2560);
        GemvOperands data = l.random(64, 2560, 5);
        Memory memory = new Memory(program.regions());
        data.bind(memory);
        List<int[]> executed = new ArrayList<>();
        GemvSimulation.execute(program, l.semantics(), memory,
            (pc, address, bytes, store) -> executed.add(new int[] {pc, bytes, store ? 1 : 0}));
        OutOfOrderCore stepped = new OutOfOrderCore(program, uarch, MachineBuilder.memory(hw));
        OutOfOrderCore mapped = new OutOfOrderCore(program, uarch, MachineBuilder.memory(hw));
        DataflowRules rules = stepped.dataflowRules();
        int spansChangingGroups = 0;
        int spans = 0;
        int step = SPAN + 77; // spans start at many offsets into the loops
        for (int from = 0; from + SPAN <= executed.size(); from += step) {
            int[] pcs = new int[SPAN];
            int[] widths = new int[SPAN];
            boolean[] stores = new boolean[SPAN];
            for (int j = 0; j < SPAN; j++) {
                int[] e = executed.get(from + j);
                pcs[j] = e[0];
                widths[j] = e[1];
                stores[j] = e[2] == 1;
            }
            int[] groups = stepped.accumulateGroups();
            DataflowMap map = DataflowMap.ofSpan(rules, pcs, widths, stores, SPAN, groups);
            long[] state = new long[stepped.dataflowSize()];
            mapped.saveDataflow(state);
            map.apply(state);
            mapped.restoreDataflow(state);
            mapped.setAccumulateGroups(map.groupsAfter);
            for (int j = 0; j < SPAN; j++) {
                stepped.dataflow(pcs[j], widths[j] > 0 && !stores[j]);
            }
            assertArrayEquals(stepped.accumulateGroups(), mapped.accumulateGroups(), "groups after span " + from);
            long[] expected = new long[stepped.dataflowSize()];
            long[] actual = new long[mapped.dataflowSize()];
            stepped.saveDataflow(expected);
            mapped.saveDataflow(actual);
            assertArrayEquals(expected, actual, "schedule after the span at " + from);
            spansChangingGroups += Arrays.equals(groups, map.groupsAfter) ? 0 : 1;
            spans++;
            // the gap to the next span runs on both cores, instruction by instruction
            for (int j = from + SPAN; j < Math.min(from + step, executed.size()); j++) {
                int[] e = executed.get(j);
                stepped.dataflow(e[0], e[1] > 0 && e[2] == 0);
                mapped.dataflow(e[0], e[1] > 0 && e[2] == 0);
            }
        }
        assertTrue(spans >= 10, spans + " spans");
        if (groupsChange) {
            assertTrue(spansChangingGroups > 0, "no span changed the accumulate groups");
        }
    }
}
