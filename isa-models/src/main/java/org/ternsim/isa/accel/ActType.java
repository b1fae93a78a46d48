// Activation element types the accelerator's MAC instructions read: int8 / packed int4 codes or 16-bit floats.
package org.ternsim.isa.accel;

import org.ternsim.kernels.gemv.A16Format;

/**
 * Activation type and its storage width in DRAM and in the activation buffer. Int4 codes are packed two per byte
 * (element 2i in the low nibble of byte i, element 2i + 1 in the high nibble, two's complement), so an int4 operand
 * moves and occupies half the bytes of an int8 one; the functional engine's one-code-per-byte arrays are packed by
 * {@link AccelImage}.
 */
public enum ActType {
    INT8(8), INT4(4), F16(16), BF16(16);

    private final int bits;

    ActType(int bits) {
        this.bits = bits;
    }

    /** Bits per element. */
    public int bits() {
        return bits;
    }

    /** Bytes of {@code count} consecutive elements (an odd int4 count rounds up to a whole byte). */
    public long bytes(long count) {
        return (count * bits + 7) / 8;
    }

    public boolean isFloat() {
        return this == F16 || this == BF16;
    }

    /** The integer code of element {@code k} of the row starting at byte {@code base} of {@code a} (int types only). */
    int code(byte[] a, int base, int k) {
        if (this == INT8) {
            return a[base + k];
        }
        byte b = a[base + (k >> 1)];
        // Sign-extend the nibble: shift it to the top of an int, then arithmetic-shift back.
        return (k & 1) == 0 ? (b << 28) >> 28 : b >> 4;
    }

    /** The exact float value of the 16-bit element {@code bits} (float types only). */
    float toFloat(short bits) {
        return (this == F16 ? A16Format.F16 : A16Format.BF16).toFloat(bits);
    }
}
