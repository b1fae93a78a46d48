// The Vector API element-wise operations and 16-bit shifts against per-lane definitions, bit for bit, at every width.
package org.ternsim.isa.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.MachineState;

class X86LaneVectorTest {

    /**
     * C2 does not inline a method whose signature names a class that the application's class loader has not resolved
     * itself, and a Vector API mask or shuffle passed across such a call runs the API's per-lane Java fallback
     * (docs/performance.md): the per-width forms keep them inside one method.
     */
    @Test
    void noLaneMethodPassesAMaskOrAShuffle() {
        List<String> found = new ArrayList<>();
        for (Class<?> lanes : List.of(X86Lanes128.class, X86Lanes256.class, X86Lanes512.class)) {
            for (Method m : lanes.getDeclaredMethods()) {
                boolean passes = Stream.concat(Stream.of(m.getReturnType()), Stream.of(m.getParameterTypes()))
                    .anyMatch(t -> t == jdk.incubator.vector.VectorMask.class
                        || t == jdk.incubator.vector.VectorShuffle.class);
                if (passes) {
                    found.add(lanes.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertTrue(found.isEmpty(), "methods with a mask or shuffle in their signature: " + found);
    }

    /** Every width, also one wider than this host's vectors (the API then runs it in Java), and in place. */
    @Test
    void binaryOperationsEqualTheLaneDefinitions() {
        Random random = new Random(5);
        for (int width : new int[] {16, 32, 64}) {
            for (X86Resolved.Op op : X86Resolved.Op.values()) {
                for (int trial = 0; trial < 2_000; trial++) {
                    byte[] x = EdgeBytes.of(random, width);
                    byte[] y = EdgeBytes.of(random, width);
                    byte[] expected = binary(op, x, y);
                    byte[] actual = new byte[width];
                    X86LaneVector.binary(op, width).apply(x, y, actual);
                    assertArrayEquals(expected, actual, op + " width " + width);
                    X86LaneVector.binary(op, width).apply(x, y, x);
                    assertArrayEquals(expected, x, op + " in place, width " + width);
                }
            }
        }
    }

    @Test
    void shiftsEqualTheLaneDefinitions() {
        Random random = new Random(6);
        for (int width : new int[] {16, 32, 64}) {
            for (X86Resolved.Shift kind : X86Resolved.Shift.values()) {
                for (int count = 0; count <= 15; count++) {
                    for (int trial = 0; trial < 200; trial++) {
                        byte[] x = EdgeBytes.of(random, width);
                        byte[] expected = new byte[width];
                        for (int lane = 0; lane < width / 2; lane++) {
                            int v = MachineState.getShort(x, lane);
                            MachineState.putShort(expected, lane, switch (kind) {
                                case SRLW -> (v & 0xFFFF) >>> count;
                                case SLLW -> v << count;
                                case SRAW -> v >> count;
                            });
                        }
                        byte[] actual = new byte[width];
                        X86LaneVector.shift(kind, width).apply(count, x, actual);
                        assertArrayEquals(expected, actual, kind + " by " + count + ", width " + width);
                    }
                }
            }
        }
    }

    /** 32-bit shifts by 0..31 (the caller caps larger counts), every width, as Java's int shifts per lane. */
    @Test
    void shifts32EqualTheLaneDefinitions() {
        Random random = new Random(9);
        for (int width : new int[] {16, 32, 64}) {
            for (X86Resolved.Shift32 kind : X86Resolved.Shift32.values()) {
                for (int count = 0; count <= 31; count++) {
                    for (int trial = 0; trial < 100; trial++) {
                        byte[] x = EdgeBytes.of(random, width);
                        byte[] expected = new byte[width];
                        for (int lane = 0; lane < width / 4; lane++) {
                            int v = MachineState.getInt(x, lane);
                            MachineState.putInt(expected, lane, switch (kind) {
                                case SRLD -> v >>> count;
                                case SLLD -> v << count;
                                case SRAD -> v >> count;
                            });
                        }
                        byte[] actual = new byte[width];
                        X86LaneVector.shift32(kind, width).apply(count, x, actual);
                        assertArrayEquals(expected, actual, kind + " by " + count + ", width " + width);
                        X86LaneVector.shift32(kind, width).apply(count, x, x);
                        assertArrayEquals(expected, x, kind + " in place by " + count + ", width " + width);
                    }
                }
            }
        }
    }

    /** vpmaddwd: per 32-bit lane, the signed products of the low and of the high 16-bit halves added, wrapping. */
    @Test
    void maddWordsEqualsTheLaneDefinition() {
        Random random = new Random(10);
        for (int width : new int[] {16, 32, 64}) {
            X86LaneVector.Form form = X86LaneVector.maddWords(width);
            for (int trial = 0; trial < 4_000; trial++) {
                byte[] x = EdgeBytes.of(random, width);
                byte[] y = EdgeBytes.of(random, width);
                byte[] expected = new byte[width];
                for (int lane = 0; lane < width / 4; lane++) {
                    int sum = MachineState.getShort(x, 2 * lane) * MachineState.getShort(y, 2 * lane)
                        + MachineState.getShort(x, 2 * lane + 1) * MachineState.getShort(y, 2 * lane + 1);
                    MachineState.putInt(expected, lane, sum);
                }
                byte[] actual = new byte[width];
                form.apply(x, y, actual);
                assertArrayEquals(expected, actual, "width " + width);
                form.apply(x, y, y);
                assertArrayEquals(expected, y, "in place, width " + width);
            }
        }
        // -32768 x -32768 twice: the one sum that overflows, to 0x80000000 (Intel SDM, PMADDWD)
        byte[] min = new byte[16];
        for (int i = 1; i < 16; i += 2) {
            min[i] = (byte) 0x80;
        }
        byte[] r = new byte[16];
        X86LaneVector.maddWords(16).apply(min, min, r);
        assertEquals(0x8000_0000, MachineState.getInt(r, 0));
    }

    /** vpdpbusd: each 32-bit lane plus its four u8 x s8 byte products, wrapping; edge bytes and accumulators. */
    @Test
    void dotBytesEqualsTheLaneDefinition() {
        Random random = new Random(8);
        for (int width : new int[] {16, 32, 64}) {
            X86LaneVector.Form form = X86LaneVector.dotBytes(width);
            for (int trial = 0; trial < 4_000; trial++) {
                byte[] x = EdgeBytes.of(random, width);
                byte[] y = EdgeBytes.of(random, width);
                byte[] r = EdgeBytes.of(random, width);
                byte[] expected = dotBytes(r, x, y);
                byte[] aliased = r.clone();
                form.apply(x, y, r);
                assertArrayEquals(expected, r, "width " + width);
                // the accumulator as a source as well (vpdpbusd zmm0, zmm0, zmm1): x is the accumulator's old value
                byte[] selfExpected = dotBytes(aliased, aliased, y);
                form.apply(aliased, y, aliased);
                assertArrayEquals(selfExpected, aliased, "in place, width " + width);
            }
        }
    }

    /** Each 32-bit lane of r plus the four u8 (x) times s8 (y) products of its bytes, wrapping. */
    private static byte[] dotBytes(byte[] r, byte[] x, byte[] y) {
        byte[] out = new byte[r.length];
        for (int lane = 0; lane < r.length / 4; lane++) {
            int sum = MachineState.getInt(r, lane);
            for (int k = 0; k < 4; k++) {
                sum += (x[4 * lane + k] & 0xFF) * y[4 * lane + k];
            }
            MachineState.putInt(out, lane, sum);
        }
        return out;
    }

    /** Every half (zeros, subnormals, infinities, signalling and quiet NaNs) at every width, as the lane function. */
    @Test
    void halfToFloatConvertsEveryHalfAsTheLaneFunction() {
        for (int width : new int[] {16, 32, 64}) {
            X86LaneVector.Convert form = X86LaneVector.halfToFloat(width);
            byte[] halves = new byte[width];
            byte[] actual = new byte[width];
            for (int first = 0; first < 1 << 16; first += width / 4) {
                for (int lane = 0; lane < width / 4; lane++) {
                    MachineState.putShort(halves, lane, first + lane);
                }
                form.apply(halves, actual);
                for (int lane = 0; lane < width / 4; lane++) {
                    assertEquals(X86FloatVector.halfToFloatBits(first + lane), MachineState.getInt(actual, lane),
                        "half 0x" + Integer.toHexString(first + lane) + ", width " + width);
                }
                form.apply(halves, halves); // in place, as vcvtph2ps xmm1, xmm1
                assertArrayEquals(actual, halves, "in place, width " + width);
            }
        }
    }

    /** Float lanes the FMA form must get right or leave alone: NaNs, infinities, zeros, subnormals, overflow. */
    private static final int[] FLOAT_EDGES = {0, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 1, 0x8000_0001, 0x007F_FFFF,
        0x7F7F_FFFF, 0xFF7F_FFFF, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001, 0x7FA0_1234,
        0xFFBF_FFFF, 0x3400_0000, 0x4B80_0001};

    /**
     * Every width, in place: where no lane's result is a NaN the form writes the lane function's result, and where one
     * is (a NaN operand, infinity times zero, infinities cancelling) it returns false and writes nothing.
     */
    @Test
    void fmaWithoutNaNEqualsTheLaneFunctionOrLeavesTheVectorAlone() {
        Random random = new Random(17);
        for (int width : new int[] {16, 32, 64}) {
            X86LaneVector.PartialForm form = X86LaneVector.fmaWithoutNaN(width);
            int taken = 0;
            int left = 0;
            for (int trial = 0; trial < 20_000; trial++) {
                int edgeShare = random.nextInt(4); // a quarter of the vectors have no edge lanes at all
                byte[] x = floatLanes(random, width, edgeShare);
                byte[] y = floatLanes(random, width, edgeShare);
                byte[] r = floatLanes(random, width, edgeShare);
                byte[] expected = new byte[width];
                boolean nan = false;
                for (int lane = 0; lane < width / 4; lane++) {
                    int v = X86FloatVector.fmaLane(MachineState.getInt(r, lane), MachineState.getInt(x, lane),
                        MachineState.getInt(y, lane));
                    nan |= Float.isNaN(Float.intBitsToFloat(v));
                    MachineState.putInt(expected, lane, v);
                }
                byte[] before = r.clone();
                boolean done = form.apply(x, y, r);
                assertEquals(!nan, done, "taken exactly when no lane is a NaN, width " + width);
                assertArrayEquals(nan ? before : expected, r, "width " + width);
                taken += done ? 1 : 0;
                left += done ? 0 : 1;
            }
            assertTrue(taken > 1_000 && left > 1_000, "both outcomes tried: " + taken + " and " + left);
        }
    }

    /** Random float lanes, each an edge value with probability {@code edgeShare} / 8. */
    private static byte[] floatLanes(Random random, int width, int edgeShare) {
        byte[] out = new byte[width];
        for (int lane = 0; lane < width / 4; lane++) {
            int bits = random.nextInt(8) < edgeShare ? FLOAT_EDGES[random.nextInt(FLOAT_EDGES.length)]
                : Float.floatToRawIntBits((float) random.nextGaussian() * (1 << random.nextInt(20)));
            MachineState.putInt(out, lane, bits);
        }
        return out;
    }

    private static byte[] binary(X86Resolved.Op op, byte[] x, byte[] y) {
        byte[] r = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = (byte) switch (op) {
                case AND -> x[i] & y[i];
                case ANDN -> ~x[i] & y[i];
                case OR -> x[i] | y[i];
                case XOR -> x[i] ^ y[i];
                case ADDB -> x[i] + y[i];
                case SUBB -> x[i] - y[i];
                default -> 0;
            };
        }
        int lane = switch (op) {
            case ADDW, SUBW -> 2;
            case ADDD, SUBD -> 4;
            case ADDQ -> 8;
            default -> 0;
        };
        if (lane > 0) {
            for (int o = 0; o < x.length; o += lane) {
                long a = 0;
                long b = 0;
                for (int k = lane - 1; k >= 0; k--) {
                    a = a << 8 | (x[o + k] & 0xFF);
                    b = b << 8 | (y[o + k] & 0xFF);
                }
                long sum = op == X86Resolved.Op.SUBW || op == X86Resolved.Op.SUBD ? a - b : a + b;
                for (int k = 0; k < lane; k++) {
                    r[o + k] = (byte) (sum >>> (8 * k));
                }
            }
        }
        return r;
    }
}
