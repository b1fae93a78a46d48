// Bit packing of unsigned KV-cache codes: a little-endian bit stream, so 3-bit codes pack 8 to 3 bytes.
package org.ternsim.kernels.quant;

/**
 * Packs unsigned b-bit codes (b = 3, 4 or 8) as one little-endian bit stream: code i occupies stream bits
 * [b i, b i + b), low bit first, and stream bit j is bit (j mod 8) of byte j / 8. Consequences: 4-bit codes go two
 * per byte, code 2i in the low nibble and 2i+1 in the high nibble; 3-bit codes go eight per three bytes, with codes
 * 2 and 5 of each group straddling a byte boundary; 8-bit codes are one per byte. Unused high bits of the last byte
 * are zero. One rule for every width keeps the accelerator's unpack unit and this reference in step.
 */
public final class KvCodePacking {

    private KvCodePacking() {
    }

    /** Bytes needed for {@code count} codes of {@code bits} bits: ceil(bits * count / 8). */
    public static int packedBytes(int bits, int count) {
        checkBits(bits);
        if (count < 0) {
            throw new IllegalArgumentException("code count must be >= 0, got " + count);
        }
        return (int) (((long) bits * count + 7) / 8);
    }

    /** Packs {@code codes}, each in [0, 2^bits). */
    public static byte[] pack(int[] codes, int bits) {
        byte[] packed = new byte[packedBytes(bits, codes.length)];
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            if (c < 0 || c >= 1 << bits) {
                throw new IllegalArgumentException(bits + "-bit code " + i + " out of range [0, " + ((1 << bits) - 1)
                        + "]: " + c);
            }
            long bit = (long) bits * i;
            int at = (int) (bit >>> 3);
            int shift = (int) (bit & 7);
            packed[at] |= (byte) (c << shift);
            if (shift + bits > 8) {
                packed[at + 1] |= (byte) (c >>> (8 - shift));
            }
        }
        return packed;
    }

    /** Code {@code i} of a packed stream of {@code bits}-bit codes, in [0, 2^bits). */
    public static int unpack(byte[] packed, int bits, int i) {
        long bit = (long) bits * i;
        int at = (int) (bit >>> 3);
        int shift = (int) (bit & 7);
        int word = packed[at] & 0xFF;
        if (shift + bits > 8) {
            word |= (packed[at + 1] & 0xFF) << 8;
        }
        return (word >>> shift) & ((1 << bits) - 1);
    }

    static void checkBits(int bits) {
        if (bits != 3 && bits != 4 && bits != 8) {
            throw new IllegalArgumentException("KV codes are 3, 4 or 8 bits, got " + bits);
        }
    }
}
