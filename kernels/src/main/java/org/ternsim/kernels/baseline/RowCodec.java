// Quantize (pack) and dequantize (unpack) one row of a ggml type.
package org.ternsim.kernels.baseline;

/** One row of a type: ggml's {@code quantize_row_*_ref} and {@code dequantize_row_*}. {@code k} is whole blocks. */
interface RowCodec {

    void quantize(float[] x, int xOff, int k, byte[] dst, int dstOff);

    void dequantize(byte[] src, int srcOff, int k, float[] y, int yOff);

    static RowCodec of(BlockFormat type) {
        switch (type) {
            case F32:
                return new FloatCodecs.F32();
            case F16:
                return new FloatCodecs.F16();
            case BF16:
                return new FloatCodecs.BF16();
            case Q8_0:
                return new Q8_0Codec();
            case Q4_0:
                return new Q4_0Codec();
            case Q2_K:
                return new Q2KCodec();
            case Q6_K:
                return new Q6KCodec();
            case TQ2_0:
                return new Tq2_0Codec();
            case TQ1_0:
                return new Tq1_0Codec();
            case Q8_K:
                return new Q8KCodec();
            default:
                throw new AssertionError(type);
        }
    }
}
