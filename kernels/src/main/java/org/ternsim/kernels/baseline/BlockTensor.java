// A matrix (or one activation row) stored in a ggml type's exact byte layout.
package org.ternsim.kernels.baseline;

import java.util.Objects;
import org.ternsim.kernels.gguf.GgufReader;
import org.ternsim.kernels.gguf.GgufTensorInfo;

/**
 * {@code rows} rows of {@code cols} values of {@code type}, each row {@code type.rowBytes(cols)} bytes of whole
 * blocks, rows contiguous, as ggml lays out a 2-D tensor.
 */
public record BlockTensor(BlockFormat type, int rows, int cols, byte[] data) {

    public BlockTensor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be positive, got " + rows);
        }
        long expected = (long) rows * type.rowBytes(cols);
        if (data.length != expected) {
            throw new IllegalArgumentException(rows + " x " + cols + " " + type.kernelName() + " needs " + expected
                    + " bytes, got " + data.length);
        }
    }

    /** Quantizes row-major {@code values} ({@code rows * cols}) with ggml's reference quantizer for {@code type}. */
    /**
     * A 2-D tensor of a GGUF file (ggml dims [ne0 = K, ne1 = M]) in a format the baseline kernels implement.
     *
     * @throws IllegalArgumentException if the tensor is not 2-D or its type has no baseline kernel
     */
    public static BlockTensor fromGguf(GgufReader reader, GgufTensorInfo info) {
        BlockFormat format = BlockFormat.of(info.type()).orElseThrow(() -> new IllegalArgumentException(
            "tensor " + info.name() + " is " + info.type().label() + ", which has no baseline kernel; valid: "
                + java.util.Arrays.toString(BlockFormat.values())));
        long[] dims = info.dims();
        if (dims.length != 2 || dims[0] > Integer.MAX_VALUE || dims[1] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor " + info.name() + " must be 2-D with int-sized dims, got "
                + info.shape());
        }
        return new BlockTensor(format, (int) dims[1], (int) dims[0], reader.tensorBytes(info));
    }

    public static BlockTensor quantize(BlockFormat type, int rows, int cols, float[] values) {
        int rowBytes = type.rowBytes(cols);
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException("need " + (long) rows * cols + " values, got " + values.length);
        }
        byte[] data = new byte[Math.multiplyExact(rows, rowBytes)];
        RowCodec codec = RowCodec.of(type);
        for (int r = 0; r < rows; r++) {
            codec.quantize(values, r * cols, cols, data, r * rowBytes);
        }
        return new BlockTensor(type, rows, cols, data);
    }

    /** One activation row of {@code x.length} values. */
    public static BlockTensor row(BlockFormat type, float[] x) {
        return quantize(type, 1, x.length, x);
    }

    /** All values, row-major, by ggml's {@code dequantize_row_*}. */
    public float[] dequantize() {
        float[] values = new float[Math.multiplyExact(rows, cols)];
        RowCodec codec = RowCodec.of(type);
        for (int r = 0; r < rows; r++) {
            codec.dequantize(data, r * rowBytes(), cols, values, r * cols);
        }
        return values;
    }

    /** Bytes per row. */
    public int rowBytes() {
        return type.rowBytes(cols);
    }

    /** Blocks per row. */
    public int blocksPerRow() {
        return cols / type.blockSize();
    }
}
