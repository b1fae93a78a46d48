// The T-MAC matrix-vector kernel: bit-plane index lookups in int8 tables, int16 aggregation, float epilogue.
package org.ternsim.kernels.tmac;

import org.ternsim.kernels.lut.PerTokenGemm;

/**
 * T-MAC GEMV (kernels.md §7). For each row, plane and activation group, the int8 entries selected by the plane's
 * 4-bit indices are summed in int16 (T-MAC's widening adder, {@code vpmovsxbw} + {@code vpaddw} / NEON
 * {@code saddl}), in blocks of at most {@value #INT16_BLOCK} lookups widened to int32. With |q| <= 128 a block
 * sum is within [-32768, 32512], so it never wraps and the group sum is exact; T-MAC's own blocks (kfactor = 16
 * lookups) give the same sums. The float part is {@link TmacEpilogue}.
 */
public interface TmacGemv {

    /** Most lookups summed in one int16 block: 256 * 128 = 2^15, the int16 limit. */
    int INT16_BLOCK = 256;

    /** Identifies the implementation in run metadata, e.g. {@code scalar} or {@code panama/256-bit}. */
    String name();

    /** Sets {@code y[row]} for every row from prebuilt tables ({@link TmacTables#build}). */
    void gemv(TmacWeights w, TmacLut lut, float[] y);

    /** Builds the tables of {@code x} with {@code actGroupSize} and runs {@link #gemv(TmacWeights, TmacLut, float[])}. */
    default void gemv(TmacWeights w, float[] x, int actGroupSize, float[] y) {
        gemv(w, TmacTables.build(x, actGroupSize), y);
    }

    /** As above with T-MAC's default act_group_size of {@value TmacShapes#DEFAULT_ACT_GROUP}. */
    default void gemv(TmacWeights w, float[] x, float[] y) {
        gemv(w, x, TmacShapes.DEFAULT_ACT_GROUP, y);
    }

    /** GEMM over N tokens: y[t] is this kernel's GEMV of token t (own tables per token), bit for bit. */
    default void gemm(TmacWeights w, float[][] tokens, float[][] y) {
        PerTokenGemm.run(tokens.length, y, t -> gemv(w, tokens[t], y[t]));
    }
}
