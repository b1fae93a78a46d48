// A growing KV cache of one attention layer, stored through a KvRowCodec and read back as floats.
package org.ternsim.kernels.nn;

/**
 * Keys and values of positions 0 .. length-1 for {@code kvHeads} heads of {@code headDim}, stored as encoded rows
 * (position-major, then head). Rows are encoded once on {@link #append} (after RoPE, for keys) and decoded on every
 * read, as a real quantized cache would be.
 */
public final class KvCache {

    private final int kvHeads;
    private final int headDim;
    private final int capacity;
    private final KvRowCodec codec;
    private final int rowBytes;
    private final byte[] keys;
    private final byte[] values;
    private int length;

    public KvCache(int kvHeads, int headDim, int capacity, KvRowCodec codec) {
        if (kvHeads < 1 || headDim < 1 || capacity < 1) {
            throw new IllegalArgumentException("kvHeads, headDim and capacity must be >= 1, got " + kvHeads + ", "
                    + headDim + ", " + capacity);
        }
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.capacity = capacity;
        this.codec = codec;
        this.rowBytes = codec.bytesPerRow(headDim);
        long bytes = (long) capacity * kvHeads * rowBytes;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("KV cache of " + bytes + " bytes per tensor exceeds one Java array");
        }
        this.keys = new byte[(int) bytes];
        this.values = new byte[(int) bytes];
    }

    public int kvHeads() {
        return kvHeads;
    }

    public int headDim() {
        return headDim;
    }

    public int capacity() {
        return capacity;
    }

    public int length() {
        return length;
    }

    public KvRowCodec codec() {
        return codec;
    }

    /** Appends one token: k and v each hold kvHeads * headDim floats, head-major, from their offsets. */
    public void append(float[] k, int kOff, float[] v, int vOff) {
        if (length == capacity) {
            throw new IllegalStateException("KV cache is full at " + capacity + " positions");
        }
        NnArgs.check("k", k, kOff, kvHeads * headDim);
        NnArgs.check("v", v, vOff, kvHeads * headDim);
        for (int h = 0; h < kvHeads; h++) {
            int row = (length * kvHeads + h) * rowBytes;
            codec.encode(length, k, kOff + h * headDim, headDim, keys, row);
            codec.encode(length, v, vOff + h * headDim, headDim, values, row);
        }
        length++;
    }

    /** Forgets positions {@code newLength} and later, e.g. to decode the same position again or to drop a draft. */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IndexOutOfBoundsException("cannot truncate a cache of " + length + " positions to " + newLength);
        }
        length = newLength;
    }

    /** Decodes the key of {@code pos} for kv head {@code head} into dst[off .. off+headDim). */
    public void readKey(int pos, int head, float[] dst, int off) {
        codec.decode(keys, rowOffset(pos, head), headDim, dst, off);
    }

    /** Decodes the value of {@code pos} for kv head {@code head} into dst[off .. off+headDim). */
    public void readValue(int pos, int head, float[] dst, int off) {
        codec.decode(values, rowOffset(pos, head), headDim, dst, off);
    }

    private int rowOffset(int pos, int head) {
        if (pos < 0 || pos >= length || head < 0 || head >= kvHeads) {
            throw new IndexOutOfBoundsException("position " + pos + " of " + length + ", head " + head + " of "
                    + kvHeads);
        }
        return (pos * kvHeads + head) * rowBytes;
    }
}
