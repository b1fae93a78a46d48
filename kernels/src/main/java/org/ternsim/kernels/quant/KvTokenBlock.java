// The quantized K (or V) vector of one token: one KvHeadBlock per KV head, in head order.
package org.ternsim.kernels.quant;

import java.util.List;
import java.util.Objects;

/**
 * All KV heads of one token for one of K or V.
 *
 * @param heads one block per KV head, all of the same length (the head dimension); copied into an unmodifiable list
 */
public record KvTokenBlock(List<KvHeadBlock> heads) {

    public KvTokenBlock {
        heads = List.copyOf(Objects.requireNonNull(heads, "heads"));
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("a KV token block needs at least one head");
        }
        int headDim = heads.get(0).length();
        for (int h = 1; h < heads.size(); h++) {
            if (heads.get(h).length() != headDim) {
                throw new IllegalArgumentException("head " + h + " has " + heads.get(h).length()
                        + " values, head 0 has " + headDim);
            }
        }
    }

    /** Values per head. */
    public int headDim() {
        return heads.get(0).length();
    }

    /** The restored vector, heads concatenated (length heads * headDim), as attention reads it. */
    public float[] dequantize() {
        int headDim = headDim();
        float[] out = new float[heads.size() * headDim];
        for (int h = 0; h < heads.size(); h++) {
            heads.get(h).dequantize(out, h * headDim);
        }
        return out;
    }

    /** Stored size of all heads, codes and steps. */
    public int storageBytes() {
        int bytes = 0;
        for (KvHeadBlock head : heads) {
            bytes += head.storageBytes();
        }
        return bytes;
    }
}
