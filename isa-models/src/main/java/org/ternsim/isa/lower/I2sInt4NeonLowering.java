// The BitNet a4.8 ternary x INT4 GEMV on NEON (smlal/smlal2) or NEON + dotprod (sdot) as a GemvLowering.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.arm.ArmSemantics;

/**
 * The engine defines raw = sum c*q exactly in int32 with int4 codes held one per byte, so the program is the I2_S
 * NEON program (I2sNeonGemv): with dotprod one {@code sdot} per 16 codes, as for int8. What int4 changes is the int16
 * exposure without dotprod: a product c*q lies in [-16, 14] instead of [-256, 254], so an int16 lane takes 2048
 * products (not 128) before it can wrap, and the widening interval grows 16-fold: groupBlocks <= 256 x accumulators is
 * exact for every input (8/A products per lane per block, -16 each: 256*A blocks reach -32768 at most). Longer groups
 * mean fewer saddw/saddw2 per block, the one saving an expert takes from the narrower codes on a GEMV whose
 * activations sit in L1 anyway (packing two codes per byte would add unpacking to every row for no bandwidth gain).
 *
 * @param dotprod      sdot (ISA neon-dotprod) or smlal/smlal2 (ISA neon)
 * @param accumulators independent accumulators (1, 2, 4 or 8; at most 4 with dotprod)
 * @param groupBlocks  int16 widening interval without dotprod; at most 256 x accumulators
 */
public record I2sInt4NeonLowering(boolean dotprod, int accumulators, int groupBlocks) implements GemvLowering {

    public I2sInt4NeonLowering {
        new I2sNeonGemv.Params(dotprod, accumulators, groupBlocks);
        if (!dotprod && groupBlocks > safeGroupBlocks(accumulators)) {
            throw new IllegalArgumentException("groupBlocks " + groupBlocks + " can wrap int16 with int4 codes and "
                + accumulators + " accumulator(s): at most " + safeGroupBlocks(accumulators));
        }
    }

    /** Largest exact widening interval with int4 codes (see the class comment). */
    public static int safeGroupBlocks(int accumulators) {
        return 256 * accumulators;
    }

    /** One accumulator (bitnet.cpp's shape) and the longest exact widening interval. */
    public static I2sInt4NeonLowering defaults(boolean dotprod) {
        return new I2sInt4NeonLowering(dotprod, 1, safeGroupBlocks(1));
    }

    @Override
    public String kernel() {
        return "i2_s-int4";
    }

    @Override
    public String isa() {
        return dotprod ? ArmSemantics.NEON_DOTPROD : ArmSemantics.NEON;
    }

    @Override
    public SemanticsTable semantics() {
        return ArmSemantics.forIsa(isa());
    }

    @Override
    public void checkShape(int rows, int cols) {
        I2sNeonLowering.defaults(dotprod).checkShape(rows, cols);
    }

    @Override
    public Program lower(int rows, int cols) {
        checkShape(rows, cols);
        return I2sNeonGemv.lower(kernel(), rows, cols, new I2sNeonGemv.Params(dotprod, accumulators, groupBlocks));
    }

    @Override
    public GemvOperands random(int rows, int cols, long seed) {
        return Int4NeonOperands.random(rows, cols, seed);
    }

    /** Random; then the int16 extremes: +1 x 7, -1 x -8 and +1 x -8 (code 2 x -8 = -16 per product). */
    @Override
    public List<GemvOperands> dataSets(int rows, int cols, long seed) {
        return List.of(random(rows, cols, seed), Int4NeonOperands.constant(rows, cols, 1, 7),
            Int4NeonOperands.constant(rows, cols, -1, -8), Int4NeonOperands.constant(rows, cols, 1, -8));
    }
}
