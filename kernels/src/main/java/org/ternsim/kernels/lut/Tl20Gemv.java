// The TL2_0 matrix-vector kernel: TL2 weights against int8-quantized float tables (lossy by design).
package org.ternsim.kernels.lut;

import java.util.Objects;

/**
 * TL2_0 GEMV (kernels.md §4.4): TL2's weight format and integer loop (signed triple lookups summed in int16 per BK
 * block, pair lookups in int16 per 32 activations, both widened to int32) over the int8 tables of {@link Tl20Tables}.
 * The epilogue is {@link #output}. Every implementation equals {@link ScalarTl20Gemv} bit for bit; the error against
 * the exact result is measured ({@code LutErrorReport}), not bounded by construction.
 */
public interface Tl20Gemv {

    String name();

    /** y = W x for float activations {@code x}; builds the tables once for all rows. */
    void gemv(Tl2Weights w, float[] x, float[] y);

    /**
     * y = ((float) acc3 * threeScale) * wScale, then + ((float) acc2 * twoScale) * wScale when the row has a pair
     * part: {@code three_qgemm_lut} writes C, {@code two_qgemm_lut} adds to it (the codegen's order). Which scale the
     * ggml caller passes to {@code two_qgemm_lut} is in an unretrievable submodule; the pair tables' own scale is the
     * only one that makes the result meaningful, so that is the one used.
     */
    static float output(int acc3, int acc2, Tl20Lut lut, float weightScale, boolean hasPairs) {
        float y = (float) acc3 * lut.threeScale() * weightScale;
        return hasPairs ? y + (float) acc2 * lut.twoScale() * weightScale : y;
    }

    /** Rejects what TL2_0 cannot run: a BK that is not a multiple of 24 (see {@link Tl20Tables}), wrong lengths. */
    static void check(Tl2Weights w, float[] x, float[] y) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (w.bk() % 24 != 0) {
            throw new IllegalArgumentException("TL2_0 needs BK a multiple of 24 (the original's 24-activation scale"
                    + " scan must cover the triple part), got " + w.bk());
        }
        if (x.length != w.cols()) {
            throw new IllegalArgumentException("GEMV activations need K = " + w.cols() + " values, got " + x.length);
        }
        if (y.length != w.rows()) {
            throw new IllegalArgumentException("GEMV output needs " + w.rows() + " elements (one per row), got " + y.length);
        }
    }

    /** GEMM over N tokens: y[t] is this kernel's GEMV of token t (own tables per token), bit for bit. */
    default void gemm(Tl2Weights w, float[][] tokens, float[][] y) {
        PerTokenGemm.run(tokens.length, y, t -> gemv(w, tokens[t], y[t]));
    }
}
