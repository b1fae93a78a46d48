// Converts between ternary weights and bitnet.cpp's I2_S bytes, and reads single codes through the layout.
package org.ternsim.kernels.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.ternsim.kernels.quant.TernaryWeights;

/**
 * Packs {@link TernaryWeights} into {@link I2sWeights} and back. The whole tensor is flattened row-major; value j
 * of each block of B values goes to byte j mod (B/4) of the block at bit position 6 - 2 (j div (B/4)), as code
 * c = t + 1 (bitnet.cpp {@code quantize_i2_s}).
 */
public final class I2sPacker {

    private I2sPacker() {
    }

    /** Packs {@code w} in {@code layout}; K must be a whole number of blocks. */
    public static I2sWeights pack(TernaryWeights w, I2sLayout layout) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(layout, "layout");
        layout.checkCols(w.cols());
        byte[] trits = w.trits();
        byte[] data = new byte[trits.length / 4 + I2sWeights.TAIL_BYTES];
        // Block by block, quarter q of a block to bits 6 - 2q of its bytes: the same placement as byteIndex/shift.
        int block = layout.blockSize();
        int bytes = layout.bytesPerBlock();
        for (int start = 0, out = 0; start < trits.length; start += block, out += bytes) {
            for (int q = 0; q < 4; q++) {
                int shift = 6 - 2 * q;
                int from = start + q * bytes;
                for (int k = 0; k < bytes; k++) {
                    data[out + k] |= (byte) ((trits[from + k] + 1) << shift);
                }
            }
        }
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putFloat(trits.length / 4, w.scale());
        return new I2sWeights(w.rows(), w.cols(), layout, data, w.scale());
    }

    /** Recovers the trits and scale. */
    public static TernaryWeights unpack(I2sWeights w) {
        byte[] trits = new byte[w.rows() * w.cols()];
        for (int i = 0; i < trits.length; i++) {
            trits[i] = (byte) (codeAt(w, i) - 1);
        }
        return new TernaryWeights(w.rows(), w.cols(), trits, w.scale());
    }

    /** The unsigned code c = t + 1 in {0, 1, 2} of element ({@code row}, {@code col}). */
    public static int code(I2sWeights w, int row, int col) {
        Objects.checkIndex(row, w.rows());
        Objects.checkIndex(col, w.cols());
        return codeAt(w, row * w.cols() + col);
    }

    private static int codeAt(I2sWeights w, int flat) {
        return (w.data()[byteIndex(w.layout(), flat)] >>> shift(w.layout(), flat)) & 3;
    }

    private static int byteIndex(I2sLayout layout, int flat) {
        int j = flat % layout.blockSize();
        return flat / layout.blockSize() * layout.bytesPerBlock() + j % layout.bytesPerBlock();
    }

    private static int shift(I2sLayout layout, int flat) {
        return 6 - 2 * (flat % layout.blockSize() / layout.bytesPerBlock());
    }
}
