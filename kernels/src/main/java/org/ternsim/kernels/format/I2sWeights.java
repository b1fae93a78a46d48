// I2_S weights as bitnet.cpp stores them: 2-bit codes t+1 in the layout's blocks, then a 32-byte tail with the scale.
package org.ternsim.kernels.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * An M x K ternary matrix in I2_S format. {@code data} is exactly bitnet.cpp's tensor bytes: {@code rows * cols / 4}
 * packed bytes (see {@link I2sLayout}) followed by a {@value #TAIL_BYTES}-byte tail whose first 4 bytes hold the
 * fp32 weight scale, little-endian. Codes are c = t + 1 in {0, 1, 2}; the code 3 is rejected.
 *
 * @param rows   M, at least 1
 * @param cols   K, a positive multiple of the layout's block size
 * @param layout block layout
 * @param data   tensor bytes; shared, not copied
 * @param scale  weight scale (the multiplier restoring magnitude); must equal the scale stored in the tail
 */
public record I2sWeights(int rows, int cols, I2sLayout layout, byte[] data, float scale) {

    /** Bytes after the packed codes; the first four hold the fp32 scale. */
    public static final int TAIL_BYTES = 32;

    public I2sWeights {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(data, "data");
        if (rows < 1) {
            throw new IllegalArgumentException("I2_S weights need rows >= 1, got " + rows);
        }
        layout.checkCols(cols);
        long packed = (long) rows * cols / 4;
        if ((long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("I2_S tensor " + rows + "x" + cols + " exceeds 2^31-1 values");
        }
        if (data.length != packed + TAIL_BYTES) {
            throw new IllegalArgumentException("I2_S " + rows + "x" + cols + " needs " + (packed + TAIL_BYTES)
                    + " bytes (" + packed + " packed + " + TAIL_BYTES + " tail), got " + data.length);
        }
        float stored = tailScale(data);
        if (Float.floatToRawIntBits(stored) != Float.floatToRawIntBits(scale)) {
            throw new IllegalArgumentException("I2_S scale " + scale + " differs from the scale in the tail, " + stored);
        }
        for (int i = 0; i < packed; i++) {
            // A 2-bit field is 3 exactly when both its bits are set.
            if ((data[i] & (data[i] >>> 1) & 0x55) != 0) {
                throw new IllegalArgumentException("I2_S byte " + i + " holds the invalid code 3 (byte 0x"
                        + Integer.toHexString(data[i] & 0xFF) + ")");
            }
        }
    }

    /** Wraps tensor bytes read from a model file, taking the scale from the tail. */
    public static I2sWeights fromTensorBytes(int rows, int cols, I2sLayout layout, byte[] data) {
        if (data.length < TAIL_BYTES) {
            throw new IllegalArgumentException("I2_S tensor bytes must end in a " + TAIL_BYTES + "-byte tail, got "
                    + data.length + " bytes");
        }
        return new I2sWeights(rows, cols, layout, data, tailScale(data));
    }

    /** Packed bytes of one row: K / 4. Rows never share a byte because K is a whole number of blocks. */
    public int rowBytes() {
        return cols / 4;
    }

    /** Offset of the tail, which is also the number of packed bytes. */
    public int packedBytes() {
        return rows * rowBytes();
    }

    static float tailScale(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getFloat(data.length - TAIL_BYTES);
    }
}
