// The thirteen GGUF metadata value types, with their on-disk ids and sizes (ggml docs/gguf.md, gguf_type).
package org.ternsim.kernels.gguf;

import java.util.Optional;

/** Metadata value types as numbered in the file. Integers and floats are little-endian. */
public enum GgufValueType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4), BOOL(7, 1),
    /** uint64 byte length, then UTF-8 bytes without terminator. */
    STRING(8, 8),
    /** uint32 element type, uint64 element count, then the elements. */
    ARRAY(9, 12),
    UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    private static final GgufValueType[] BY_ID = values();

    private final int id;
    private final int minBytes;

    GgufValueType(int id, int minBytes) {
        this.id = id;
        this.minBytes = minBytes;
    }

    /** The id stored in the file. */
    public int id() {
        return id;
    }

    /** Bytes of one value; for STRING and ARRAY the size of an empty one, the least a value can occupy. */
    public int minBytes() {
        return minBytes;
    }

    /** True for the eight integer types. */
    public boolean isInteger() {
        return this != FLOAT32 && this != FLOAT64 && this != BOOL && this != STRING && this != ARRAY;
    }

    /** True when every value has the same size ({@link #minBytes()}). */
    public boolean isFixedSize() {
        return this != STRING && this != ARRAY;
    }

    /** The type with this id, if any. */
    public static Optional<GgufValueType> fromId(long id) {
        // The ids are dense and in declaration order, so the ordinal is the id.
        return id >= 0 && id < BY_ID.length ? Optional.of(BY_ID[(int) id]) : Optional.empty();
    }

    /** Lower-case name as gguf-py prints it (uint8, float32, string, ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
