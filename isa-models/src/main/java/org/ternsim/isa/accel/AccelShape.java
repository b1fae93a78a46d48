// One GEMV/GEMM problem for the accelerator: kernel, activation type and M x K x N.
package org.ternsim.isa.accel;

/**
 * @param kernel kernel
 * @param act    activation type (the kernel's default, or BF16 for W1.58A16)
 * @param rows   M, output rows
 * @param cols   K, reduction length
 * @param tokens N, tokens (1 = GEMV)
 */
public record AccelShape(AccelKernel kernel, ActType act, int rows, int cols, int tokens) {

    public AccelShape {
        if (rows < 1 || cols < 1 || tokens < 1) {
            throw new IllegalArgumentException("shape must be positive: " + rows + "x" + cols + "x" + tokens);
        }
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
