// The Vector API forms of X86Resolved's element-wise operations and 16-bit immediate shifts, one host instruction each.
package org.ternsim.isa.x86;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vectorised provider of {@code X86Resolved}'s {@code Binary} and {@code ShiftImm}; their eight-byte (SWAR) loops
 * are the reference and the fallback. Each width has its own method with a constant species: the Vector API compiles
 * to vector instructions only where the species is a constant, and runs a lane-by-lane fallback otherwise.
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
}
