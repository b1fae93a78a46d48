// The ternary x INT4 GEMV on the Vector API: the I2_S kernel's code path, whose overflow proof covers int4 codes.
package org.ternsim.kernels.gemv;

import org.ternsim.kernels.KernelProvider;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int4Activations;

/** Vector API {@link I2sInt4Gemv} through {@link PanamaI2sGemv#gemvCodes}. */
public final class PanamaI2sInt4Gemv implements I2sInt4Gemv {

    private final PanamaI2sGemv i2s;

    /** Uses the given byte species (128, 256 or 512 bits). */
    public PanamaI2sInt4Gemv(VectorSpecies<Byte> species) {
        this.i2s = new PanamaI2sGemv(species);
    }

    /** Factory that {@link KernelProvider} finds reflectively; {@code bits == 0} means the preferred width. */
    public static I2sInt4Gemv forBits(int bits) {
        return new PanamaI2sInt4Gemv(bits == 0 ? ByteVector.SPECIES_PREFERRED
                : VectorSpecies.of(byte.class, VectorShape.forBitSize(bits)));
    }

    @Override
    public String name() {
        return i2s.name();
    }

    @Override
    public void gemv(I2sWeights w, Int4Activations x, float[] y) {
        i2s.gemvCodes(w, x.codes(), x.sum(), x.scale(), y);
    }
}
