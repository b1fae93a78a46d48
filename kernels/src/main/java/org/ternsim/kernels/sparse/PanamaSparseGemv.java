// Vector API activation-sparse GEMV: each non-zero activation is broadcast and multiplied into whole planes of rows.
package org.ternsim.kernels.sparse;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * For a non-zero q_k, the column's bytes are loaded {@code ints.length()} at a time; each of the four 2-bit planes
 * (shift 6, 4, 2, 0 and mask 3) holds codes of {@code ints.length()} consecutive rows, widened to int lanes and
 * multiplied by the broadcast q_k. Integer sums, so the result is exact and equal to the scalar kernel's.
 */
public final class PanamaSparseGemv implements SparseGemv {

    private final VectorSpecies<Integer> ints;
    private final VectorSpecies<Byte> bytes;

    public PanamaSparseGemv(VectorSpecies<Integer> ints) {
        this.ints = ints;
        // A byte species with as many lanes as the int species (a quarter of its bits): 128-bit ints need 32-bit
        // bytes, which do not exist, so they read 64-bit byte vectors and use the low half.
        this.bytes = VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, ints.vectorBitSize() / 4)));
    }

    /** Factory that {@code KernelProvider} finds reflectively; {@code bits == 0} means the preferred width. */
    public static SparseGemv forBits(int bits) {
        return new PanamaSparseGemv(bits == 0 ? IntVector.SPECIES_PREFERRED
            : VectorSpecies.of(int.class, VectorShape.forBitSize(bits)));
    }

    @Override
    public String name() {
        return "panama/" + ints.vectorBitSize() + "-bit";
    }

    @Override
    public Skipped gemv(ColumnTernaryWeights w, Int8Activations x, float[] y) {
        SparseGemv.check(w, x, y);
        int p = w.planeBytes();
        int[] acc = new int[4 * p];
        int lanes = ints.length();
        int skipped = 0;
        byte[] data = w.data();
        for (int k = 0; k < w.cols(); k++) {
            int q = x.codes()[k];
            if (q == 0) {
                skipped++;
                continue;
            }
            int base = k * p;
            int b = 0;
            // Each load reads bytes.length() >= lanes bytes of this column and uses the first `lanes`.
            for (; b + bytes.length() <= p; b += lanes) {
                ByteVector packed = ByteVector.fromArray(bytes, data, base + b);
                for (int plane = 0; plane < 4; plane++) {
                    ByteVector codes = packed.lanewise(VectorOperators.LSHR, 6 - 2 * plane).and((byte) 3);
                    IntVector c = (IntVector) codes.convertShape(VectorOperators.B2I, ints, 0);
                    int at = plane * p + b;
                    IntVector.fromArray(ints, acc, at).add(c.mul(q)).intoArray(acc, at);
                }
            }
            for (; b < p; b++) {
                int packed = data[base + b];
                for (int plane = 0; plane < 4; plane++) {
                    acc[plane * p + b] += ((packed >>> (6 - 2 * plane)) & 3) * q;
                }
            }
        }
        SparseGemv.epilogue(acc, w, x, y);
        return new Skipped(skipped, w.cols());
    }
}
