// The Vector API forms of ArmResolved's 128-bit element-wise operations, immediate shifts, byte-to-short widening
// arithmetic, tbl/tbx and sdot.
package org.ternsim.isa.arm;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vectorised provider of {@code ArmResolved}'s {@code Binary}, {@code ShiftImm}, {@code Widening} (bytes to
 * shorts), {@code TableLookup} and signed {@code Dot} on full (16-byte) registers; their eight-byte (SWAR) and lane
 * loops are the reference and the fallback.
 * Species and operators are constants, which the Vector API needs to emit vector instructions. Sources are loaded
 * before the result is stored, so the destination may be a source.
 */
final class ArmLaneVector {

    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128;
    /** smull, smlal and saddl .8h read eight bytes of each source and widen them to the register's eight shorts. */
    private static final VectorSpecies<Byte> HALF_BYTES = ByteVector.SPECIES_64;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_128;
    /** sdot widens the sixteen byte products to 16-bit lanes: twice the register's width. */
    private static final VectorSpecies<Short> WIDE_SHORTS = ShortVector.SPECIES_256;

    private ArmLaneVector() {
    }

    /** Whether this host's vectors hold a 16-byte register (element-wise forms and shifts). */
    static boolean available() {
        return ByteVector.SPECIES_PREFERRED.vectorByteSize() >= 16;
    }

    /** Whether this host's vectors hold sdot's widened products (32 bytes). */
    static boolean dotAvailable() {
        return ByteVector.SPECIES_PREFERRED.vectorByteSize() >= 32;
    }

    /** r = x op y over 16 bytes, add/sub in lanes of {@code laneBytes}. */
    static void binary(ArmResolved.Op op, int laneBytes, byte[] x, byte[] y, byte[] r) {
        ByteVector u = ByteVector.fromArray(BYTES, x, 0);
        ByteVector v = ByteVector.fromArray(BYTES, y, 0);
        switch (op) {
            case AND -> u.and(v).intoArray(r, 0);
            case ORR -> u.or(v).intoArray(r, 0);
            case EOR -> u.lanewise(VectorOperators.XOR, v).intoArray(r, 0);
            case BIC -> u.and(v.not()).intoArray(r, 0);
            case ADD, SUB -> addOrSub(op == ArmResolved.Op.SUB, laneBytes, u, v, r);
        }
    }

    private static void addOrSub(boolean sub, int laneBytes, ByteVector u, ByteVector v, byte[] r) {
        switch (laneBytes) {
            case 1 -> (sub ? u.sub(v) : u.add(v)).intoArray(r, 0);
            case 2 -> {
                ShortVector a = u.reinterpretAsShorts();
                ShortVector b = v.reinterpretAsShorts();
                (sub ? a.sub(b) : a.add(b)).reinterpretAsBytes().intoArray(r, 0);
            }
            case 4 -> {
                IntVector a = u.reinterpretAsInts();
                IntVector b = v.reinterpretAsInts();
                (sub ? a.sub(b) : a.add(b)).reinterpretAsBytes().intoArray(r, 0);
            }
            default -> {
                LongVector a = u.reinterpretAsLongs();
                LongVector b = v.reinterpretAsLongs();
                (sub ? a.sub(b) : a.add(b)).reinterpretAsBytes().intoArray(r, 0);
            }
        }
    }

    /**
     * r = x shifted by {@code n} per lane of {@code laneBytes} over 16 bytes: 'u' logical right, 'l' left (n below the
     * lane's bits), 's' arithmetic right (n up to the lane's bits: a shift by all of them equals one by one fewer).
     */
    static void shift(char kind, int laneBytes, int n, byte[] x, byte[] r) {
        ByteVector u = ByteVector.fromArray(BYTES, x, 0);
        int count = Math.min(n, 8 * laneBytes - 1);
        switch (laneBytes) {
            case 1 -> shifted(kind, u, count).intoArray(r, 0);
            case 2 -> shifted(kind, u.reinterpretAsShorts(), count).reinterpretAsBytes().intoArray(r, 0);
            case 4 -> shifted(kind, u.reinterpretAsInts(), count).reinterpretAsBytes().intoArray(r, 0);
            default -> shifted(kind, u.reinterpretAsLongs(), count).reinterpretAsBytes().intoArray(r, 0);
        }
    }

    private static ByteVector shifted(char kind, ByteVector v, int n) {
        return switch (kind) {
            case 'u' -> v.lanewise(VectorOperators.LSHR, n);
            case 'l' -> v.lanewise(VectorOperators.LSHL, n);
            default -> v.lanewise(VectorOperators.ASHR, n);
        };
    }

    private static ShortVector shifted(char kind, ShortVector v, int n) {
        return switch (kind) {
            case 'u' -> v.lanewise(VectorOperators.LSHR, n);
            case 'l' -> v.lanewise(VectorOperators.LSHL, n);
            default -> v.lanewise(VectorOperators.ASHR, n);
        };
    }

    private static IntVector shifted(char kind, IntVector v, int n) {
        return switch (kind) {
            case 'u' -> v.lanewise(VectorOperators.LSHR, n);
            case 'l' -> v.lanewise(VectorOperators.LSHL, n);
            default -> v.lanewise(VectorOperators.ASHR, n);
        };
    }

    private static LongVector shifted(char kind, LongVector v, int n) {
        return switch (kind) {
            case 'u' -> v.lanewise(VectorOperators.LSHR, n);
            case 'l' -> v.lanewise(VectorOperators.LSHL, n);
            default -> v.lanewise(VectorOperators.ASHR, n);
        };
    }

    /**
     * tbl/tbx over 16 bytes with the 16-byte tables {@code vec[tables[0]]}, ...: index byte k picks byte k & 15 of
     * table k >> 4, or, beyond the last table, 0 (tbl) or r's own byte (tbx). Every table and the index are loaded
     * before r is stored, so r may be any of them.
     */
    static void tableLookup(boolean extension, byte[][] vec, int[] tables, byte[] index, byte[] r) {
        ByteVector k = ByteVector.fromArray(BYTES, index, 0);
        VectorShuffle<Byte> within = k.lanewise(VectorOperators.AND, (byte) 15).toShuffle();
        ByteVector block = k.lanewise(VectorOperators.AND, (byte) 0xF0);
        ByteVector out = extension ? ByteVector.fromArray(BYTES, r, 0) : ByteVector.zero(BYTES);
        for (int t = 0; t < tables.length; t++) {
            ByteVector picked = ByteVector.fromArray(BYTES, vec[tables[t]], 0).rearrange(within);
            out = out.blend(picked, block.compare(VectorOperators.EQ, (byte) (16 * t)));
        }
        out.intoArray(r, 0);
    }

    /**
     * smull ('m'), smlal ('a') and saddl ('l') .8h, and their "2" forms: the eight bytes of x and of y from
     * {@code offset} (8 for the upper halves) sign-extended to 16 bits; r = x * y, r + x * y or x + y per lane,
     * wrapping. All sources are loaded before r is stored, so r may be one of them.
     */
    static void widenBytes(char mode, int offset, byte[] x, byte[] y, byte[] r) {
        ShortVector a = (ShortVector) ByteVector.fromArray(HALF_BYTES, x, offset)
            .convertShape(VectorOperators.B2S, SHORTS, 0);
        ShortVector b = (ShortVector) ByteVector.fromArray(HALF_BYTES, y, offset)
            .convertShape(VectorOperators.B2S, SHORTS, 0);
        ShortVector v = switch (mode) {
            case 'l' -> a.add(b);
            case 'm' -> a.mul(b);
            default -> ByteVector.fromArray(BYTES, r, 0).reinterpretAsShorts().add(a.mul(b));
        };
        v.reinterpretAsBytes().intoArray(r, 0);
    }

    /**
     * sdot over 16 bytes: each 32-bit lane of r plus the four signed byte products of its lane, wrapping. The products
     * fit 16 bits (at most 128 x 128), pairs of them are summed in 32-bit lanes and those pairs in 64-bit lanes (each
     * sum of four fits 32 bits), which are narrowed to the four 32-bit lanes and added to r.
     */
    static void sdot(byte[] x, byte[] y, byte[] r) {
        ShortVector a = (ShortVector) ByteVector.fromArray(BYTES, x, 0).convertShape(VectorOperators.B2S, WIDE_SHORTS, 0);
        ShortVector b = (ShortVector) ByteVector.fromArray(BYTES, y, 0).convertShape(VectorOperators.B2S, WIDE_SHORTS, 0);
        IntVector products = a.mul(b).reinterpretAsInts();
        IntVector pairs = products.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
            .add(products.lanewise(VectorOperators.ASHR, 16));
        LongVector halves = pairs.reinterpretAsLongs();
        LongVector quads = halves.lanewise(VectorOperators.LSHL, 32).lanewise(VectorOperators.ASHR, 32)
            .add(halves.lanewise(VectorOperators.ASHR, 32));
        IntVector sums = (IntVector) quads.convertShape(VectorOperators.L2I, IntVector.SPECIES_128, 0);
        ByteVector.fromArray(BYTES, r, 0).reinterpretAsInts().add(sums).reinterpretAsBytes().intoArray(r, 0);
    }
}
