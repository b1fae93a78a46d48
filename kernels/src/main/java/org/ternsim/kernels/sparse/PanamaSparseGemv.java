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

    // Per-width constants: 128-bit int vectors have 4 lanes, and no 32-bit byte species exists, so they read 64-bit
    // byte vectors and use the low half.
    private static final VectorSpecies<Integer> INTS_128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Integer> INTS_256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS_512 = IntVector.SPECIES_512;
    private static final VectorSpecies<Byte> BYTES_128 = ByteVector.SPECIES_64;
    private static final VectorSpecies<Byte> BYTES_256 = ByteVector.SPECIES_64;
    private static final VectorSpecies<Byte> BYTES_512 = ByteVector.SPECIES_128;

    private final VectorSpecies<Integer> ints;

    public PanamaSparseGemv(VectorSpecies<Integer> ints) {
        if (ints.vectorBitSize() != 128 && ints.vectorBitSize() != 256 && ints.vectorBitSize() != 512) {
            throw new IllegalArgumentException("sparse GEMV supports 128, 256 and 512-bit vectors, got " + ints);
        }
        this.ints = ints;
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
        int skipped = 0;
        byte[] data = w.data();
        int bits = ints.vectorBitSize();
        for (int k = 0; k < w.cols(); k++) {
            int q = x.codes()[k];
            if (q == 0) {
                skipped++;
                continue;
            }
            int base = k * p;
            int b = switch (bits) {
                case 128 -> column128(data, base, p, q, acc);
                case 256 -> column256(data, base, p, q, acc);
                default -> column512(data, base, p, q, acc);
            };
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

    /** One non-zero column at 128 bits: constant species so that the JIT emits real vector code. */
    private static int column128(byte[] data, int base, int p, int q, int[] acc) {
        int b = 0;
        // Each load reads BYTES_128.length() >= lanes bytes of this column and uses the first INTS_128.length().
        for (; b + BYTES_128.length() <= p; b += INTS_128.length()) {
            ByteVector packed = ByteVector.fromArray(BYTES_128, data, base + b);
            for (int plane = 0; plane < 4; plane++) {
                ByteVector codes = packed.lanewise(VectorOperators.LSHR, 6 - 2 * plane).and((byte) 3);
                IntVector c = (IntVector) codes.convertShape(VectorOperators.B2I, INTS_128, 0);
                int at = plane * p + b;
                IntVector.fromArray(INTS_128, acc, at).add(c.mul(q)).intoArray(acc, at);
            }
        }
        return b;
    }

    /** One non-zero column at 256 bits: constant species so that the JIT emits real vector code. */
    private static int column256(byte[] data, int base, int p, int q, int[] acc) {
        int b = 0;
        // Each load reads BYTES_256.length() >= lanes bytes of this column and uses the first INTS_256.length().
        for (; b + BYTES_256.length() <= p; b += INTS_256.length()) {
            ByteVector packed = ByteVector.fromArray(BYTES_256, data, base + b);
            for (int plane = 0; plane < 4; plane++) {
                ByteVector codes = packed.lanewise(VectorOperators.LSHR, 6 - 2 * plane).and((byte) 3);
                IntVector c = (IntVector) codes.convertShape(VectorOperators.B2I, INTS_256, 0);
                int at = plane * p + b;
                IntVector.fromArray(INTS_256, acc, at).add(c.mul(q)).intoArray(acc, at);
            }
        }
        return b;
    }

    /** One non-zero column at 512 bits: constant species so that the JIT emits real vector code. */
    private static int column512(byte[] data, int base, int p, int q, int[] acc) {
        int b = 0;
        // Each load reads BYTES_512.length() >= lanes bytes of this column and uses the first INTS_512.length().
        for (; b + BYTES_512.length() <= p; b += INTS_512.length()) {
            ByteVector packed = ByteVector.fromArray(BYTES_512, data, base + b);
            for (int plane = 0; plane < 4; plane++) {
                ByteVector codes = packed.lanewise(VectorOperators.LSHR, 6 - 2 * plane).and((byte) 3);
                IntVector c = (IntVector) codes.convertShape(VectorOperators.B2I, INTS_512, 0);
                int at = plane * p + b;
                IntVector.fromArray(INTS_512, acc, at).add(c.mul(q)).intoArray(acc, at);
            }
        }
        return b;
    }
}
