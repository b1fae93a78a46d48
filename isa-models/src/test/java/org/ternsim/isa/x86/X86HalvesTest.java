// 64-byte forms run as two 32-byte halves against the whole-register forms, bit for bit, on any host.
package org.ternsim.isa.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link X86Halves} serves only hosts with 32-byte vectors, so these tests build its forms directly and compare them
 * with {@link X86Lanes512}'s, which are exact on every host (where the host's vectors are narrower, the Vector API
 * runs them in Java). Each form also runs in place, its destination one of its sources, as the interpreter calls it.
 */
class X86HalvesTest {

    private static final int WIDTH = 64;
    private static final int TRIALS = 300;

    @Test
    void byteShufflesEqualTheWholeRegister() {
        assertSameForm(new Random(41), X86Halves.shuffleBytes(), X86Lanes512::shuffleBytes, "vpshufb");
    }

    @Test
    void wholeRegisterPermutesEqualTheWholeRegister() {
        assertSameForm(new Random(42), X86Halves::permuteBytes, X86Lanes512::permuteBytes, "vpermb");
    }

    /** Every unpack kind: bytes, words and dwords, low and high halves of each lane. */
    @Test
    void unpacksEqualTheWholeRegister() {
        Random random = new Random(46);
        for (int kind = 0; kind < 6; kind++) {
            int k = kind;
            assertSameForm(random, X86Halves.unpack(kind), (x, y, r) -> X86Lanes512.unpack(k, x, y, r, 0),
                "vpunpck kind " + kind);
        }
    }

    @Test
    void elementWiseOpsEqualTheWholeRegister() {
        Random random = new Random(45);
        for (X86Resolved.Op op : X86Resolved.Op.values()) {
            assertSameForm(random, X86Halves.binary(op), X86Lanes512.binary(op), op.name());
        }
    }

    @Test
    void variableShiftsEqualTheWholeRegister() {
        Random random = new Random(46);
        for (X86Resolved.VariableShift kind : X86Resolved.VariableShift.values()) {
            assertSameForm(random, X86Halves.shiftVariable(kind), X86Lanes512.shiftVariable(kind), kind.name());
        }
    }

    /** The counts the resolved forms pass: 0..15 for 16-bit lanes, 0..31 for 32-bit ones. */
    @Test
    void immediateShiftsEqualTheWholeRegister() {
        Random random = new Random(47);
        for (X86Resolved.Shift kind : X86Resolved.Shift.values()) {
            for (int count = 0; count <= 15; count++) {
                assertSameShift(random, count, X86Halves.shift(kind), X86Lanes512.shift(kind), kind.name());
            }
        }
        for (X86Resolved.Shift32 kind : X86Resolved.Shift32.values()) {
            for (int count = 0; count <= 31; count++) {
                assertSameShift(random, count, X86Halves.shift32(kind), X86Lanes512.shift32(kind), kind.name());
            }
        }
    }

    @Test
    void dotProductsEqualTheWholeRegister() {
        Random random = new Random(48);
        assertSameForm(random, X86Halves.maddUbs(), X86Lanes512::maddUbs, "vpmaddubsw");
        assertSameForm(random, X86Halves.maddWords(), X86Lanes512::maddWords, "vpmaddwd");
        assertSameForm(random, X86Halves.dotBytes(), X86Lanes512::dotBytes, "vpdpbusd");
    }

    @Test
    void conversionsEqualTheWholeRegister() {
        Random random = new Random(43);
        assertSameConvert(random, X86Halves.convert(X86Lanes256::intToFloat, 32), X86Lanes512::intToFloat, "vcvtdq2ps");
        assertSameConvert(random, X86Halves.convert(X86Lanes256::halfToFloat, 16), X86Lanes512::halfToFloat,
            "vcvtph2ps");
        assertSameConvert(random, X86Halves.convert(X86Lanes256::signExtendBytesToWords, 16),
            X86Lanes512::signExtendBytesToWords, "vpmovsxbw");
        assertSameConvert(random, X86Halves.convert(X86Lanes256::zeroExtendBytesToWords, 16),
            X86Lanes512::zeroExtendBytesToWords, "vpmovzxbw");
        assertSameConvert(random, X86Halves.convert(X86Lanes256::signExtendWordsToDwords, 16),
            X86Lanes512::signExtendWordsToDwords, "vpmovsxwd");
        assertSameConvert(random, X86Halves.convert(X86Lanes256::zeroExtendWordsToDwords, 16),
            X86Lanes512::zeroExtendWordsToDwords, "vpmovzxwd");
    }

    /** Where either half has a NaN lane the form declines and leaves the destination as it was, as the whole does. */
    @Test
    void fmaDeclinesAsTheWholeRegisterDoesAndOtherwiseEqualsIt() {
        Random random = new Random(44);
        X86LaneVector.PartialForm halves = X86Halves::fmaWithoutNaN;
        int declined = 0;
        for (int trial = 0; trial < 4 * TRIALS; trial++) {
            byte[] x = EdgeBytes.of(random, WIDTH);
            byte[] y = EdgeBytes.of(random, WIDTH);
            byte[] r = EdgeBytes.of(random, WIDTH);
            byte[] whole = r.clone();
            boolean expected = X86Lanes512.fmaWithoutNaN(x, y, whole);
            byte[] before = r.clone();
            assertEquals(expected, halves.apply(x, y, r), "taken, trial " + trial);
            assertArrayEquals(expected ? whole : before, r, "vfmadd231ps, trial " + trial);
            declined += expected ? 0 : 1;
        }
        assertTrue(declined > 0 && declined < 4 * TRIALS, "both outcomes tried: " + declined + " declined");
    }

    @Test
    void onlySixtyFourByteRegistersRunAsHalves() {
        assertTrue(!X86Halves.split(16) && !X86Halves.split(32), "16 and 32 bytes never split");
        assertEquals(jdk.incubator.vector.ByteVector.SPECIES_PREFERRED.vectorByteSize() == 32, X86Halves.split(WIDTH));
    }

    private static void assertSameForm(Random random, X86LaneVector.Form halves, X86LaneVector.Form whole,
            String what) {
        for (int trial = 0; trial < TRIALS; trial++) {
            byte[] x = EdgeBytes.of(random, WIDTH);
            byte[] y = EdgeBytes.of(random, WIDTH);
            byte[] r = EdgeBytes.of(random, WIDTH);
            byte[] expected = r.clone();
            whole.apply(x, y, expected);
            byte[] actual = r.clone();
            halves.apply(x, y, actual);
            assertArrayEquals(expected, actual, what + ", trial " + trial);
            byte[] inPlace = x.clone();
            byte[] wholeInPlace = x.clone();
            halves.apply(inPlace, y, inPlace);
            whole.apply(wholeInPlace, y, wholeInPlace);
            assertArrayEquals(wholeInPlace, inPlace, what + " in place, trial " + trial);
            byte[] intoSecond = y.clone();
            byte[] wholeIntoSecond = y.clone();
            halves.apply(x, intoSecond, intoSecond);
            whole.apply(x, wholeIntoSecond, wholeIntoSecond);
            assertArrayEquals(wholeIntoSecond, intoSecond, what + " into its second source, trial " + trial);
        }
    }

    private static void assertSameShift(Random random, int count, X86LaneVector.ShiftForm halves,
            X86LaneVector.ShiftForm whole, String what) {
        for (int trial = 0; trial < TRIALS / 10; trial++) {
            byte[] x = EdgeBytes.of(random, WIDTH);
            byte[] expected = new byte[WIDTH];
            whole.apply(count, x, expected);
            byte[] actual = new byte[WIDTH];
            halves.apply(count, x, actual);
            assertArrayEquals(expected, actual, what + " by " + count + ", trial " + trial);
            halves.apply(count, x, x);
            assertArrayEquals(expected, x, what + " by " + count + " in place, trial " + trial);
        }
    }

    private static void assertSameConvert(Random random, X86LaneVector.Convert halves, X86LaneVector.Convert whole,
            String what) {
        for (int trial = 0; trial < TRIALS; trial++) {
            byte[] x = EdgeBytes.of(random, WIDTH);
            byte[] expected = new byte[WIDTH];
            whole.apply(x, expected);
            byte[] actual = new byte[WIDTH];
            halves.apply(x, actual);
            assertArrayEquals(expected, actual, what + ", trial " + trial);
            halves.apply(x, x);
            assertArrayEquals(expected, x, what + " in place, trial " + trial);
        }
    }
}
