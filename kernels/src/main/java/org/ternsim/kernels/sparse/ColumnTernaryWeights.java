// Ternary weights stored column by column, so a kernel can skip the columns whose activation is zero.
package org.ternsim.kernels.sparse;

import org.ternsim.kernels.quant.TernaryWeights;

/**
 * TernSim's layout for activation-sparse GEMV (not a bitnet.cpp format): column k holds the M codes c = t + 1 of
 * that column in {@code planeBytes = ceil(M / 4)} bytes, in the I2_S block pattern turned sideways: byte p of a
 * column holds rows p, p + P, p + 2P, p + 3P (P = planeBytes) in bits 7:6, 5:4, 3:2, 1:0. Each 2-bit plane is then a
 * contiguous run of rows, which is what a vector kernel wants. Rows past M are stored as code 1 (trit 0).
 *
 * @param data  cols x planeBytes bytes, column after column
 * @param scale the per-tensor weight scale, as in I2_S
 */
public record ColumnTernaryWeights(int rows, int cols, byte[] data, float scale) {

    public ColumnTernaryWeights {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("column weights need rows, cols >= 1, got " + rows + "x" + cols);
        }
        if (data.length != (long) cols * planeBytes(rows)) {
            throw new IllegalArgumentException("column weights of " + rows + "x" + cols + " need "
                + (long) cols * planeBytes(rows) + " bytes, got " + data.length);
        }
    }

    public static int planeBytes(int rows) {
        return (rows + 3) / 4;
    }

    public int planeBytes() {
        return planeBytes(rows);
    }

    public static ColumnTernaryWeights pack(TernaryWeights w) {
        int p = planeBytes(w.rows());
        byte[] data = new byte[w.cols() * p];
        for (int k = 0; k < w.cols(); k++) {
            for (int b = 0; b < p; b++) {
                int packed = 0;
                for (int plane = 0; plane < 4; plane++) {
                    int row = plane * p + b;
                    int code = row < w.rows() ? w.trits()[row * w.cols() + k] + 1 : 1;
                    packed |= code << (6 - 2 * plane);
                }
                data[k * p + b] = (byte) packed;
            }
        }
        return new ColumnTernaryWeights(w.rows(), w.cols(), data, w.scale());
    }

    /** The stored code c in {0, 1, 2} of (row, col). */
    public int code(int row, int col) {
        int p = planeBytes();
        int packed = data[col * p + row % p];
        return (packed >>> (6 - 2 * (row / p))) & 3;
    }
}
