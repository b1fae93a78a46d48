// Test helper: runs a GemvLowering's program on one data set with a given semantics and compares output bits.
package org.ternsim.isa.lower;

import org.ternsim.isa.Interpreter;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;

final class LoweringRunner {

    private LoweringRunner() {
    }

    static float[] run(Program p, GemvOperands data, SemanticsTable semantics) {
        Memory memory = new Memory(p.regions());
        data.bind(memory);
        new Interpreter(p, semantics, new MachineState(memory)).run((pc, a, n, st) -> { }, 1L << 36);
        return data.readOutput(memory);
    }

    /** Outputs whose float bits differ. */
    static int mismatches(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            return Math.max(expected.length, actual.length);
        }
        int n = 0;
        for (int i = 0; i < expected.length; i++) {
            n += Float.floatToRawIntBits(expected[i]) == Float.floatToRawIntBits(actual[i]) ? 0 : 1;
        }
        return n;
    }

    /** Mismatches against the scalar reference summed over every data set of the lowering at one shape. */
    static int mismatches(GemvLowering l, int rows, int cols, long seed, SemanticsTable semantics) {
        Program p = l.lower(rows, cols);
        int n = 0;
        for (GemvOperands d : l.dataSets(rows, cols, seed)) {
            n += mismatches(d.scalar(), run(p, d, semantics));
        }
        return n;
    }
}
