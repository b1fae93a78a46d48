// The ternary x INT4 GEMM on the Vector API: the I2_S GEMM's code path, whose overflow proof covers int4 codes.
package org.ternsim.kernels.gemm;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int4Activations;

/** Vector API {@link I2sInt4Gemm} through {@link PanamaI2sGemm#gemmCodes}. */
public final class PanamaI2sInt4Gemm implements I2sInt4Gemm {

    private final PanamaI2sGemm i2s;

    /** Uses the given byte species (128, 256 or 512 bits) and tiling. */
    public PanamaI2sInt4Gemm(VectorSpecies<Byte> species, GemmTiling tiling) {
        this.i2s = new PanamaI2sGemm(species, tiling);
    }

    /** Factory that {@link org.ternsim.kernels.KernelProvider} finds; 0 = preferred width, x86 tiling. */
    public static I2sInt4Gemm forBits(int bits) {
        return new PanamaI2sInt4Gemm(bits == 0 ? ByteVector.SPECIES_PREFERRED
                : VectorSpecies.of(byte.class, VectorShape.forBitSize(bits)), GemmTiling.X86_DEFAULT);
    }

    @Override
    public String name() {
        return i2s.name();
    }

    @Override
    public void gemm(I2sWeights w, Int4Activations[] tokens, float[][] y) {
        byte[][] codes = new byte[tokens.length][];
        int[] sums = new int[tokens.length];
        float[] scales = new float[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            codes[t] = tokens[t].codes();
            sums[t] = tokens[t].sum();
            scales[t] = tokens[t].scale();
        }
        i2s.gemmCodes(w, codes, sums, scales, y);
    }
}
