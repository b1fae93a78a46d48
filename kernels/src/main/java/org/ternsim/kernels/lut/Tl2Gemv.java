// The TL2 matrix-vector kernel: triple-index + sign weights and a pair part, through 14- and 9-entry tables.
package org.ternsim.kernels.lut;

import org.ternsim.kernels.quant.Int8Activations;

/**
 * TL2 GEMV (kernels.md §4.2-4.3). Triple part: per row, signed table entries ((x + m) XOR m with m = 0 or -1, the
 * original's {@code vpaddw}/{@code vpxor}) are summed in int16 over each block of BK activations (BK / 3 lookups),
 * each block sign-extended into int32. Pair part (the last TwoK activations): TL1 lookups summed in int16 over blocks
 * of {@value LutShapes#TL2_PAIR_BLOCK} activations, which cannot wrap (16 * 256 < 2^15). With |q| <= 127 a triple
 * entry is at most 381, so BK <= 258 never wraps (86 * 381 = 32 766); larger BK, or codes of -128, can wrap, and
 * every implementation wraps identically.
 */
public interface Tl2Gemv {

    /** Identifies the implementation in run metadata, e.g. {@code scalar} or {@code panama/256-bit}. */
    String name();

    /** The int32 accumulator of {@code row}: triple part plus pair part, each a sum of int16-wrapped block sums. */
    int dot(Tl2Weights w, int row, byte[] codes);

    /** Sets {@code y[row] = (float) dot / x.scale() * w.scale()} for every row; one table build for all rows. */
    void gemv(Tl2Weights w, Int8Activations x, float[] y);

    /**
     * GEMM over N tokens (prefill): y[t] is this kernel's GEMV of token t, with its own tables, bit for bit. bitnet.cpp's
     * LUT kernels also build one table set per token ({@code ggml_preprocessor} per batch element).
     */
    default void gemm(Tl2Weights w, Int8Activations[] tokens, float[][] y) {
        PerTokenGemm.run(tokens.length, y, t -> gemv(w, tokens[t], y[t]));
    }
}
