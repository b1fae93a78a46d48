// A read-only list of fixed-size metadata values kept as their little-endian file bytes.
package org.ternsim.kernels.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * Elements of a numeric or bool array, decoded on access. A file's uint8 array of n elements then costs n bytes of
 * heap rather than n objects, which keeps memory proportional to the file for any array the file can hold.
 */
final class PackedList extends AbstractList<GgufValue> implements RandomAccess {

    private final GgufValueType elementType;
    private final ByteBuffer bytes;
    private final int size;

    /** {@code raw} holds exactly {@code size * elementType.minBytes()} bytes; bools must already be 0 or 1. */
    PackedList(GgufValueType elementType, byte[] raw) {
        if (!elementType.isFixedSize()) {
            throw new IllegalArgumentException(elementType + " has no fixed size");
        }
        this.elementType = elementType;
        this.bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        this.size = raw.length / elementType.minBytes();
    }

    GgufValueType elementType() {
        return elementType;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public GgufValue get(int index) {
        java.util.Objects.checkIndex(index, size);
        int at = index * elementType.minBytes();
        return switch (elementType) {
            case UINT8 -> new GgufValue.Int(elementType, bytes.get(at) & 0xFF);
            case INT8 -> new GgufValue.Int(elementType, bytes.get(at));
            case UINT16 -> new GgufValue.Int(elementType, bytes.getShort(at) & 0xFFFF);
            case INT16 -> new GgufValue.Int(elementType, bytes.getShort(at));
            case UINT32 -> new GgufValue.Int(elementType, bytes.getInt(at) & 0xFFFF_FFFFL);
            case INT32 -> new GgufValue.Int(elementType, bytes.getInt(at));
            case UINT64, INT64 -> new GgufValue.Int(elementType, bytes.getLong(at));
            case FLOAT32 -> new GgufValue.Real(elementType, bytes.getFloat(at));
            case FLOAT64 -> new GgufValue.Real(elementType, bytes.getDouble(at));
            case BOOL -> new GgufValue.Bool(bytes.get(at) != 0);
            default -> throw new AssertionError(elementType);
        };
    }
}
