// The baseline GEMV family: a llama.cpp weight type times one activation row of its ggml dot-product type.
package org.ternsim.kernels.baseline;

/**
 * y = W x for W in F32, F16, Q8_0, Q4_0, Q6_K, TQ2_0 or TQ1_0 and x of {@link BlockFormat#activationType()} (F32,
 * F16, Q8_0 or Q8_K). Every implementation returns the same float bits: F32/F16 follow the canonical 16-lane fma order,
 * block formats sum exact int32 block dot products in block order through {@link BlockSum}.
 */
public interface BaselineGemv {

    /** Identifies the implementation in run metadata, e.g. {@code scalar} or {@code panama/256-bit}. */
    String name();

    /** Row {@code row} of {@code w} dotted with the single row {@code x}. */
    float dot(BlockTensor w, int row, BlockTensor x);

    /** Sets {@code y[r]} for every row r of {@code w}; {@code y.length} must equal the row count. */
    default void gemv(BlockTensor w, BlockTensor x, float[] y) {
        GemvArgs.check(w, x, y);
        for (int r = 0; r < w.rows(); r++) {
            y[r] = dot(w, r, x);
        }
    }
}
