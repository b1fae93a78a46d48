// The TL2 GEMV on NEON (signed two-register tbl lookups, 16 rows per group) as a GemvLowering; BK is its parameter.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.kernels.lut.Tl2Packer;

/**
 * @param bk activations per int16 block of the triple part: a multiple of 24 (one sign byte covers 8 triples, so a
 *           sign byte never straddles a block); bit-exact with the engine for any such BK, exact against Σ t q up to
 *           258 (the int16 bound of Tl2Weights). bitnet.cpp's x86 codegen ships 96 and 192.
 */
public record Tl2NeonLowering(int bk) implements GemvLowering {

    public Tl2NeonLowering {
        if (bk < 24 || bk % 24 != 0) {
            throw new IllegalArgumentException("TL2 NEON needs BK to be a positive multiple of 24 (8 triples per sign"
                + " byte), got " + bk);
        }
    }

    public static Tl2NeonLowering defaults() {
        return new Tl2NeonLowering(Tl2Packer.DEFAULT_BK);
    }

    @Override
    public String kernel() {
        return "tl2";
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
        Tl2NeonGemv.checkShape(rows, cols, bk);
    }

    @Override
    public Program lower(int rows, int cols) {
        return Tl2NeonGemv.lower(rows, cols, bk);
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return Tl2Operands.random(rows, cols, seed, bk, Tl2NeonGemv::bind);
    }

    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return Tl2Operands.dataSets(rows, cols, seed, bk, Tl2NeonGemv::bind);
    }
}
