// Lossless KV rows: the raw float bits, little-endian; the baseline the compressed formats are measured against.
package org.ternsim.kernels.nn;

/** Four bytes per value, {@code Float.floatToRawIntBits} little-endian, so every bit (NaN payloads too) survives. */
public final class F32KvCodec implements KvRowCodec {

    @Override
    public String name() {
        return "f32";
    }

    @Override
    public int bytesPerRow(int headDim) {
        return 4 * headDim;
    }

    @Override
    public void encode(float[] src, int srcOff, int headDim, byte[] dst, int dstOff) {
        for (int i = 0; i < headDim; i++) {
            LittleEndian.putInt(dst, dstOff + 4 * i, Float.floatToRawIntBits(src[srcOff + i]));
        }
    }

    @Override
    public void decode(byte[] src, int srcOff, int headDim, float[] dst, int dstOff) {
        for (int i = 0; i < headDim; i++) {
            dst[dstOff + i] = Float.intBitsToFloat(LittleEndian.getInt(src, srcOff + 4 * i));
        }
    }
}
