// Head counts and head size of one attention layer, with the GQA grouping they imply.
package org.ternsim.kernels.nn;

/**
 * @param heads    query heads
 * @param kvHeads  key/value heads; query head h reads kv head h / (heads / kvHeads), as HF {@code repeat_kv}
 * @param headDim  elements per head
 */
public record AttentionShape(int heads, int kvHeads, int headDim) {

    public AttentionShape {
        if (heads < 1 || kvHeads < 1 || headDim < 1) {
            throw new IllegalArgumentException("heads, kvHeads and headDim must be >= 1, got " + heads + ", "
                    + kvHeads + ", " + headDim);
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(heads + " query heads do not divide into " + kvHeads + " kv heads");
        }
    }

    /** BitNet b1.58 2B4T: 20 query heads, 5 kv heads, 128 (workloads.md §4.1). */
    public static AttentionShape bitnet2b4t() {
        return new AttentionShape(20, 5, 128);
    }

    /** FLUX.1: 24 heads of 128, no GQA (workloads.md §9.1). */
    public static AttentionShape flux() {
        return new AttentionShape(24, 24, 128);
    }

    /** Query heads per kv head. */
    public int groupSize() {
        return heads / kvHeads;
    }

    /** Floats per token of queries (and of the attention output). */
    public int queryWidth() {
        return heads * headDim;
    }

    /** Floats per token of keys or of values. */
    public int kvWidth() {
        return kvHeads * headDim;
    }

    /** The score scale (float) (1.0 / StrictMath.sqrt(headDim)). */
    public float scale() {
        return (float) (1.0 / StrictMath.sqrt(headDim));
    }
}
