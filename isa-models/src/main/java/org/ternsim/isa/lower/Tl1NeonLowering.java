// The TL1 GEMV on NEON (tbl lookups, 16 rows per group) as a GemvLowering; BK is the tuning parameter.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.kernels.lut.LutShapes;

/** @param bk activations per int16 accumulation block (the codegen uses 64 or 128; exact for BK <= 256) */
public record Tl1NeonLowering(int bk) implements GemvLowering {

    /** BK of the engine's TL1 validation (LutValidation.TL1_BK). */
    public static final int DEFAULT_BK = 64;

    public Tl1NeonLowering {
        LutShapes.checkTl1(2, bk);
    }

    @Override
    public String kernel() {
        return "tl1";
    }

    @Override
    public String isa() {
        return ArmSemantics.NEON;
    }

    @Override
    public SemanticsTable semantics() {
        return ArmSemantics.neon();
    }

    @Override
    public void checkShape(int rows, int cols) {
        Tl1NeonGemv.checkShape(rows, cols, bk);
    }

    @Override
    public Program lower(int rows, int cols) {
        return Tl1NeonGemv.lower(rows, cols, bk);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return Tl1Operands.random(rows, cols, bk, seed);
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return List.of(random(rows, cols, seed), Tl1Operands.constant(rows, cols, bk, 1, 127),
            Tl1Operands.constant(rows, cols, bk, -1, -127), Tl1Operands.constant(rows, cols, bk, 1, -127));
    }
}
