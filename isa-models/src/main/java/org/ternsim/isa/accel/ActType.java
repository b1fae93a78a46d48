// Activation element types the accelerator's MAC instructions read: int8 / int4 codes or 16-bit floats.
package org.ternsim.isa.accel;

import org.ternsim.kernels.gemv.A16Format;

/** Activation type and its storage size. Int4 codes are stored one per byte, as the functional engine holds them. */
public enum ActType {
    INT8(1), INT4(1), F16(2), BF16(2);

    private final int bytes;

    ActType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element in DRAM and in the activation buffer. */
    public int bytes() {
        return bytes;
    }

    public boolean isFloat() {
        return this == F16 || this == BF16;
    }

    /** The exact float value of the 16-bit element {@code bits} (float types only). */
    float toFloat(short bits) {
        return (this == F16 ? A16Format.F16 : A16Format.BF16).toFloat(bits);
    }
}
