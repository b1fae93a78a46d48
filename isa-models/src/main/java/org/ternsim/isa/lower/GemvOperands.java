// One GEMV call's operands in a lowering's byte layout, with the outputs the functional engine computes for them.
package org.ternsim.isa.lower;

import org.ternsim.isa.Memory;

public interface GemvOperands {

    /** What the data is, e.g. "random (seed 1)" or "all weights +1, all activations 127". */
    String description();

    /** Bytes the kernel must read at least once (packed weights with scales, activations). */
    long operandBytes();

    /** Writes the operands into the program's regions. */
    void bind(Memory memory);

    /** The program's outputs after it ran. */
    float[] readOutput(Memory memory);

    /** The functional engine's scalar reference output. */
    float[] scalar();

    /** The functional engine's Vector API output, or null when the kernel has no vector provider. */
    float[] vector();

    /** Name of the vector implementation, e.g. "panama/512-bit". */
    String vectorName();

    /**
     * The exact result (int32 sum of t*q through the kernel's epilogue). Equal to {@link #scalar()} for lossless
     * kernels; lossy kernels (quantized LUTs) differ and report their error against it.
     */
    default float[] exact() {
        return scalar();
    }

    /** Whether the kernel is lossless: its outputs must equal {@link #exact()} bit for bit. */
    default boolean lossless() {
        return true;
    }
}
