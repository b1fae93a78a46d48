// Vector API activation-sparse GEMV: each non-zero activation is broadcast and multiplied into whole planes of rows.
package org.ternsim.kernels.sparse;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * For a non-zero q_k, the column's bytes are loaded {@code 4 * lanes} at a time and reinterpreted as {@code lanes} int
 * lanes, so int lane j holds bytes 4j..4j+3 (the Vector API reinterprets in little-endian lane order). One int shift
 * by {@code 8 i + 6 - 2 plane} and a mask of 3 then gives, in lane j, the code of row {@code b + 4j + i} of that plane;
 * it is multiplied by the broadcast q_k and added into an accumulator block stored "i-major" (slot
 * {@code b + i * lanes + j}), which {@link #unpermute} puts back in row order once, after the last column. Integer
 * sums, so the result is exact and equal to the scalar kernel's.
 *
 * <p>Why not the simpler "byte shift, then convertShape(B2I)" form this kernel had first: one full kernels test run
 * in four on JDK 17.0.15 (AVX-512 host, heavy load) gave a wrong lane with it, which could not be reproduced or
 * traced to a kernel bug (docs/kernels.md, "Sparse GEMV flake"). That form used a partial 64-bit byte vector, a
 * byte-lane shift (x86 has none; C2 emulates it) and a shape-changing conversion; this one uses only full-width
 * loads, a same-size reinterpretation and int shifts, and takes 0.6-0.8x the CPU time.
 */
public final class PanamaSparseGemv implements SparseGemv {

    // Per-width constants: an int vector of N bits is filled from a byte vector of the same N bits.
    private static final VectorSpecies<Integer> INTS_128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Integer> INTS_256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS_512 = IntVector.SPECIES_512;
    private static final VectorSpecies<Byte> BYTES_128 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Byte> BYTES_256 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES_512 = ByteVector.SPECIES_512;

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
        int lanes = ints.length();
        // Bytes covered by whole vector blocks of 4 * lanes bytes; the rest of each plane is done in scalar code.
        int covered = p - p % (4 * lanes);
        for (int k = 0; k < w.cols(); k++) {
            int q = x.codes()[k];
            if (q == 0) {
                skipped++;
                continue;
            }
            int base = k * p;
            switch (bits) {
                case 128 -> column128(data, base, covered, p, q, acc);
                case 256 -> column256(data, base, covered, p, q, acc);
                default -> column512(data, base, covered, p, q, acc);
            }
            for (int b = covered; b < p; b++) {
                int packed = data[base + b];
                for (int plane = 0; plane < 4; plane++) {
                    acc[plane * p + b] += ((packed >>> (6 - 2 * plane)) & 3) * q;
                }
            }
        }
        unpermute(acc, p, covered, lanes);
        SparseGemv.epilogue(acc, w, x, y);
        return new Skipped(skipped, w.cols());
    }

    /** Puts each vector block of each plane back in row order: slot b + i * lanes + j holds row b + 4j + i. */
    static void unpermute(int[] acc, int p, int covered, int lanes) {
        int[] block = new int[4 * lanes];
        for (int plane = 0; plane < 4; plane++) {
            for (int b = plane * p; b < plane * p + covered; b += block.length) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < lanes; j++) {
                        block[4 * j + i] = acc[b + i * lanes + j];
                    }
                }
                System.arraycopy(block, 0, acc, b, block.length);
            }
        }
    }

    /** One non-zero column at 128 bits: constant species so that the JIT emits real vector code. */
    private static void column128(byte[] data, int base, int covered, int p, int q, int[] acc) {
        for (int b = 0; b < covered; b += BYTES_128.length()) {
            IntVector packed = ByteVector.fromArray(BYTES_128, data, base + b).reinterpretAsInts();
            for (int plane = 0; plane < 4; plane++) {
                for (int i = 0; i < 4; i++) {
                    IntVector c = packed.lanewise(VectorOperators.LSHR, 8 * i + 6 - 2 * plane).and(3);
                    int at = plane * p + b + i * INTS_128.length();
                    IntVector.fromArray(INTS_128, acc, at).add(c.mul(q)).intoArray(acc, at);
                }
            }
        }
    }

    /** One non-zero column at 256 bits: constant species so that the JIT emits real vector code. */
    private static void column256(byte[] data, int base, int covered, int p, int q, int[] acc) {
        for (int b = 0; b < covered; b += BYTES_256.length()) {
            IntVector packed = ByteVector.fromArray(BYTES_256, data, base + b).reinterpretAsInts();
            for (int plane = 0; plane < 4; plane++) {
                for (int i = 0; i < 4; i++) {
                    IntVector c = packed.lanewise(VectorOperators.LSHR, 8 * i + 6 - 2 * plane).and(3);
                    int at = plane * p + b + i * INTS_256.length();
                    IntVector.fromArray(INTS_256, acc, at).add(c.mul(q)).intoArray(acc, at);
                }
            }
        }
    }

    /** One non-zero column at 512 bits: constant species so that the JIT emits real vector code. */
    private static void column512(byte[] data, int base, int covered, int p, int q, int[] acc) {
        for (int b = 0; b < covered; b += BYTES_512.length()) {
            IntVector packed = ByteVector.fromArray(BYTES_512, data, base + b).reinterpretAsInts();
            for (int plane = 0; plane < 4; plane++) {
                for (int i = 0; i < 4; i++) {
                    IntVector c = packed.lanewise(VectorOperators.LSHR, 8 * i + 6 - 2 * plane).and(3);
                    int at = plane * p + b + i * INTS_512.length();
                    IntVector.fromArray(INTS_512, acc, at).add(c.mul(q)).intoArray(acc, at);
                }
            }
        }
    }
}
