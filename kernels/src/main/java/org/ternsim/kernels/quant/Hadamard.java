// The blocked orthonormal Walsh-Hadamard transform of BitNet v2, with its block rule and its one float operation order.
package org.ternsim.kernels.quant;

import java.util.Objects;
import org.ternsim.kernels.KernelProvider;

/**
 * In-place blocked Sylvester Hadamard transform, applied to an activation row before int8/int4 quantization of the
 * Wo and Wdown inputs (BitNet v2, arXiv 2504.18415 Eq.3-4; workloads.md §6).
 *
 * <p>Matrix. H_1 = (1), H_2m = [[H_m, H_m], [H_m, -H_m]], in natural (Sylvester, not sequency) order, scaled by
 * 1/sqrt(n) so that it is orthonormal and symmetric: H H = I, so the transform is its own inverse. This is the
 * matrix of Dao-AILab {@code fast-hadamard-transform} with {@code scale = 1/sqrt(n)}, the library v2 used.
 *
 * <p>Blocks. v2 transforms the full width, which its configs keep a power of two. BitNet b1.58 2B4T widths are not
 * (2560 = 5 x 512, 6912 = 27 x 256), so we apply H_B to each consecutive block of B entries (a block-diagonal
 * transform, still orthonormal); the default B = {@link #blockSize(int)} is the largest power of two dividing the
 * width, which is the full width when the width is a power of two. This blocking is our extrapolation [D], not a
 * rule from the paper. A caller may pass any power-of-two B that divides the width.
 *
 * <p>Float operation order, the same in every implementation so outputs match bit for bit: within each block,
 * stages h = 1, 2, 4, ..., B/2; stage h replaces every pair (x[j], x[j+h]) with j mod 2h < h by
 * (x[j] + x[j+h], x[j] - x[j+h]) in float; after the last stage every entry is multiplied by the float
 * {@link #normalisation(int)} = (float) (1 / sqrt(B)) (one folded scale, not 1/sqrt 2 per stage). Each stage depends
 * only on the previous one and each output is one float add or subtract of two inputs, so any loop order that
 * completes the stages in sequence gives the same bits.
 */
public interface Hadamard {

    /** Identifies the implementation in run metadata, e.g. {@code scalar} or {@code panama/256-bit}. */
    String name();

    /**
     * Transforms {@code x[offset, offset + length)} in place, block by block.
     *
     * @param block B, a power of two (>= 1) that divides {@code length}
     */
    void transform(float[] x, int offset, int length, int block);

    /** Transforms the whole of {@code x} with the default block size. */
    default void transform(float[] x) {
        Objects.requireNonNull(x, "x");
        transform(x, 0, x.length, blockSize(x.length));
    }

    /** The selected implementation for this JVM (Vector API or scalar), shared and stateless. */
    static Hadamard instance() {
        return KernelProvider.select(Hadamard.class, "org.ternsim.kernels.quant.PanamaHadamard", ScalarHadamard::new);
    }

    /** The default block: the largest power of two dividing {@code width} (2560 -> 512, 6912 -> 256, 3 -> 1). */
    static int blockSize(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("Hadamard width must be >= 1, got " + width);
        }
        return width & -width;
    }

    /** The folded orthonormal scale (float) (1 / sqrt(block)); exact when the block is a power of four. */
    static float normalisation(int block) {
        return (float) (1.0 / Math.sqrt(block));
    }

    /** Argument checks shared by the implementations. */
    static void checkArgs(float[] x, int offset, int length, int block) {
        Objects.requireNonNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        if (block < 1 || Integer.bitCount(block) != 1) {
            throw new IllegalArgumentException("Hadamard block must be a power of two >= 1, got " + block);
        }
        if (length % block != 0) {
            throw new IllegalArgumentException("Hadamard block " + block + " does not divide the width " + length
                    + "; the largest power-of-two block that does is " + (length == 0 ? "any" : blockSize(length)));
        }
    }
}
