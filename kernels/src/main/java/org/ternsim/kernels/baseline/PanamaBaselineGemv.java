// The host-speed baseline GEMV on the incubator Vector API; bit-identical to ScalarBaselineGemv at every width.
package org.ternsim.kernels.baseline;

import jdk.incubator.vector.IntVector;

/**
 * Baseline GEMV with the Vector API at 128, 256 or 512 bits.
 *
 * <p>Shape of the kernel. The bodies live in {@link BaselineBody128}, {@link BaselineBody256} and
 * {@link BaselineBody512}, one class per width with {@code static final} species (the Vector API only becomes SIMD
 * code when the species is a constant; species held in fields or passed to a body the JIT does not inline run as
 * slow Java). The activation row is prepared once per GEMV ({@link BaselineActivations}): its int8 codes widened to
 * int16 in the order the kernel reads weight lanes, its block scales decoded to floats.
 *
 * <p>Block formats. Weight bytes are loaded L at a time (L = int16 lanes = bits / 16) and widened B2S; codes are
 * unpacked in int16 lanes (nibbles, 2-bit fields, 6-bit codes, TQ1_0's base-3 digits), multiplied by the int16
 * activations (|code * act| <= 128 * 128, exact) and added in int16 while no lane can exceed 2^15 (bounds per format
 * in the bodies), then widened pairwise into int32 (Q6_K multiplies by the sub-block scale there). One reduceLanes
 * per block gives the exact block sum, combined by {@link BlockSum} in block order as in the scalar code. A block
 * whose vector loads would read past the end of the weight array (TQ1_0: the last block of the last row) is summed
 * in scalar; integer sums do not depend on the order, so the bits are the same.
 *
 * <p>F32/F16. Element k goes to float lane k mod 16 with {@code fma} (fused, equal to {@code Math.fma}) in 16 / F
 * vectors of F float lanes; the lanes go to a 16-float array, the tail (K mod 16) is added there in scalar and
 * {@link Lanes16} reduces, which is exactly the scalar order. F16 weights are widened S2I and converted in int lanes:
 * the 15 magnitude bits shifted by 13 and multiplied by 2^112 give normals and subnormals exactly; infinities and
 * NaNs are blended in.
 */
public final class PanamaBaselineGemv implements BaselineGemv {

    private final int bits;

    /** Uses {@code bits}-bit vectors: 128, 256 or 512. */
    public PanamaBaselineGemv(int bits) {
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("PanamaBaselineGemv supports 128-, 256- and 512-bit species, got "
                    + bits);
        }
        this.bits = bits;
    }

    /** Factory that {@link org.ternsim.kernels.KernelProvider} finds reflectively; 0 means the preferred width. */
    public static BaselineGemv forBits(int bits) {
        return new PanamaBaselineGemv(bits == 0 ? Math.min(512, IntVector.SPECIES_PREFERRED.vectorBitSize()) : bits);
    }

    @Override
    public String name() {
        return "panama/" + bits + "-bit";
    }

    @Override
    public float dot(BlockTensor w, int row, BlockTensor x) {
        GemvArgs.check(w, row, x);
        float[] y = new float[1];
        run(w, row, row + 1, BaselineActivations.of(w.type(), x, activationLanes(w.type())), y, -row);
        return y[0];
    }

    @Override
    public void gemv(BlockTensor w, BlockTensor x, float[] y) {
        GemvArgs.check(w, x, y);
        run(w, 0, w.rows(), BaselineActivations.of(w.type(), x, activationLanes(w.type())), y, 0);
    }

    /** Int16 lanes of the body that reads {@code type}'s activations (TQ1_0 at 512 bits runs the 256-bit body). */
    private int activationLanes(BlockFormat type) {
        return activationLanes(bits, type);
    }

    /** The same at {@code bits}; shared with {@link PanamaBaselineGemm}, whose bodies read the same layouts. */
    static int activationLanes(int bits, BlockFormat type) {
        return type == BlockFormat.TQ1_0 ? Math.min(16, bits / 16) : bits / 16;
    }

    /** Rows [from, to) into {@code y[row + shift]}. */
    private void run(BlockTensor w, int from, int to, BaselineActivations a, float[] y, int shift) {
        switch (bits) {
            case 128:
                BaselineBody128.gemv(w, from, to, a, y, shift);
                break;
            case 256:
                BaselineBody256.gemv(w, from, to, a, y, shift);
                break;
            default:
                BaselineBody512.gemv(w, from, to, a, y, shift);
        }
    }

    /** A TQ1_0 block's exact int sum as the scalar reference computes it, from activation codes in value order. */
    static int tq1ScalarBlock(byte[] wd, int wo, short[] act, int ao) {
        byte[] codes = new byte[256];
        BlockCodes.tq1_0(wd, wo, codes);
        int sum = 0;
        for (int k = 0; k < codes.length; k++) {
            sum += codes[k] * act[ao + k];
        }
        return sum;
    }
}
