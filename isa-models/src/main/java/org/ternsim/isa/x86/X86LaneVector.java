// The Vector API forms of X86Resolved's element-wise operations, 16-bit shifts and the VNNI byte dot product.
package org.ternsim.isa.x86;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vectorised provider of {@code X86Resolved}'s {@code Binary}, {@code ShiftImm}, {@code ShiftVariable} and
 * {@code DpBusD}; their scalar loops are the reference and the fallback. Each width has its own method with a constant
 * species: the Vector API compiles to vector instructions only where the species is a constant, and runs a
 * lane-by-lane fallback otherwise.
 * Both sources are loaded before the result is stored, so the destination may be a source.
 */
final class X86LaneVector {

    private X86LaneVector() {
    }

    /** Whether this host's vectors are at least {@code width} bytes wide (16, 32 or 64), so these forms pay. */
    static boolean available(int width) {
        return (width == 16 || width == 32 || width == 64) && ByteVector.SPECIES_PREFERRED.vectorByteSize() >= width;
    }

    /** r = x op y over the first {@code width} bytes ({@link #available} must hold). */
    static void binary(X86Resolved.Op op, int width, byte[] x, byte[] y, byte[] r) {
        switch (width) {
            case 16 -> binary(op, ByteVector.SPECIES_128, x, y, r);
            case 32 -> binary(op, ByteVector.SPECIES_256, x, y, r);
            default -> binary(op, ByteVector.SPECIES_512, x, y, r);
        }
    }

    /** r = x shifted by {@code count} (0..15) per 16-bit lane over the first {@code width} bytes. */
    static void shift(X86Resolved.Shift kind, int count, int width, byte[] x, byte[] r) {
        switch (width) {
            case 16 -> shift(kind, count, ByteVector.SPECIES_128, x, r);
            case 32 -> shift(kind, count, ByteVector.SPECIES_256, x, r);
            default -> shift(kind, count, ByteVector.SPECIES_512, x, r);
        }
    }

    /** r = x shifted per 16-bit lane by the count in the same lane of y (vpsrlvw, vpsllvw, vpsravw). */
    static void shiftVariable(X86Resolved.VariableShift kind, int width, byte[] x, byte[] y, byte[] r) {
        switch (width) {
            case 16 -> shiftVariable(kind, ByteVector.SPECIES_128, x, y, r);
            case 32 -> shiftVariable(kind, ByteVector.SPECIES_256, x, y, r);
            default -> shiftVariable(kind, ByteVector.SPECIES_512, x, y, r);
        }
    }

    /** r += the four u8 (x) times s8 (y) products of each 32-bit lane, wrapping (vpdpbusd). */
    static void dotBytes(int width, byte[] x, byte[] y, byte[] r) {
        switch (width) {
            case 16 -> dotBytes(ByteVector.SPECIES_128, x, y, r);
            case 32 -> dotBytes(ByteVector.SPECIES_256, x, y, r);
            default -> dotBytes(ByteVector.SPECIES_512, x, y, r);
        }
    }

    private static void binary(X86Resolved.Op op, VectorSpecies<Byte> species, byte[] x, byte[] y, byte[] r) {
        ByteVector u = ByteVector.fromArray(species, x, 0);
        ByteVector v = ByteVector.fromArray(species, y, 0);
        switch (op) {
            case AND -> u.and(v).intoArray(r, 0);
            case ANDN -> u.not().and(v).intoArray(r, 0);
            case OR -> u.or(v).intoArray(r, 0);
            case XOR -> u.lanewise(VectorOperators.XOR, v).intoArray(r, 0);
            case ADDB -> u.add(v).intoArray(r, 0);
            case SUBB -> u.sub(v).intoArray(r, 0);
            case ADDW -> u.reinterpretAsShorts().add(v.reinterpretAsShorts()).reinterpretAsBytes().intoArray(r, 0);
            case SUBW -> u.reinterpretAsShorts().sub(v.reinterpretAsShorts()).reinterpretAsBytes().intoArray(r, 0);
            case ADDD -> u.reinterpretAsInts().add(v.reinterpretAsInts()).reinterpretAsBytes().intoArray(r, 0);
            case SUBD -> u.reinterpretAsInts().sub(v.reinterpretAsInts()).reinterpretAsBytes().intoArray(r, 0);
            case ADDQ -> u.reinterpretAsLongs().add(v.reinterpretAsLongs()).reinterpretAsBytes().intoArray(r, 0);
        }
    }

    private static void shift(X86Resolved.Shift kind, int count, VectorSpecies<Byte> species, byte[] x, byte[] r) {
        ShortVector lanes = ByteVector.fromArray(species, x, 0).reinterpretAsShorts();
        // The API masks a shift count to the lane's 15; the caller has dealt with larger counts. Each operator is
        // named as a constant, which the compiler needs to emit the vector shift.
        ShortVector shifted = switch (kind) {
            case SRLW -> lanes.lanewise(VectorOperators.LSHR, count);
            case SLLW -> lanes.lanewise(VectorOperators.LSHL, count);
            case SRAW -> lanes.lanewise(VectorOperators.ASHR, count);
        };
        shifted.reinterpretAsBytes().intoArray(r, 0);
    }

    private static void shiftVariable(X86Resolved.VariableShift kind, VectorSpecies<Byte> species, byte[] x, byte[] y,
            byte[] r) {
        ShortVector lanes = ByteVector.fromArray(species, x, 0).reinterpretAsShorts();
        ShortVector counts = ByteVector.fromArray(species, y, 0).reinterpretAsShorts();
        // The API masks each count to the lane's 15; x86 gives 0 beyond it, or the sign for the arithmetic shift.
        VectorMask<Short> beyond = counts.and((short) 0xFFF0).compare(VectorOperators.NE, (short) 0);
        ShortVector shifted = switch (kind) {
            case SRLVW -> lanes.lanewise(VectorOperators.LSHR, counts).blend((short) 0, beyond);
            case SLLVW -> lanes.lanewise(VectorOperators.LSHL, counts).blend((short) 0, beyond);
            case SRAVW -> lanes.lanewise(VectorOperators.ASHR, counts.blend((short) 15, beyond));
        };
        shifted.reinterpretAsBytes().intoArray(r, 0);
    }

    private static void dotBytes(VectorSpecies<Byte> species, byte[] x, byte[] y, byte[] r) {
        IntVector u = ByteVector.fromArray(species, x, 0).reinterpretAsInts();
        IntVector v = ByteVector.fromArray(species, y, 0).reinterpretAsInts();
        IntVector sum = ByteVector.fromArray(species, r, 0).reinterpretAsInts();
        // Byte j of each lane: x's as unsigned (shifted down, masked), y's as signed (shifted to the top, then back).
        sum = sum.add(u.and(0xFF).mul(v.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24)));
        sum = sum.add(u.lanewise(VectorOperators.LSHR, 8).and(0xFF)
            .mul(v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 24)));
        sum = sum.add(u.lanewise(VectorOperators.LSHR, 16).and(0xFF)
            .mul(v.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24)));
        sum = sum.add(u.lanewise(VectorOperators.LSHR, 24).mul(v.lanewise(VectorOperators.ASHR, 24)));
        sum.reinterpretAsBytes().intoArray(r, 0);
    }
}
