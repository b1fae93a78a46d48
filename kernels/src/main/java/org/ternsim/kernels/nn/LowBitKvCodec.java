// 3- or 4-bit KV-cache rows (BitNet a4.8 / v2) through KvCacheQuantizer, with the [BOS] token kept at higher precision.
package org.ternsim.kernels.nn;

import org.ternsim.kernels.quant.KvCacheQuantizer;
import org.ternsim.kernels.quant.KvCodePacking;
import org.ternsim.kernels.quant.KvHeadBlock;

/**
 * Row layout: one byte with the code width, the fp32 step (little-endian), then the packed unsigned codes. Every
 * row reserves room for the [BOS] width so rows stay at fixed offsets; the storage a real cache would need is
 * {@link #storedBytes(int, boolean)}.
 */
public final class LowBitKvCodec implements KvRowCodec {

    private final KvCacheQuantizer quantizer;

    public LowBitKvCodec(KvCacheQuantizer quantizer) {
        this.quantizer = quantizer;
    }

    @Override
    public String name() {
        return "int" + quantizer.bits() + " (bos int" + quantizer.bosBits() + ")";
    }

    @Override
    public int bytesPerRow(int headDim) {
        return 1 + KvHeadBlock.SCALE_BYTES + KvCodePacking.packedBytes(quantizer.bosBits(), headDim);
    }

    /** Bytes a packed cache stores for one row: the step and the codes, no width byte, no [BOS] reserve. */
    public int storedBytes(int headDim, boolean bos) {
        return KvHeadBlock.SCALE_BYTES + KvCodePacking.packedBytes(bos ? quantizer.bosBits() : quantizer.bits(), headDim);
    }

    @Override
    public void encode(float[] src, int srcOff, int headDim, byte[] dst, int dstOff) {
        encode(1, src, srcOff, headDim, dst, dstOff);
    }

    @Override
    public void encode(int position, float[] src, int srcOff, int headDim, byte[] dst, int dstOff) {
        int bits = position == 0 ? quantizer.bosBits() : quantizer.bits();
        KvHeadBlock block = KvCacheQuantizer.quantize(src, srcOff, headDim, bits);
        dst[dstOff] = (byte) bits;
        LittleEndian.putInt(dst, dstOff + 1, Float.floatToRawIntBits(block.step()));
        System.arraycopy(block.packed(), 0, dst, dstOff + 1 + KvHeadBlock.SCALE_BYTES, block.packed().length);
    }

    @Override
    public void decode(byte[] src, int srcOff, int headDim, float[] dst, int dstOff) {
        int bits = src[srcOff];
        float step = Float.intBitsToFloat(LittleEndian.getInt(src, srcOff + 1));
        int start = srcOff + 1 + KvHeadBlock.SCALE_BYTES;
        byte[] packed = java.util.Arrays.copyOfRange(src, start, start + KvCodePacking.packedBytes(bits, headDim));
        new KvHeadBlock(bits, headDim, packed, step).dequantize(dst, dstOff);
    }
}
