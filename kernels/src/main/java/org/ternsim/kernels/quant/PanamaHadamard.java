// The blocked Hadamard transform on the incubator Vector API; same float operations as ScalarHadamard, so equal bits.
package org.ternsim.kernels.quant;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Hadamard} at 128, 256 or 512 bits (L = 4, 8 or 16 float lanes).
 *
 * <p>Shape. Stages h < L pair lanes inside one vector: each vector is loaded once, and per stage its partner
 * p = v[lane ^ h] comes from a rearrange; lanes with bit h clear take v + p (= x[j] + x[j+h]), lanes with bit h set
 * take p - v (= x[j-h] - x[j]), chosen with a blend. Stages h >= L pair whole vectors h apart: add and subtract.
 * A final pass multiplies by the scale. Every output lane is therefore the same single float add, subtract or multiply
 * the scalar reference performs, on the same operands, and the stages run in the same sequence: the results are
 * bit-identical, whatever the width. Blocks narrower than a vector use the scalar code.
 *
 * <p>Speed. The species is an instance field and one body serves every width, so the JIT specialises it for the one
 * width {@link Hadamard#instance()} picks per JVM; measured on the host (AVX-512, one width per JVM, informal
 * loop): 2560 wide about 3 us at 256 bits vs 9-33 us scalar. Mixing widths in one JVM (as the tests do) pollutes the
 * profile and can make it slower than scalar; per-width bodies as in PanamaI2sGemv would fix that if it matters.
 */
public final class PanamaHadamard implements Hadamard {

    private final VectorSpecies<Float> species;
    /** For stage h = 2^s < L: the partner shuffle lane ^ h and the mask of lanes with bit h set. */
    private final VectorShuffle<Float>[] partner;
    private final VectorMask<Float>[] upper;

    /** Uses the given float species (128, 256 or 512 bits). */
    @SuppressWarnings("unchecked")
    public PanamaHadamard(VectorSpecies<Float> species) {
        int bits = species.vectorBitSize();
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("PanamaHadamard supports 128-, 256- and 512-bit species, got " + bits);
        }
        this.species = species;
        int lanes = species.length();
        int stages = Integer.numberOfTrailingZeros(lanes);
        partner = new VectorShuffle[stages];
        upper = new VectorMask[stages];
        for (int s = 0; s < stages; s++) {
            int h = 1 << s;
            partner[s] = VectorShuffle.fromOp(species, lane -> lane ^ h);
            long bitsSet = 0;
            for (int lane = 0; lane < lanes; lane++) {
                if ((lane & h) != 0) {
                    bitsSet |= 1L << lane;
                }
            }
            upper[s] = VectorMask.fromLong(species, bitsSet);
        }
    }

    /** Uses the platform's preferred float species. */
    public PanamaHadamard() {
        this(FloatVector.SPECIES_PREFERRED);
    }

    /** Factory that {@link org.ternsim.kernels.KernelProvider} finds reflectively; 0 = the preferred width. */
    public static Hadamard forBits(int bits) {
        if (bits == 0) {
            return new PanamaHadamard();
        }
        return new PanamaHadamard(VectorSpecies.of(float.class, VectorShape.forBitSize(bits)));
    }

    @Override
    public String name() {
        return "panama/" + species.vectorBitSize() + "-bit";
    }

    @Override
    public void transform(float[] x, int offset, int length, int block) {
        Hadamard.checkArgs(x, offset, length, block);
        float scale = Hadamard.normalisation(block);
        int lanes = species.length();
        for (int start = offset; start < offset + length; start += block) {
            if (block < lanes) {
                ScalarHadamard.transformBlock(x, start, block, scale);
            } else {
                transformBlock(x, start, block, scale);
            }
        }
    }

    private void transformBlock(float[] x, int start, int block, float scale) {
        int lanes = species.length();
        int end = start + block;
        for (int i = start; i < end; i += lanes) {
            FloatVector v = FloatVector.fromArray(species, x, i);
            for (int s = 0; s < partner.length; s++) {
                FloatVector p = v.rearrange(partner[s]);
                v = v.add(p).blend(p.sub(v), upper[s]);
            }
            v.intoArray(x, i);
        }
        for (int h = lanes; h < block; h <<= 1) {
            for (int i = start; i < end; i += 2 * h) {
                for (int j = i; j < i + h; j += lanes) {
                    FloatVector a = FloatVector.fromArray(species, x, j);
                    FloatVector c = FloatVector.fromArray(species, x, j + h);
                    a.add(c).intoArray(x, j);
                    a.sub(c).intoArray(x, j + h);
                }
            }
        }
        for (int i = start; i < end; i += lanes) {
            FloatVector.fromArray(species, x, i).mul(scale).intoArray(x, i);
        }
    }
}
