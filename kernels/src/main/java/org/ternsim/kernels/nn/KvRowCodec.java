// How one KV-cache row (one token, one kv head) is stored: the plug-in point for F32, F16, INT8 and later 4/3-bit KV.
package org.ternsim.kernels.nn;

/**
 * Encodes one row of {@code headDim} floats (a key or value of one token and one kv head) into a fixed number of
 * bytes and decodes it back to floats. Attention only ever sees decoded floats, so a new KV format (the 4-bit and
 * 3-bit unsigned absmax caches of a4.8 / v2, written as a {@code KvCacheQuantizer} in {@code quant}) plugs in by
 * implementing this interface, typically as a thin adapter; nothing in {@link Attention} changes.
 *
 * <p>Contract: {@link #decode} is a pure function of the stored bytes, and {@link #encode} a pure function of the
 * floats, so every attention implementation sees the same dequantized values.
 */
public interface KvRowCodec {

    /** Format name for run metadata, e.g. {@code f16} or {@code int8}. */
    String name();

    /** Stored bytes per row of {@code headDim} values. */
    int bytesPerRow(int headDim);

    void encode(float[] src, int srcOff, int headDim, byte[] dst, int dstOff);

    void decode(byte[] src, int srcOff, int headDim, float[] dst, int dstOff);

    /**
     * Encodes the row of the token at {@code position}; codecs that treat the [BOS] token (position 0) differently
     * override this. The default ignores the position.
     */
    default void encode(int position, float[] src, int srcOff, int headDim, byte[] dst, int dstOff) {
        encode(src, srcOff, headDim, dst, dstOff);
    }
}
