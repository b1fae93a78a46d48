// Which two elements of a head RoPE rotates together; the two conventions differ only by a permutation of weights.
package org.ternsim.kernels.nn;

/** Pair p of a head of dimension d (p &lt; d/2) and the two element indices it rotates. */
public enum RopePairing {
    /** HF Llama / BitNet {@code rotate_half}: elements p and p + d/2. The HF 2B4T q/k weights use this order. */
    HALF_SPLIT,
    /** Original Llama / FLUX {@code reshape(..., -1, 1, 2)}: elements 2p and 2p + 1. */
    INTERLEAVED;

    /** Index of the first element of pair p. */
    public int first(int p, int headDim) {
        return this == HALF_SPLIT ? p : 2 * p;
    }

    /** Index of the second element of pair p. */
    public int second(int p, int headDim) {
        return this == HALF_SPLIT ? p + headDim / 2 : 2 * p + 1;
    }
}
