// ggml tensor types: ids as stored in GGUF, block sizes and bytes per block, and the tensor byte size rule.
package org.ternsim.kernels.gguf;

import java.util.Locale;
import java.util.Optional;

/**
 * Tensor element types of ggml as numbered in bitnet.cpp's ggml fork ({@code Eddie-Wang1120/llama.cpp@merge-dev},
 * {@code ggml/include/ggml.h}; ids 0..35 are upstream ggml's). Each type stores {@link #blockSize()} values in
 * {@link #typeSize()} bytes.
 *
 * <p>Ids 36..39 (I2_S, I8_S, TL1, TL2) belong to the bitnet.cpp fork only: upstream ggml later gave 36..38 to the
 * removed IQ4_NL_x_y repacks and 39 to MXFP4, so a file using them is read as bitnet.cpp defines them.
 *
 * <p>I2_S, TL1 and TL2 keep ggml's placeholder traits (block 1, 1 byte) and are sized by the fork's
 * {@code ggml_nbytes} override instead (kernels.md §2.1, §4.1): I2_S and TL1 take elements / 4 + 32 bytes (2-bit
 * codes, then a 32-byte tail whose first 4 bytes hold the fp32 scale); TL2 takes
 * {@code pad32((ne0 - 256) * ne1 / 3 * 5 / 8 + 256 * ne1 / 2 * 4 / 8) + 32}.
 */
public enum GgmlType {
    F32(0, 1, 4), F16(1, 1, 2), Q4_0(2, 32, 18), Q4_1(3, 32, 20),
    // 4 and 5 were Q4_2 / Q4_3, removed from ggml.
    Q5_0(6, 32, 22), Q5_1(7, 32, 24), Q8_0(8, 32, 34), Q8_1(9, 32, 36),
    Q2_K(10, 256, 84), Q3_K(11, 256, 110), Q4_K(12, 256, 144), Q5_K(13, 256, 176), Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),
    IQ2_XXS(16, 256, 66), IQ2_XS(17, 256, 74), IQ3_XXS(18, 256, 98), IQ1_S(19, 256, 50), IQ4_NL(20, 32, 18),
    IQ3_S(21, 256, 110), IQ2_S(22, 256, 82), IQ4_XS(23, 256, 136),
    I8(24, 1, 1), I16(25, 1, 2), I32(26, 1, 4), I64(27, 1, 8), F64(28, 1, 8), IQ1_M(29, 256, 56), BF16(30, 1, 2),
    Q4_0_4_4(31, 32, 18), Q4_0_4_8(32, 32, 18), Q4_0_8_8(33, 32, 18),
    /** 256 trits: 48 bytes of 5 trits, 4 bytes of 4 trits, fp16 scale. */
    TQ1_0(34, 256, 54),
    /** 256 2-bit codes t+1 and an fp16 scale. */
    TQ2_0(35, 256, 66),
    /** bitnet.cpp I2_S: sized by {@link #byteSize(long[])}, not by these placeholder traits. */
    I2_S(36, 1, 1),
    /** bitnet.cpp's int8 activation type (never stored in model files, listed so the id is known). */
    I8_S(37, 1, 1),
    /** bitnet.cpp TL1: sized like I2_S. */
    TL1(38, 1, 1),
    /** bitnet.cpp TL2: sized by the fork's formula, see the class comment. */
    TL2(39, 1, 1);

    /** Bytes after the packed weights of I2_S, TL1 and TL2; the first four hold the fp32 scale. */
    public static final int SCALE_TAIL_BYTES = 32;

    private static final GgmlType[] BY_ID = new GgmlType[40];

    static {
        for (GgmlType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final int blockSize;
    private final int typeSize;

    GgmlType(int id, int blockSize, int typeSize) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
    }

    /** The id stored in the tensor info. */
    public int id() {
        return id;
    }

    /** Values per block (ggml {@code blck_size}); ne0 must be a multiple of it. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block (ggml {@code type_size}). */
    public int typeSize() {
        return typeSize;
    }

    /** The type with this id, if this table knows it. */
    public static Optional<GgmlType> fromId(long id) {
        return id >= 0 && id < BY_ID.length ? Optional.ofNullable(BY_ID[(int) id]) : Optional.empty();
    }

    /** Lower-case name, as the project's kernel names and ggml's {@code type_name} spell it (i2_s, q8_0, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Bytes of a tensor with ggml dimensions {@code dims} (ne0 first, the fastest-varying), as ggml_nbytes computes
     * them for a contiguous tensor.
     *
     * @throws IllegalArgumentException if a dimension is negative, ne0 is not whole blocks, or the shape does not
     *                                  suit the type (TL2 needs ne0 >= 256 and at most two dimensions)
     * @throws ArithmeticException      if the size does not fit in a long
     */
    public long byteSize(long[] dims) {
        long ne0 = dims.length > 0 ? dims[0] : 1;
        long rows = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("dimension " + i + " is negative (" + dims[i] + ")");
            }
            if (i > 0) {
                rows = Math.multiplyExact(rows, dims[i]);
            }
        }
        if (ne0 % blockSize != 0) {
            throw new IllegalArgumentException(label() + " needs ne0 to be a multiple of " + blockSize + ", got " + ne0);
        }
        if (ne0 == 0 || rows == 0) {
            return 0; // ggml_nbytes: an empty tensor has no bytes, not even a scale tail
        }
        return switch (this) {
            case I2_S, TL1 -> Math.multiplyExact(ne0, rows) / 4 + SCALE_TAIL_BYTES;
            case TL2 -> tl2Bytes(dims, ne0, rows);
            default -> Math.multiplyExact(Math.multiplyExact(ne0 / blockSize, (long) typeSize), rows);
        };
    }

    private static long tl2Bytes(long[] dims, long ne0, long ne1) {
        if (dims.length > 2) {
            for (int i = 2; i < dims.length; i++) {
                if (dims[i] != 1) {
                    throw new IllegalArgumentException("tl2 tensors are 2-D, got dimension " + i + " = " + dims[i]);
                }
            }
        }
        if (ne0 < 256) {
            // The fork's formula subtracts a fixed 256-column two-weight part; smaller K would go negative.
            throw new IllegalArgumentException("tl2 needs ne0 >= 256, got " + ne0);
        }
        // Same operation order as the C expression, whose integer divisions truncate left to right.
        long three = Math.multiplyExact(Math.multiplyExact(ne0 - 256, ne1) / 3, 5L) / 8;
        long two = Math.multiplyExact(Math.multiplyExact(256L, ne1) / 2, 4L) / 8;
        long n = Math.addExact(three, two);
        if (n % 32 != 0) {
            n = Math.addExact(n, 32 - n % 32);
        }
        return Math.addExact(n, SCALE_TAIL_BYTES);
    }
}
