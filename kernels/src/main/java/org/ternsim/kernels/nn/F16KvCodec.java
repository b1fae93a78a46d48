// F16 KV rows, the 16-bit cache of 2B4T inference (workloads.md §4.2 runs attention in bf16/fp16).
package org.ternsim.kernels.nn;

import org.ternsim.kernels.numeric.Fp16;

/** Two bytes per value: {@link Fp16#fromFloat} (round to nearest even, overflow to infinity), little-endian. */
public final class F16KvCodec implements KvRowCodec {

    @Override
    public String name() {
        return "f16";
    }

    @Override
    public int bytesPerRow(int headDim) {
        return 2 * headDim;
    }

    @Override
    public void encode(float[] src, int srcOff, int headDim, byte[] dst, int dstOff) {
        for (int i = 0; i < headDim; i++) {
            short h = Fp16.fromFloat(src[srcOff + i]);
            dst[dstOff + 2 * i] = (byte) h;
            dst[dstOff + 2 * i + 1] = (byte) (h >>> 8);
        }
    }

    @Override
    public void decode(byte[] src, int srcOff, int headDim, float[] dst, int dstOff) {
        for (int i = 0; i < headDim; i++) {
            int h = (src[srcOff + 2 * i] & 0xFF) | (src[srcOff + 2 * i + 1] << 8);
            dst[dstOff + i] = Fp16.toFloat(h);
        }
    }
}
