// A typed GGUF metadata value: integers keep their on-disk width, arrays keep their element type.
package org.ternsim.kernels.gguf;

import java.util.List;
import java.util.Objects;

/**
 * One metadata value. Integers of every width are {@link Int} (uint64 values above 2^63 - 1 are stored as their
 * two's-complement bits; {@link #display()} prints them unsigned), floats are {@link Real}. The type is kept so a
 * value written back takes exactly the bytes it was read from.
 */
public sealed interface GgufValue permits GgufValue.Int, GgufValue.Real, GgufValue.Bool, GgufValue.Str,
    GgufValue.Array {

    /** The on-disk type. */
    GgufValueType type();

    /** Text for people: numbers, quoted strings, arrays summarised by type, length and first elements. */
    String display();

    /** The integer value; throws unless this is an {@link Int}. */
    default long asLong() {
        if (this instanceof Int i) {
            return i.value();
        }
        throw new IllegalStateException("metadata value is " + type().label() + ", not an integer");
    }

    /** The string value; throws unless this is a {@link Str}. */
    default String asString() {
        if (this instanceof Str s) {
            return s.value();
        }
        throw new IllegalStateException("metadata value is " + type().label() + ", not a string");
    }

    /** An integer of one of the eight integer types; {@code value} must lie in the type's range. */
    record Int(GgufValueType type, long value) implements GgufValue {
        public Int {
            Objects.requireNonNull(type, "type");
            if (!type.isInteger()) {
                throw new IllegalArgumentException(type.label() + " is not an integer type");
            }
            boolean fits = switch (type) {
                case UINT8 -> value >= 0 && value <= 0xFF;
                case INT8 -> value == (byte) value;
                case UINT16 -> value >= 0 && value <= 0xFFFF;
                case INT16 -> value == (short) value;
                case UINT32 -> value >= 0 && value <= 0xFFFF_FFFFL;
                case INT32 -> value == (int) value;
                default -> true; // UINT64 and INT64 take all 64 bits
            };
            if (!fits) {
                throw new IllegalArgumentException(value + " does not fit in " + type.label());
            }
        }

        @Override
        public String display() {
            return type == GgufValueType.UINT64 ? Long.toUnsignedString(value) : Long.toString(value);
        }
    }

    /** A FLOAT32 (held exactly as a double) or FLOAT64. */
    record Real(GgufValueType type, double value) implements GgufValue {
        public Real {
            if (type != GgufValueType.FLOAT32 && type != GgufValueType.FLOAT64) {
                throw new IllegalArgumentException(type + " is not a float type");
            }
            if (type == GgufValueType.FLOAT32 && !Double.isNaN(value) && (double) (float) value != value) {
                throw new IllegalArgumentException(value + " is not exactly a float32");
            }
        }

        @Override
        public String display() {
            return type == GgufValueType.FLOAT32 ? Float.toString((float) value) : Double.toString(value);
        }
    }

    /** A BOOL (one byte, 0 or 1). */
    record Bool(boolean value) implements GgufValue {
        @Override
        public GgufValueType type() {
            return GgufValueType.BOOL;
        }

        @Override
        public String display() {
            return Boolean.toString(value);
        }
    }

    /** A STRING. */
    record Str(String value) implements GgufValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public GgufValueType type() {
            return GgufValueType.STRING;
        }

        @Override
        public String display() {
            String s = value.length() > 80 ? value.substring(0, 77) + "..." : value;
            return '"' + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\"", "\\\"") + '"';
        }
    }

    /** An ARRAY whose elements all have {@code elementType} (which may itself be ARRAY). */
    record Array(GgufValueType elementType, List<GgufValue> elements) implements GgufValue {
        public Array {
            Objects.requireNonNull(elementType, "elementType");
            // Read from a file: immutable, typed, and kept packed so big arrays cost their file bytes.
            boolean packed = elements instanceof PackedList p && p.elementType() == elementType;
            if (!packed) {
                elements = List.copyOf(elements);
                for (GgufValue e : elements) {
                    if (e.type() != elementType) {
                        throw new IllegalArgumentException("array of " + elementType.label() + " holds a "
                            + e.type().label());
                    }
                }
            }
        }

        @Override
        public GgufValueType type() {
            return GgufValueType.ARRAY;
        }

        @Override
        public String display() {
            StringBuilder b = new StringBuilder("[").append(elementType.label()).append(" x ").append(elements.size());
            int shown = Math.min(elements.size(), 4);
            for (int i = 0; i < shown; i++) {
                b.append(i == 0 ? ": " : ", ").append(elements.get(i).display());
            }
            return b.append(shown < elements.size() ? ", ...]" : "]").toString();
        }
    }

    static Int u8(int v) {
        return new Int(GgufValueType.UINT8, v);
    }

    static Int i8(int v) {
        return new Int(GgufValueType.INT8, v);
    }

    static Int u16(int v) {
        return new Int(GgufValueType.UINT16, v);
    }

    static Int i16(int v) {
        return new Int(GgufValueType.INT16, v);
    }

    static Int u32(long v) {
        return new Int(GgufValueType.UINT32, v);
    }

    static Int i32(int v) {
        return new Int(GgufValueType.INT32, v);
    }

    /** A uint64 given by its bits: -1 is 2^64 - 1. */
    static Int u64(long bits) {
        return new Int(GgufValueType.UINT64, bits);
    }

    static Int i64(long v) {
        return new Int(GgufValueType.INT64, v);
    }

    static Real f32(float v) {
        return new Real(GgufValueType.FLOAT32, v);
    }

    static Real f64(double v) {
        return new Real(GgufValueType.FLOAT64, v);
    }

    static Bool bool(boolean v) {
        return new Bool(v);
    }

    static Str str(String v) {
        return new Str(v);
    }

    static Array array(GgufValueType elementType, List<? extends GgufValue> elements) {
        return new Array(elementType, List.copyOf(elements));
    }
}
