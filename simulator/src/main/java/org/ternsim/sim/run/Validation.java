// Runs a kernel's lowered program functionally on random and edge-case data and compares it with the functional engine bit for bit.
package org.ternsim.sim.run;

import java.util.ArrayList;
import java.util.List;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvOperands;
import org.ternsim.kernels.tmac.LutErrorReport;

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

    /** Every data set of {@code lowering} at one shape, run on {@code semantics} (the lowering's own, or a faulty copy). */
    public static List<Case> check(GemvLowering lowering, int rows, int cols, long seed, SemanticsTable semantics) {
        Program program = lowering.lower(rows, cols);
        String implementation = lowering.isa() + " program";
        List<Case> cases = new ArrayList<>();
        for (GemvOperands data : lowering.dataSets(rows, cols, seed)) {
            Memory memory = new Memory(program.regions());
            data.bind(memory);
            try {
                GemvSimulation.execute(program, semantics, memory, (pc, a, b, s) -> { });
            } catch (Memory.MemoryFault | IllegalStateException e) {
                // A wrong semantics (e.g. an injected fault) can corrupt an address or a loop count: the program
                // then produced no outputs, which fails the case rather than the run.
                int outputs = data.scalar().length;
                cases.add(new Case(lowering.kernel(), implementation, rows, cols, data.description(), rows, outputs,
                    data.vector() == null ? -1 : outputs, "program stopped: " + e.getMessage(), true, outputs));
                continue;
            }
            float[] actual = data.readOutput(memory);
            int vsScalar = GemvSimulation.compare(data.scalar(), actual, "scalar").mismatches();
            int vsVector = data.vector() == null ? -1
                : GemvSimulation.compare(data.vector(), actual, "vector").mismatches();
            float[] exact = data.exact();
            int vsExact = GemvSimulation.compare(exact, actual, "exact").mismatches();
            // Lossy kernels (quantized tables) report their error, as the engine-only LUT check does.
            String vsExactText = !data.lossless() ? LutValidation.errorSummary(LutErrorReport.of(toDouble(exact), actual))
                : vsExact == 0 ? "exact" : vsExact + " differ";
            cases.add(new Case(lowering.kernel(), implementation, rows, cols, data.description(), rows, vsScalar,
                vsVector, vsExactText, data.lossless(), vsExact));
        }
        return cases;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
