// The element-wise float types: F32 (raw bits), F16 and BF16 (rounded per ggml).
package org.ternsim.kernels.baseline;

import org.ternsim.kernels.numeric.Fp16;
import org.ternsim.kernels.numeric.Bf16;

final class FloatCodecs {

    private FloatCodecs() {
    }

    /** F32: the float's raw bits, little-endian, NaN payloads kept. */
    static final class F32 implements RowCodec {
        @Override
        public void quantize(float[] x, int xOff, int k, byte[] dst, int dstOff) {
            for (int i = 0; i < k; i++) {
                LittleEndian.putF32(dst, dstOff + 4 * i, x[xOff + i]);
            }
        }

        @Override
        public void dequantize(byte[] src, int srcOff, int k, float[] y, int yOff) {
            for (int i = 0; i < k; i++) {
                y[yOff + i] = LittleEndian.f32(src, srcOff + 4 * i);
            }
        }
    }

    /** F16: {@link Fp16}. */
    static final class F16 implements RowCodec {
        @Override
        public void quantize(float[] x, int xOff, int k, byte[] dst, int dstOff) {
            for (int i = 0; i < k; i++) {
                LittleEndian.put16(dst, dstOff + 2 * i, Fp16.fromFloat(x[xOff + i]));
            }
        }

        @Override
        public void dequantize(byte[] src, int srcOff, int k, float[] y, int yOff) {
            for (int i = 0; i < k; i++) {
                y[yOff + i] = LittleEndian.f16(src, srcOff + 2 * i);
            }
        }
    }

    /** BF16: {@link Bf16}. */
    static final class BF16 implements RowCodec {
        @Override
        public void quantize(float[] x, int xOff, int k, byte[] dst, int dstOff) {
            for (int i = 0; i < k; i++) {
                LittleEndian.put16(dst, dstOff + 2 * i, Bf16.fromFloat(x[xOff + i]));
            }
        }

        @Override
        public void dequantize(byte[] src, int srcOff, int k, float[] y, int yOff) {
            for (int i = 0; i < k; i++) {
                y[yOff + i] = Bf16.toFloat(LittleEndian.u16(src, srcOff + 2 * i));
            }
        }
    }
}
