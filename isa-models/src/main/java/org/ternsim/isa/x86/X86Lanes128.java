// The 128-bit Vector API bodies of X86LaneVector: element-wise ops, shifts, byte shuffles, dot products, floats.
// Generated for 128, 256 and 512 bits from isa-models/src/main/templates/X86Lanes.java.tmpl; edit the template
// and regenerate with PerWidthLanesTest (-Dternsim.regenerate=true), which fails while the two differ.
package org.ternsim.isa.x86;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.AND;
import static jdk.incubator.vector.VectorOperators.AND_NOT;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.B2S;
import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MUL;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.OR;
import static jdk.incubator.vector.VectorOperators.S2I;
import static jdk.incubator.vector.VectorOperators.SUB;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link X86LaneVector}'s forms on 16-byte registers, written so that the JIT compiles each to vector
 * instructions in a run that uses every width (docs/performance.md, "Vector forms per width"):
 * <ul>
 *   <li>one class per width: the Vector API compiles to vector instructions only where the species is a constant,
 *       and a species passed as an argument is one only where the JIT inlines the body, which it refuses once it
 *       has compiled that body on its own;</li>
 *   <li>one small method per operation: a method that switched over all of them inlined more vector code than C2's
 *       budget once a run had used most of them;</li>
 *   <li>every operation as {@code lanewise} or {@code compare} with a vector operand, called here: the API's
 *       shorthands ({@code and}, {@code add}, a scalar operand or shift count) are shared by all widths, and their
 *       type profile, mixed by the other widths, leaves JDK 17's C2 without the vector's class, so it ran them lane
 *       by lane. Called here, the profile sees one width and the result's class is exact. A reinterpreted vector
 *       gets its class back through an OR with zero before it is stored, for the same reason.</li>
 * </ul>
 * Both sources are loaded before the result is stored, so the destination may be a source.
 */
final class X86Lanes128 {

    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_128;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_128;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_128;
    /** vcvtph2ps's source: as many halves as the result has floats, in half its bytes. */
    private static final VectorSpecies<Byte> HALF_BYTES = ByteVector.SPECIES_64;
    private static final VectorSpecies<Short> HALVES = ShortVector.SPECIES_64;
    /** Byte i: the first byte of i's 16-byte lane, the base of vpshufb's in-lane index. */
    private static final byte[] LANE_STARTS = new byte[16];
    /**
     * Per unpack kind ({@link #unpack}), the source byte of each result byte, the same in both sources, and whether
     * the second source gives it (-1) or the first (0).
     */
    private static final byte[][] UNPACK_SOURCES = new byte[6][16];
    private static final byte[][] UNPACK_FROM_SECOND = new byte[6][16];

    static {
        for (int i = 0; i < LANE_STARTS.length; i++) {
            LANE_STARTS[i] = (byte) (i & ~15);
        }
        for (int kind = 0; kind < UNPACK_SOURCES.length; kind++) {
            int size = 1 << (kind >> 1);
            int firstElement = (kind & 1) == 0 ? 0 : 8 / size;
            for (int i = 0; i < 16; i++) {
                int inLane = i & 15;
                int element = firstElement + inLane / (2 * size);
                UNPACK_SOURCES[kind][i] = (byte) ((i & ~15) + element * size + inLane % size);
                UNPACK_FROM_SECOND[kind][i] = (byte) ((inLane / size & 1) == 0 ? 0 : -1);
            }
        }
    }

    private X86Lanes128() {
    }

    static X86LaneVector.Form binary(X86Resolved.Op op) {
        return switch (op) {
            case AND -> X86Lanes128::and;
            case ANDN -> X86Lanes128::andNot;
            case OR -> X86Lanes128::or;
            case XOR -> X86Lanes128::xor;
            case ADDB -> X86Lanes128::addBytes;
            case SUBB -> X86Lanes128::subBytes;
            case ADDW -> X86Lanes128::addWords;
            case SUBW -> X86Lanes128::subWords;
            case ADDD -> X86Lanes128::addDwords;
            case SUBD -> X86Lanes128::subDwords;
            case ADDQ -> X86Lanes128::addQwords;
        };
    }

    static X86LaneVector.ShiftForm shift(X86Resolved.Shift kind) {
        return switch (kind) {
            case SRLW -> X86Lanes128::shiftRightLogical;
            case SLLW -> X86Lanes128::shiftLeft;
            case SRAW -> X86Lanes128::shiftRightArithmetic;
        };
    }

    static X86LaneVector.Form shiftVariable(X86Resolved.VariableShift kind) {
        return switch (kind) {
            case SRLVW -> X86Lanes128::shiftRightLogicalVariable;
            case SLLVW -> X86Lanes128::shiftLeftVariable;
            case SRAVW -> X86Lanes128::shiftRightArithmeticVariable;
        };
    }

    static X86LaneVector.ShiftForm shift32(X86Resolved.Shift32 kind) {
        return switch (kind) {
            case SRLD -> X86Lanes128::shiftRightLogical32;
            case SLLD -> X86Lanes128::shiftLeft32;
            case SRAD -> X86Lanes128::shiftRightArithmetic32;
        };
    }

    // ---- element-wise ----

    static void and(byte[] x, byte[] y, byte[] r) {
        and(x, y, r, 0);
    }

    static void and(byte[] x, byte[] y, byte[] r, int o) {
        bytes(x, o).lanewise(AND, bytes(y, o)).intoArray(r, o);
    }

    static void andNot(byte[] x, byte[] y, byte[] r) {
        andNot(x, y, r, 0);
    }

    static void andNot(byte[] x, byte[] y, byte[] r, int o) {
        bytes(y, o).lanewise(AND_NOT, bytes(x, o)).intoArray(r, o); // ~x & y
    }

    static void or(byte[] x, byte[] y, byte[] r) {
        or(x, y, r, 0);
    }

    static void or(byte[] x, byte[] y, byte[] r, int o) {
        bytes(x, o).lanewise(OR, bytes(y, o)).intoArray(r, o);
    }

    static void xor(byte[] x, byte[] y, byte[] r) {
        xor(x, y, r, 0);
    }

    static void xor(byte[] x, byte[] y, byte[] r, int o) {
        bytes(x, o).lanewise(XOR, bytes(y, o)).intoArray(r, o);
    }

    static void addBytes(byte[] x, byte[] y, byte[] r) {
        addBytes(x, y, r, 0);
    }

    static void addBytes(byte[] x, byte[] y, byte[] r, int o) {
        bytes(x, o).lanewise(ADD, bytes(y, o)).intoArray(r, o);
    }

    static void subBytes(byte[] x, byte[] y, byte[] r) {
        subBytes(x, y, r, 0);
    }

    static void subBytes(byte[] x, byte[] y, byte[] r, int o) {
        bytes(x, o).lanewise(SUB, bytes(y, o)).intoArray(r, o);
    }

    static void addWords(byte[] x, byte[] y, byte[] r) {
        addWords(x, y, r, 0);
    }

    static void addWords(byte[] x, byte[] y, byte[] r, int o) {
        store(shorts(x, o).lanewise(ADD, shorts(y, o)), r, o);
    }

    static void subWords(byte[] x, byte[] y, byte[] r) {
        subWords(x, y, r, 0);
    }

    static void subWords(byte[] x, byte[] y, byte[] r, int o) {
        store(shorts(x, o).lanewise(SUB, shorts(y, o)), r, o);
    }

    static void addDwords(byte[] x, byte[] y, byte[] r) {
        addDwords(x, y, r, 0);
    }

    static void addDwords(byte[] x, byte[] y, byte[] r, int o) {
        store(ints(x, o).lanewise(ADD, ints(y, o)), r, o);
    }

    static void subDwords(byte[] x, byte[] y, byte[] r) {
        subDwords(x, y, r, 0);
    }

    static void subDwords(byte[] x, byte[] y, byte[] r, int o) {
        store(ints(x, o).lanewise(SUB, ints(y, o)), r, o);
    }

    static void addQwords(byte[] x, byte[] y, byte[] r) {
        addQwords(x, y, r, 0);
    }

    static void addQwords(byte[] x, byte[] y, byte[] r, int o) {
        store(longs(x, o).lanewise(ADD, longs(y, o)), r, o);
    }

    // ---- 16-bit shifts by an immediate: the count is 0..15, the caller has dealt with larger ones ----

    static void shiftRightLogical(int count, byte[] x, byte[] r) {
        shiftRightLogical(count, x, r, 0);
    }

    static void shiftRightLogical(int count, byte[] x, byte[] r, int o) {
        store(shorts(x, o).lanewise(LSHR, words(count)), r, o);
    }

    static void shiftLeft(int count, byte[] x, byte[] r) {
        shiftLeft(count, x, r, 0);
    }

    static void shiftLeft(int count, byte[] x, byte[] r, int o) {
        store(shorts(x, o).lanewise(LSHL, words(count)), r, o);
    }

    static void shiftRightArithmetic(int count, byte[] x, byte[] r) {
        shiftRightArithmetic(count, x, r, 0);
    }

    static void shiftRightArithmetic(int count, byte[] x, byte[] r, int o) {
        store(shorts(x, o).lanewise(ASHR, words(count)), r, o);
    }

    // ---- 32-bit shifts by an immediate: the count is 0..31, the caller has dealt with larger ones ----

    static void shiftRightLogical32(int count, byte[] x, byte[] r) {
        shiftRightLogical32(count, x, r, 0);
    }

    static void shiftRightLogical32(int count, byte[] x, byte[] r, int o) {
        store(ints(x, o).lanewise(LSHR, dwords(count)), r, o);
    }

    static void shiftLeft32(int count, byte[] x, byte[] r) {
        shiftLeft32(count, x, r, 0);
    }

    static void shiftLeft32(int count, byte[] x, byte[] r, int o) {
        store(ints(x, o).lanewise(LSHL, dwords(count)), r, o);
    }

    static void shiftRightArithmetic32(int count, byte[] x, byte[] r) {
        shiftRightArithmetic32(count, x, r, 0);
    }

    static void shiftRightArithmetic32(int count, byte[] x, byte[] r, int o) {
        store(ints(x, o).lanewise(ASHR, dwords(count)), r, o);
    }

    // ---- 16-bit shifts by the count in the same lane of y: the API masks a count to the lane's 15, x86 gives 0
    // beyond it, or the sign for the arithmetic shift ----

    static void shiftRightLogicalVariable(byte[] x, byte[] y, byte[] r) {
        shiftRightLogicalVariable(x, y, r, 0);
    }

    static void shiftRightLogicalVariable(byte[] x, byte[] y, byte[] r, int o) {
        ShortVector counts = shorts(y, o);
        store(beyond15(shorts(x, o).lanewise(LSHR, counts), counts, 0), r, o);
    }

    static void shiftLeftVariable(byte[] x, byte[] y, byte[] r) {
        shiftLeftVariable(x, y, r, 0);
    }

    static void shiftLeftVariable(byte[] x, byte[] y, byte[] r, int o) {
        ShortVector counts = shorts(y, o);
        store(beyond15(shorts(x, o).lanewise(LSHL, counts), counts, 0), r, o);
    }

    static void shiftRightArithmeticVariable(byte[] x, byte[] y, byte[] r) {
        shiftRightArithmeticVariable(x, y, r, 0);
    }

    static void shiftRightArithmeticVariable(byte[] x, byte[] y, byte[] r, int o) {
        ShortVector counts = shorts(y, o);
        store(shorts(x, o).lanewise(ASHR, beyond15(counts, counts, 15)), r, o);
    }

    /**
     * {@code v} with {@code value} in the lanes whose count is above 15. No VectorMask in the signature: C2 would not
     * inline a method whose signature names a class the application's class loader has not itself resolved
     * ("unloaded signature classes"), and the out-of-line compare then ran the Vector API's Java fallback.
     */
    private static ShortVector beyond15(ShortVector v, ShortVector counts, int value) {
        return v.blend(words(value), counts.lanewise(AND, words(0xFFF0)).compare(NE, words(0)));
    }

    // ---- dot products ----

    /**
     * vpmaddubsw. Each 16-bit lane is read as its two bytes: the even byte is x's low byte (unsigned) times y's low
     * byte (signed), the odd one the high bytes. Each product fits in 16 bits (255 x -128 = -32640), and only their
     * sum can overflow: it has then the other sign than both products, and saturates towards their sign.
     */
    static void maddUbs(byte[] x, byte[] y, byte[] r) {
        maddUbs(x, y, r, 0);
    }

    static void maddUbs(byte[] x, byte[] y, byte[] r, int o) {
        ShortVector xs = shorts(x, o);
        ShortVector ys = shorts(y, o);
        ShortVector eight = words(8);
        ShortVector even = xs.lanewise(AND, words(0xFF)).lanewise(MUL, ys.lanewise(LSHL, eight).lanewise(ASHR, eight));
        ShortVector odd = xs.lanewise(LSHR, eight).lanewise(MUL, ys.lanewise(ASHR, eight));
        ShortVector sum = even.lanewise(ADD, odd);
        VectorMask<Short> overflow = even.lanewise(XOR, sum).lanewise(AND, odd.lanewise(XOR, sum))
            .compare(LT, words(0));
        ShortVector saturated = words(Short.MAX_VALUE)
            .blend(words(Short.MIN_VALUE), even.compare(LT, words(0)));
        store(sum.blend(saturated, overflow), r, o);
    }

    /**
     * vpmaddwd: each 32-bit lane is the product of x's and y's low signed 16-bit halves plus that of their high
     * halves, wrapping (only -32768 x -32768 taken twice overflows, to 0x80000000, as on x86).
     */
    static void maddWords(byte[] x, byte[] y, byte[] r) {
        maddWords(x, y, r, 0);
    }

    static void maddWords(byte[] x, byte[] y, byte[] r, int o) {
        IntVector a = ints(x, o);
        IntVector b = ints(y, o);
        IntVector sixteen = dwords(16);
        IntVector low = lowHalf(a).lanewise(MUL, lowHalf(b));
        store(low.lanewise(ADD, a.lanewise(ASHR, sixteen).lanewise(MUL, b.lanewise(ASHR, sixteen))), r, o);
    }

    /**
     * vpdpbusd: r += the four u8 (x) times s8 (y) products of each 32-bit lane, wrapping. A u8 x s8 product lies in
     * [-32640, 32385], so the products of the even and of the odd bytes are exact in 16-bit lanes; each 32-bit lane
     * then adds its two even and two odd products, sign-extended. This takes 17 vector operations where four 32-bit
     * products took 24: with those, C2 stopped at its node-count cutoff inside the fourth product and ran its lanewise
     * calls through the Vector API's per-lane fallback. A left shift by a vector is a multiply here: the API ANDs a
     * vector shift count with the lane's mask, which is one more operation and one more broadcast for C2 to inline,
     * and with three shifts as multiplies the form fits C2's budget, store included. (Shared broadcasts, static
     * constants, or the even and odd halves as two methods ran slower: docs/performance.md.)
     */
    static void dotBytes(byte[] x, byte[] y, byte[] r) {
        dotBytes(x, y, r, 0);
    }

    static void dotBytes(byte[] x, byte[] y, byte[] r, int o) {
        ShortVector u = shorts(x, o);
        ShortVector v = shorts(y, o);
        ShortVector evenY = v.lanewise(MUL, words(1 << 8)).lanewise(ASHR, words(8));
        ShortVector even = u.lanewise(AND, words(0xFF)).lanewise(MUL, evenY);
        ShortVector odd = u.lanewise(LSHR, words(8)).lanewise(MUL, v.lanewise(ASHR, words(8)));
        IntVector e = ints(even);
        IntVector d = ints(odd);
        IntVector sum = ints(r, o).lanewise(ADD, lowHalf(e)).lanewise(ADD, e.lanewise(ASHR, dwords(16)))
            .lanewise(ADD, lowHalf(d)).lanewise(ADD, d.lanewise(ASHR, dwords(16)));
        store(sum, r, o);
    }

    /** The low 16 bits of each 32-bit lane, sign-extended (the multiply is the left shift, see dotBytes). */
    private static IntVector lowHalf(IntVector p) {
        return p.lanewise(MUL, dwords(1 << 16)).lanewise(ASHR, dwords(16));
    }

    // ---- byte shuffles: the indices wrapped into range, so that the API's index check never throws ----

    /** vpshufb: byte i = table byte (index_i & 15) of its own 16-byte lane, or 0 where index_i is negative. */
    static void shuffleBytes(byte[] table, byte[] index, byte[] r) {
        shuffleBytes(table, index, r, 0);
    }

    static void shuffleBytes(byte[] table, byte[] index, byte[] r, int o) {
        ByteVector k = bytes(index, o);
        ByteVector within = k.lanewise(AND, bytes(15)).lanewise(OR, bytes(LANE_STARTS));
        bytes(table, o).rearrange(within.toShuffle()).blend(bytes(0), k.compare(LT, bytes(0))).intoArray(r, o);
    }

    /**
     * vpunpck{l,h}{bw,wd,dq}: per 16-byte lane, the elements of the low (or high) eight bytes of x and y interleaved,
     * x's first. {@code kind} is twice log2 of the element's bytes (0 to 2), plus 1 for the high halves.
     */
    static void unpack(int kind, byte[] x, byte[] y, byte[] r, int o) {
        VectorShuffle<Byte> sources = bytes(UNPACK_SOURCES[kind]).toShuffle();
        ByteVector fromFirst = bytes(x, o).rearrange(sources);
        ByteVector fromSecond = bytes(y, o).rearrange(sources);
        fromFirst.blend(fromSecond, bytes(UNPACK_FROM_SECOND[kind]).compare(LT, bytes(0))).intoArray(r, o);
    }

    /** vpermb: byte i = table byte (index_i mod 16). */
    static void permuteBytes(byte[] index, byte[] table, byte[] r) {
        ByteVector k = bytes(index).lanewise(AND, bytes(16 - 1));
        bytes(table).rearrange(k.toShuffle()).intoArray(r, 0);
    }

    // ---- conversion ----

    /**
     * vcvtph2ps: the halves in the first 8 bytes of h as floats, exactly, as
     * {@link X86FloatVector#halfToFloatBits} converts one: a normal half rebiased, exponent 31 to infinity or a quiet
     * NaN (the payload kept), a subnormal half as its mantissa times 2^-24.
     */
    static void halfToFloat(byte[] h, byte[] r) {
        halfToFloat(h, 0, r, 0);
    }

    /** vcvtph2ps from the halves at byte {@code ho} of h into r from byte {@code ro}. */
    static void halfToFloat(byte[] h, int ho, byte[] r, int ro) {
        IntVector bits = wordsAsDwords(h, ho); // sign-extended, so that bit 31 is the half's sign
        IntVector magnitude = bits.lanewise(AND, dwords(0x7FFF));
        IntVector shifted = magnitude.lanewise(LSHL, dwords(13));
        // A finite half's bits moved to a float's places are the half's value times 2^-112, a subnormal half's too
        // (as a subnormal float): one exact multiplication rebiases both.
        IntVector finite = (IntVector) ((FloatVector) shifted.reinterpretShape(FLOATS, 0))
            .lanewise(MUL, FloatVector.broadcast(FLOATS, 0x1p112f)).reinterpretShape(INTS, 0);
        IntVector special = shifted.lanewise(OR, dwords(0x7F80_0000));
        special = special.blend(special.lanewise(OR, dwords(0x0040_0000)), magnitude.compare(GT, dwords(0x7C00)));
        IntVector floats = finite.blend(special, magnitude.compare(GE, dwords(0x7C00)));
        store(floats.lanewise(OR, bits.lanewise(AND, dwords(0x8000_0000))), r, ro);
    }

    /** vcvtdq2ps: each dword of x as the float nearest to it, ties to even (MXCSR's default, and Java's cast). */
    static void intToFloat(byte[] x, byte[] r) {
        intToFloat(x, 0, r, 0);
    }

    /** vcvtdq2ps from byte {@code xo} of x into r from byte {@code ro}. */
    static void intToFloat(byte[] x, int xo, byte[] r, int ro) {
        FloatVector floats = (FloatVector) ints(x, xo).convertShape(I2F, FLOATS, 0);
        store((IntVector) floats.reinterpretShape(INTS, 0), r, ro);
    }

    // ---- widening ----

    /** vpmovsxbw: the bytes in the first 8 bytes of x as words, sign-extended. */
    static void signExtendBytesToWords(byte[] x, byte[] r) {
        signExtendBytesToWords(x, 0, r, 0);
    }

    static void signExtendBytesToWords(byte[] x, int xo, byte[] r, int ro) {
        store(bytesAsWords(x, xo), r, ro);
    }

    /** vpmovzxbw: the bytes in the first 8 bytes of x as words, zero-extended. */
    static void zeroExtendBytesToWords(byte[] x, byte[] r) {
        zeroExtendBytesToWords(x, 0, r, 0);
    }

    static void zeroExtendBytesToWords(byte[] x, int xo, byte[] r, int ro) {
        store(bytesAsWords(x, xo).lanewise(AND, words(0xFF)), r, ro);
    }

    /** vpmovsxwd: the words in the first 8 bytes of x as dwords, sign-extended. */
    static void signExtendWordsToDwords(byte[] x, byte[] r) {
        signExtendWordsToDwords(x, 0, r, 0);
    }

    static void signExtendWordsToDwords(byte[] x, int xo, byte[] r, int ro) {
        store(wordsAsDwords(x, xo), r, ro);
    }

    /** vpmovzxwd: the words in the first 8 bytes of x as dwords, zero-extended. */
    static void zeroExtendWordsToDwords(byte[] x, byte[] r) {
        zeroExtendWordsToDwords(x, 0, r, 0);
    }

    static void zeroExtendWordsToDwords(byte[] x, int xo, byte[] r, int ro) {
        store(wordsAsDwords(x, xo).lanewise(AND, dwords(0xFFFF)), r, ro);
    }

    /** The bytes in the 8 bytes of x from byte o, sign-extended to words. */
    private static ShortVector bytesAsWords(byte[] x, int o) {
        return (ShortVector) ByteVector.fromArray(HALF_BYTES, x, o).convertShape(B2S, SHORTS, 0);
    }

    /** The words in the 8 bytes of x from byte o, sign-extended to dwords. */
    private static IntVector wordsAsDwords(byte[] x, int o) {
        ShortVector words = (ShortVector) ByteVector.fromArray(HALF_BYTES, x, o).reinterpretShape(HALVES, 0);
        return (IntVector) words.convertShape(S2I, INTS, 0);
    }

    // ---- float arithmetic ----

    /**
     * vfmadd231ps where no lane is a NaN: r = x * y + r per float lane, rounded once (the API's FMA is
     * {@link Math#fma} per lane). A NaN result lane, from a NaN operand or an invalid product, returns false with r
     * untouched: x86 picks which NaN to propagate by operand order, which {@link X86FloatVector#fmaLane} decides.
     */
    static boolean fmaWithoutNaN(byte[] x, byte[] y, byte[] r) {
        FloatVector sum = fmaSum(x, y, r, 0);
        if (sum.test(IS_NAN).anyTrue()) {
            return false;
        }
        store(sum, r, 0);
        return true;
    }

    /**
     * x * y + r per float lane of the 16 bytes from byte o, not stored: a 64-byte FMA on halves tests
     * both for NaN lanes before it stores either.
     */
    static FloatVector fmaSum(byte[] x, byte[] y, byte[] r, int o) {
        return floats(x, o).lanewise(FMA, floats(y, o), floats(r, o));
    }

    // ---- loads, constants and stores ----

    private static ByteVector bytes(byte[] x) {
        return ByteVector.fromArray(BYTES, x, 0);
    }

    private static IntVector ints(ShortVector x) {
        return (IntVector) x.reinterpretShape(INTS, 0);
    }

    private static FloatVector floats(byte[] x, int o) {
        return (FloatVector) bytes(x, o).reinterpretShape(FLOATS, 0);
    }

    private static ByteVector bytes(int value) {
        return ByteVector.broadcast(BYTES, (byte) value);
    }

    private static ShortVector words(int value) {
        return ShortVector.broadcast(SHORTS, (short) value);
    }

    private static IntVector dwords(int value) {
        return IntVector.broadcast(INTS, value);
    }

    private static ByteVector bytes(byte[] x, int o) {
        return ByteVector.fromArray(BYTES, x, o);
    }

    private static ShortVector shorts(byte[] x, int o) {
        return (ShortVector) bytes(x, o).reinterpretShape(SHORTS, 0);
    }

    private static IntVector ints(byte[] x, int o) {
        return (IntVector) bytes(x, o).reinterpretShape(INTS, 0);
    }

    private static LongVector longs(byte[] x, int o) {
        return (LongVector) bytes(x, o).reinterpretShape(LONGS, 0);
    }

    private static void store(ShortVector v, byte[] r, int o) {
        exact((ByteVector) v.reinterpretShape(BYTES, 0)).intoArray(r, o);
    }

    private static void store(IntVector v, byte[] r, int o) {
        exact((ByteVector) v.reinterpretShape(BYTES, 0)).intoArray(r, o);
    }

    private static void store(LongVector v, byte[] r, int o) {
        exact((ByteVector) v.reinterpretShape(BYTES, 0)).intoArray(r, o);
    }

    static void store(FloatVector v, byte[] r, int o) {
        exact((ByteVector) v.reinterpretShape(BYTES, 0)).intoArray(r, o);
    }

    /** v itself, as the result of an operation called here (see the class comment). */
    private static ByteVector exact(ByteVector v) {
        return v.lanewise(OR, ByteVector.zero(BYTES));
    }
}
