// I2_S operands in the ARM 64-value layout, bound for the NEON program; references come from the shared I2sOperands.
package org.ternsim.isa.lower;

import org.ternsim.isa.Memory;

/** Delegates data and references to {@link I2sOperands}; only binding and reading follow the NEON program. */
public record I2sNeonOperands(I2sOperands data) implements GemvOperands {

    @Override
    public String description() {
        return data.description();
    }

    @Override
    public long operandBytes() {
        return data.operandBytes();
    }

    @Override
    public void bind(Memory memory) {
        I2sNeonGemv.bind(memory, data.weights(), data.activations());
    }

    @Override
    public float[] readOutput(Memory memory) {
        return I2sAvx2Gemv.readOutput(memory);
    }

    @Override
    public float[] scalar() {
        return data.scalar();
    }

    @Override
    public float[] vector() {
        return data.vector();
    }

    @Override
    public String vectorName() {
        return data.vectorName();
    }

    @Override
    public float[] exact() {
        return data.exact();
    }

    @Override
    public boolean lossless() {
        return data.lossless();
    }
}
