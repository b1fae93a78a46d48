// One GEMV/GEMM problem for the accelerator: kernel, activation type, M x K x N and the zero-skip group.
package org.ternsim.isa.accel;

/**
 * @param kernel kernel
 * @param act    activation type (the kernel's default, or BF16 for W1.58A16)
 * @param rows   M, output rows
 * @param cols   K, reduction length
 * @param tokens N, tokens (1 = GEMV)
 * @param skipGroup 0: dense; G > 0: the MAC instructions skip every group of G consecutive activations that are all
 *               zero ({@link TernaryMac}); G is a power of two up to the 128-value I2_S block, integer activations
 *               and the ternary MAC kernels only
 */
public record AccelShape(AccelKernel kernel, ActType act, int rows, int cols, int tokens, int skipGroup) {

    public AccelShape {
        if (rows < 1 || cols < 1 || tokens < 1) {
            throw new IllegalArgumentException("shape must be positive: " + rows + "x" + cols + "x" + tokens);
        }
        if (skipGroup != 0 && (Integer.bitCount(skipGroup) != 1 || skipGroup > AccelKernel.I2S_BLOCK
                || act.isFloat() || kernel.isLut())) {
            throw new IllegalArgumentException("zero-activation skip group " + skipGroup + " needs a power of two up to "
                    + AccelKernel.I2S_BLOCK + " and an integer ternary-MAC kernel, got " + kernel.id() + "/" + act);
        }
    }

    /** A dense problem (no zero skipping). */
    public AccelShape(AccelKernel kernel, ActType act, int rows, int cols, int tokens) {
        this(kernel, act, rows, cols, tokens, 0);
    }

    /** TL2: the part of K packed in triples, floor(K / BK) * BK; other kernels: K. */
    public int threeK() {
        return kernel.isLut() ? cols / AccelKernel.TL2_BK * AccelKernel.TL2_BK : cols;
    }

    /** TL2: the pair part, K - threeK; other kernels 0. */
    public int twoK() {
        return cols - threeK();
    }

    /** Packed weight bytes per row for a K tile of {@code k} values (TL2 triple tiles: k/6 index + k/24 sign bytes). */
    public long weightRowBytes(int k) {
        return kernel.isLut() ? k / 6 + k / 24 : (k + 3) / 4;
    }

    /** Multiply-accumulates of the whole problem. */
    public long macs() {
        return (long) rows * cols * tokens;
    }
}
