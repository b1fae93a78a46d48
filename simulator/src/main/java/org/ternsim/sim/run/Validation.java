// Runs a kernel's lowered program functionally on random and edge-case data and compares it with the functional engine bit for bit.
package org.ternsim.sim.run;

import java.util.ArrayList;
import java.util.List;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.lower.I2sAvx2Gemv;
import org.ternsim.kernels.gemv.I2sGemv;
import org.ternsim.kernels.gemv.ScalarI2sGemv;

public final class Validation {

    /**
     * One comparison of an implementation (a lowered program, or the functional engine's Vector API kernel) on a
     * shape and a data set.
     *
     * @param mismatchesVsScalar  outputs whose bits differ from the scalar reference
     * @param mismatchesVsVector  outputs whose bits differ from the selected Vector API kernel; -1 if not compared
     * @param vsExact             agreement with the exact result ("exact", "N differ", or a lossy kernel's error)
     * @param exactRequired       whether differing from the exact result fails the case (lossless kernels)
     * @param exactMismatches     outputs differing from the exact result, for lossless kernels
     */
    public record Case(String kernel, String implementation, int rows, int cols, String data, int outputs,
            int mismatchesVsScalar, int mismatchesVsVector, String vsExact, boolean exactRequired, int exactMismatches) {
        public boolean passed() {
            return mismatchesVsScalar == 0 && mismatchesVsVector <= 0 && !(exactRequired && exactMismatches > 0);
        }
    }

    private Validation() {
    }

    /** Data sets per shape: seeded random, then the accumulation extremes (all +1 x 127, all -1 x -128, +1 x -128). */
    public static List<GemvData> dataSets(int rows, int cols, long seed) {
        return List.of(GemvData.random(rows, cols, seed), GemvData.constant(rows, cols, 1, 127),
            GemvData.constant(rows, cols, -1, -128), GemvData.constant(rows, cols, 1, -128));
    }

    public static List<Case> i2sAvx2(int rows, int cols, long seed, SemanticsTable semantics, int groupBlocks) {
        Program program = I2sAvx2Gemv.lower(rows, cols, groupBlocks);
        I2sGemv scalar = new ScalarI2sGemv();
        I2sGemv provider = I2sGemv.selected();
        List<Case> cases = new ArrayList<>();
        for (GemvData data : dataSets(rows, cols, seed)) {
            float[] expectedScalar = new float[rows];
            scalar.gemv(data.weights(), data.activations(), expectedScalar);
            float[] expectedProvider = new float[rows];
            provider.gemv(data.weights(), data.activations(), expectedProvider);
            Memory memory = new Memory(program.regions());
            I2sAvx2Gemv.bind(memory, data.weights(), data.activations());
            GemvSimulation.execute(program, semantics, memory, (pc, a, b, s) -> { });
            float[] actual = I2sAvx2Gemv.readOutput(memory);
            // The scalar reference sums exactly in int32 and applies the epilogue: it is the exact result.
            int vsScalar = GemvSimulation.compare(expectedScalar, actual, "scalar").mismatches();
            cases.add(new Case("i2_s", "avx2 program", rows, cols, data.description(), rows, vsScalar,
                GemvSimulation.compare(expectedProvider, actual, "provider").mismatches(),
                vsScalar == 0 ? "exact" : vsScalar + " differ", true, vsScalar));
        }
        return cases;
    }
}
