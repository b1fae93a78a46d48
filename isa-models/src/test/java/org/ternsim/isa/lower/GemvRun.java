// Test helper: runs a lowering's program on one operand set with given semantics and returns the outputs.
package org.ternsim.isa.lower;

import org.ternsim.isa.Interpreter;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;

public final class GemvRun {

    private GemvRun() {
    }

    public static float[] run(Program p, SemanticsTable table, GemvOperands data) {
        MachineState s = new MachineState(new Memory(p.regions()));
        data.bind(s.memory);
        new Interpreter(p, table, s).run((pc, addr, bytes, store) -> { }, 2_000_000_000L);
        return data.readOutput(s.memory);
    }

    /** Whether the program's outputs equal the engine's scalar reference bit for bit on every data set. */
    public static boolean allExact(GemvLowering l, SemanticsTable table, int rows, int cols, long seed) {
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, seed)) {
            if (!sameBits(run(p, table, d), d.scalar())) {
                return false;
            }
        }
        return true;
    }

    public static boolean sameBits(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return false;
            }
        }
        return true;
    }
}
