// 64-byte x86 vector forms run as two 32-byte halves, for hosts whose vectors are 32 bytes wide (AVX2 without AVX-512).
package org.ternsim.isa.x86;

import jdk.incubator.vector.ByteVector;

/**
 * On a host with 32-byte vectors the Vector API runs a 64-byte species lane by lane in Java, so the 64-byte forms of
 * {@link X86Lanes512} do not pay there, and the AVX-512 kernels' semantics took their scalar lane loops. An op whose
 * lanes never reach across the middle of the register is the same op on each 32-byte half, so each form here runs an
 * {@link X86Lanes256} form twice: on the low halves in place, and on copies of the high halves in scratch arrays of its
 * own. A form object is made per decoded instruction, and a decoded program runs on one thread, so the scratch arrays
 * are never shared.
 *
 * <p>Only the ops whose lane loops cost more than two 32-byte forms and the copies are here: vpshufb, vfmadd231ps and
 * the conversions (on an AVX2 host, F16 AVX-512's semantics ran 1.24x and T-MAC-W4 AVX-512's 1.18x faster with them;
 * docs/performance.md). Element-wise ops, shifts, vpmaddwd, vpmaddubsw and vpdpbusd measured no faster or slower in
 * halves than in their loops, which work eight bytes at a time or on a few wide lanes (I2_S VNNI's semantics ran
 * 0.87-0.89x with each of vpdpbusd, vpsrlvw and vpandd in halves), and vpermb crosses the halves. The shuffle and
 * the FMA call their 32-byte forms directly, and the conversions share one lambda: one lambda around every form made
 * its call megamorphic in a run of several ops, which C2 does not inline (I2_S VNNI's semantics then ran at 0.74x).
 *
 * <p>Sources and destination may be one array: every high half a form reads is copied before the low half's result
 * is stored, and the low half's form loads its sources before it stores.
 */
final class X86Halves {

    private static final int HALF = 32;

    private final byte[] x = new byte[HALF];
    private final byte[] y = new byte[HALF];
    private final byte[] r = new byte[HALF];

    private X86Halves() {
    }

    /** Whether 64-byte registers run as halves here: {@code width} is 64 and this host's vectors are 32 bytes wide. */
    static boolean split(int width) {
        return width == 2 * HALF && ByteVector.SPECIES_PREFERRED.vectorByteSize() == HALF;
    }

    /** vpshufb: every index picks from its own 16-byte lane, so each half shuffles alone. */
    static X86LaneVector.Form shuffleBytes() {
        X86Halves s = new X86Halves();
        return (xs, ys, rs) -> {
            s.take(xs, ys);
            X86Lanes256.shuffleBytes(xs, ys, rs);
            X86Lanes256.shuffleBytes(s.x, s.y, s.r);
            s.give(rs);
        };
    }

    /**
     * vfmadd231ps, which declines where a lane is a NaN: the high half runs first, into scratch, so that when either
     * half declines the destination is still untouched, as the form's contract asks.
     */
    static X86LaneVector.PartialForm fmaWithoutNaN() {
        X86Halves s = new X86Halves();
        return (xs, ys, rs) -> {
            s.take(xs, ys);
            high(rs, s.r); // the destination is the accumulator
            if (!X86Lanes256.fmaWithoutNaN(s.x, s.y, s.r) || !X86Lanes256.fmaWithoutNaN(xs, ys, rs)) {
                return false;
            }
            s.give(rs);
            return true;
        };
    }

    /**
     * A conversion, each 32-byte half of whose result comes from {@code sourceBytes} bytes of the source: 32 for
     * vcvtdq2ps, 16 for the widening ones (vcvtph2ps, vpmovsxbw, vpmovzxwd, ...). A run converts in one or two ways,
     * so the call below stays monomorphic or bimorphic.
     */
    static X86LaneVector.Convert convert(X86LaneVector.Convert half, int sourceBytes) {
        X86Halves s = new X86Halves();
        return (xs, rs) -> {
            System.arraycopy(xs, sourceBytes, s.x, 0, sourceBytes);
            half.apply(xs, rs);
            half.apply(s.x, s.r);
            s.give(rs);
        };
    }

    private void take(byte[] xs, byte[] ys) {
        high(xs, x);
        high(ys, y);
    }

    private void give(byte[] rs) {
        System.arraycopy(r, 0, rs, HALF, HALF);
    }

    private static void high(byte[] from, byte[] to) {
        System.arraycopy(from, HALF, to, 0, HALF);
    }
}
