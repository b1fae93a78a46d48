// A memo row's summary started from the row it turned away from equals the summary counted from its start.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvOperands;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.BundledConfigs;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.MachineBuilder;

class PeriodSummaryTest {

    /**
     * Rows cut from a GEMV's instruction stream (rows, loop heads and edges at many places) and children sharing a
     * random prefix with them, then going on with other instructions: each child's summary, started from its
     * parent's, must be the one counted from its first instruction.
     */
    @Test
    void aChildsSummaryFromItsParentsEqualsOneCountedFromItsStart() {
        HardwareConfig hw = BundledConfigs.load("cobalt-100", List.of());
        GemvLowering l = GemvSimulation.Request.choose(hw, "tmac-w4", "neon");
        Program program = l.lower(128, 2560);
        GemvOperands data = l.random(128, 2560, 3);
        Memory memory = new Memory(program.regions());
        data.bind(memory);
        List<Integer> executed = new ArrayList<>();
        GemvSimulation.execute(program, l.semantics(), memory, (pc, address, bytes, store) -> executed.add(pc));
        OutOfOrderCore core = new OutOfOrderCore(program, UarchLoader.load(hw.core().uarch()),
            MachineBuilder.memory(hw));
        List<Integer> rowHeads = new ArrayList<>();
        for (int j = 0; j < executed.size(); j++) {
            if ((core.flags(executed.get(j)) & OutOfOrderCore.ROW_HEAD) != 0) {
                rowHeads.add(j);
            }
        }
        SplittableRandom random = new SplittableRandom(21);
        for (int trial = 0; trial < 200; trial++) {
            int parentLength = 1 + random.nextInt(3000);
            int parentFrom = random.nextInt(executed.size() - parentLength);
            if (trial % 2 == 0) { // a parent that passes a row head, before or after the child's turn
                int head = rowHeads.get(1 + random.nextInt(rowHeads.size() - 2));
                parentFrom = Math.max(0, head - random.nextInt(parentLength));
            }
            int[] parent = slice(executed, parentFrom, parentLength);
            PeriodSummary parentSummary = PeriodSummary.ofRow(core, parent, chars(parent), parentLength, null, 0);
            int branch = random.nextInt(parentLength + 1);
            int childLength = branch + random.nextInt(3000);
            int[] child = new int[childLength];
            System.arraycopy(parent, 0, child, 0, branch);
            int[] rest = slice(executed, random.nextInt(executed.size() - childLength), childLength - branch);
            System.arraycopy(rest, 0, child, branch, rest.length);
            PeriodSummary fromParent = PeriodSummary.ofRow(core, child, chars(child), childLength, parentSummary,
                branch);
            PeriodSummary counted = PeriodSummary.of(core, child, childLength);
            String at = "trial " + trial + ", branch " + branch + " of " + parentLength;
            assertArrayEquals(counted.headsBefore(), fromParent.headsBefore(), at);
            assertArrayEquals(counted.edges(), fromParent.edges(), at);
            assertEquals(counted.rowHeads(), fromParent.rowHeads(), at);
            assertArrayEquals(counted.countedPcs(), fromParent.countedPcs(), at);
            assertArrayEquals(counted.counts(), fromParent.counts(), at);
        }
    }

    private static int[] slice(List<Integer> executed, int from, int length) {
        int[] pcs = new int[length];
        for (int j = 0; j < length; j++) {
            pcs[j] = executed.get(from + j);
        }
        return pcs;
    }

    private static char[] chars(int[] pcs) {
        char[] c = new char[pcs.length];
        for (int j = 0; j < pcs.length; j++) {
            c[j] = (char) pcs[j];
        }
        return c;
    }
}
