// 64-byte x86 vector forms run as two 32-byte halves, for hosts whose vectors are 32 bytes wide (AVX2 without AVX-512).
package org.ternsim.isa.x86;

import static jdk.incubator.vector.VectorOperators.AND;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.NE;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * On a host with 32-byte vectors the Vector API runs a 64-byte species lane by lane in Java, so the 64-byte forms of
 * {@link X86Lanes512} do not pay there, and the AVX-512 kernels' semantics took their scalar lane loops. An op whose
 * lanes never reach across the middle of the register is the same op on each 32-byte half, run in place:
 * <ul>
 *   <li>Lane-local ops whose result lanes sit where their source lanes do (element-wise ops, shifts, vpshufb,
 *       vpunpck*, vpmaddubsw, vpmaddwd, vpdpbusd) run {@link X86Lanes256}'s form at byte offset 0 and then 32 of the
 *       registers themselves. The high half reads only bytes the low half's store did not touch, so any source may
 *       be the destination. The two halves are one call site in a loop: two calls inlined the form twice, and C2
 *       ran out of its node budget in vpdpbusd's second copy and left it to the Vector API's Java fallback. On an
 *       AVX2 host, I2_S VNNI's semantics ran 1.24x as fast with these (docs/performance.md); taken from copies of
 *       the high halves, the same ops had run at 0.87-0.89x.</li>
 *   <li>The conversions run the 32-byte form at byte offsets too, the high half first ({@link #convert}). They
 *       share one lambda: one lambda around every form made its call megamorphic in a run of several ops, which C2
 *       does not inline (I2_S VNNI's semantics then ran at 0.74x).</li>
 *   <li>vfmadd231ps, which must leave its destination untouched where a lane is a NaN, computes both halves before
 *       it stores either ({@link #fmaWithoutNaN}).</li>
 * </ul>
 * vpermb reaches across the halves: each half of its result picks from both halves of the table.
 */
final class X86Halves {

    private static final int HALF = 32;
    private static final VectorSpecies<Byte> HALF_BYTES = ByteVector.SPECIES_256;

    private X86Halves() {
    }

    /** Whether 64-byte registers run as halves here: {@code width} is 64 and this host's vectors are 32 bytes wide. */
    static boolean split(int width) {
        return width == 2 * HALF && ByteVector.SPECIES_PREFERRED.vectorByteSize() == HALF;
    }

    /**
     * vfmadd231ps, which declines where a lane is a NaN ({@link X86Lanes256#fmaWithoutNaN}): both halves' sums are
     * tested before either is stored, so that when either half declines the destination is still untouched, as the
     * form's contract asks.
     */
    static boolean fmaWithoutNaN(byte[] x, byte[] y, byte[] r) {
        FloatVector low = X86Lanes256.fmaSum(x, y, r, 0);
        FloatVector high = X86Lanes256.fmaSum(x, y, r, HALF);
        if (low.test(IS_NAN).anyTrue() || high.test(IS_NAN).anyTrue()) {
            return false;
        }
        X86Lanes256.store(low, r, 0);
        X86Lanes256.store(high, r, HALF);
        return true;
    }

    /**
     * A conversion, each 32-byte half of whose result comes from {@code sourceBytes} bytes of the source: 32 for
     * vcvtdq2ps, 16 for the widening ones (vcvtph2ps, vpmovsxbw, vpmovzxwd, ...). The high half goes first: it reads
     * source bytes the low half's store does not touch (a widening one reads bytes 16 to 31, and the low half writes
     * bytes 0 to 31 of a destination that may be the source), then the low half reads what is still the source. A
     * run converts in one or two ways, so the call below stays monomorphic or bimorphic.
     */
    static X86LaneVector.Convert convert(X86LaneVector.ConvertAt half, int sourceBytes) {
        return (xs, rs) -> {
            for (int h = 1; h >= 0; h--) {
                half.apply(xs, h * sourceBytes, rs, h * HALF);
            }
        };
    }

    /**
     * vpermb, whose indices reach across the whole register: each half of the result picks from the table's two halves
     * by the low five bits of its indices and takes the high half's pick where bit 5 is set. All four loads come
     * before either store, so the destination may be the index or the table.
     */
    static void permuteBytes(byte[] index, byte[] table, byte[] r) {
        ByteVector low = ByteVector.fromArray(HALF_BYTES, table, 0);
        ByteVector high = ByteVector.fromArray(HALF_BYTES, table, HALF);
        ByteVector first = pick(low, high, ByteVector.fromArray(HALF_BYTES, index, 0));
        ByteVector second = pick(low, high, ByteVector.fromArray(HALF_BYTES, index, HALF));
        first.intoArray(r, 0);
        second.intoArray(r, HALF);
    }

    /** As {@link X86Lanes256}'s forms, every operation a {@code lanewise} or {@code compare} with a vector operand. */
    private static ByteVector pick(ByteVector low, ByteVector high, ByteVector index) {
        VectorShuffle<Byte> within = index.lanewise(AND, ByteVector.broadcast(HALF_BYTES, (byte) (HALF - 1)))
            .toShuffle();
        ByteVector fromHigh = index.lanewise(AND, ByteVector.broadcast(HALF_BYTES, (byte) HALF));
        return low.rearrange(within).blend(high.rearrange(within),
            fromHigh.compare(NE, ByteVector.zero(HALF_BYTES)));
    }

    // ---- lane-local ops on each half at its offset: no copies ----

    /** vpshufb: every index picks from its own 16-byte lane, so each half shuffles alone. */
    static X86LaneVector.Form shuffleBytes() {
        return (table, index, r) -> {
            for (int o = 0; o < 2 * HALF; o += HALF) {
                X86Lanes256.shuffleBytes(table, index, r, o);
            }
        };
    }

    /** vpunpck*: each 16-byte lane interleaves elements of its own lane. */
    static X86LaneVector.Form unpack(int kind) {
        return (x, y, r) -> {
            for (int o = 0; o < 2 * HALF; o += HALF) {
                X86Lanes256.unpack(kind, x, y, r, o);
            }
        };
    }

    static X86LaneVector.Form binary(X86Resolved.Op op) {
        return switch (op) {
            case AND -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.and(x, y, r, o);
                }
            };
            case ANDN -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.andNot(x, y, r, o);
                }
            };
            case OR -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.or(x, y, r, o);
                }
            };
            case XOR -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.xor(x, y, r, o);
                }
            };
            case ADDB -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.addBytes(x, y, r, o);
                }
            };
            case SUBB -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.subBytes(x, y, r, o);
                }
            };
            case ADDW -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.addWords(x, y, r, o);
                }
            };
            case SUBW -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.subWords(x, y, r, o);
                }
            };
            case ADDD -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.addDwords(x, y, r, o);
                }
            };
            case SUBD -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.subDwords(x, y, r, o);
                }
            };
            case ADDQ -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.addQwords(x, y, r, o);
                }
            };
        };
    }

    static X86LaneVector.Form shiftVariable(X86Resolved.VariableShift kind) {
        return switch (kind) {
            case SRLVW -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.shiftRightLogicalVariable(x, y, r, o);
                }
            };
            case SLLVW -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.shiftLeftVariable(x, y, r, o);
                }
            };
            case SRAVW -> (x, y, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.shiftRightArithmeticVariable(x, y, r, o);
                }
            };
        };
    }

    static X86LaneVector.ShiftForm shift(X86Resolved.Shift kind) {
        return switch (kind) {
            case SRLW -> (count, x, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.shiftRightLogical(count, x, r, o);
                }
            };
            case SLLW -> (count, x, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.shiftLeft(count, x, r, o);
                }
            };
            case SRAW -> (count, x, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.shiftRightArithmetic(count, x, r, o);
                }
            };
        };
    }

    static X86LaneVector.ShiftForm shift32(X86Resolved.Shift32 kind) {
        return switch (kind) {
            case SRLD -> (count, x, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.shiftRightLogical32(count, x, r, o);
                }
            };
            case SLLD -> (count, x, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.shiftLeft32(count, x, r, o);
                }
            };
            case SRAD -> (count, x, r) -> {
                for (int o = 0; o < 2 * HALF; o += HALF) {
                    X86Lanes256.shiftRightArithmetic32(count, x, r, o);
                }
            };
        };
    }

    static X86LaneVector.Form maddUbs() {
        return (x, y, r) -> {
            for (int o = 0; o < 2 * HALF; o += HALF) {
                X86Lanes256.maddUbs(x, y, r, o);
            }
        };
    }

    static X86LaneVector.Form maddWords() {
        return (x, y, r) -> {
            for (int o = 0; o < 2 * HALF; o += HALF) {
                X86Lanes256.maddWords(x, y, r, o);
            }
        };
    }

    static X86LaneVector.Form dotBytes() {
        return (x, y, r) -> {
            for (int o = 0; o < 2 * HALF; o += HALF) {
                X86Lanes256.dotBytes(x, y, r, o);
            }
        };
    }
}
