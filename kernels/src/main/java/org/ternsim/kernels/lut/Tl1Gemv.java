// The TL1 matrix-vector kernel: pair-index weights times one row of int8 activations through 9-entry tables.
package org.ternsim.kernels.lut;

import org.ternsim.kernels.quant.Int8Activations;

/**
 * TL1 GEMV (kernels.md §3.2-3.3). Per row, table entries are summed in int16 over each block of BK activations
 * (BK / 2 lookups), and each block's int16 sum is sign-extended into an int32 accumulator. The int16 sums wrap
 * exactly as the original's {@code vaddq_s16}: with |q| <= 127 (what
 * {@link org.ternsim.kernels.quant.Int8Quantizer#absmaxTl} produces) an entry is at most 254, so BK <= 256 never
 * wraps and the result is the exact sum of t * q; larger BK, or codes of -128, can wrap, and every implementation
 * wraps identically.
 */
public interface Tl1Gemv {

    /** Identifies the implementation in run metadata, e.g. {@code scalar} or {@code panama/256-bit}. */
    String name();

    /** The int32 accumulator of {@code row}: the sum over BK blocks of the block's int16-wrapped table sum. */
    int dot(Tl1Weights w, int row, byte[] codes);

    /** Sets {@code y[row] = (float) dot / x.scale() * w.scale()} for every row; one table build for all rows. */
    void gemv(Tl1Weights w, Int8Activations x, float[] y);

    /**
     * GEMM over N tokens (prefill): y[t] is this kernel's GEMV of token t, with its own tables, bit for bit. bitnet.cpp's
     * LUT kernels also build one table set per token ({@code ggml_preprocessor} per batch element).
     */
    default void gemm(Tl1Weights w, Int8Activations[] tokens, float[][] y) {
        PerTokenGemm.run(tokens.length, y, t -> gemv(w, tokens[t], y[t]));
    }
}
