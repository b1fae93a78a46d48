// The I2_S AVX2 GEMV lowering run by the interpreter on hand-packed data, against the exact integer dot product.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.Interpreter;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.x86.X86Semantics;

class I2sAvx2GemvTest {

    static final int[][] SHAPES = {{1, 128}, {3, 384}, {5, 4096}, {2, 2560}};

    /** kernels.md 2.1: value j of each 128-block -> byte j mod 32, bits 6 - 2*(j div 32); code t+1; scale after. */
    static byte[] pack(int[][] t, float wScale) {
        int rows = t.length;
        int cols = t[0].length;
        byte[] out = new byte[rows * cols / 4 + 32];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                int flat = r * cols + k;
                int block = flat / 128;
                int j = flat % 128;
                out[block * 32 + j % 32] |= (byte) ((t[r][k] + 1) << (6 - 2 * (j / 32)));
            }
        }
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putFloat(rows * cols / 4, wScale);
        return out;
    }

    /** Runs the program on the data and returns the output floats' raw bits. */
    static int[] run(Program p, int[][] t, byte[] q, float wScale, int sumQ, float actScale) {
        return run(p, X86Semantics.table(), t, q, wScale, sumQ, actScale);
    }

    static int[] run(Program p, SemanticsTable table, int[][] t, byte[] q, float wScale, int sumQ, float actScale) {
        MachineState s = new MachineState(new Memory(p.regions()));
        byte[] w = pack(t, wScale);
        System.arraycopy(w, 0, s.memory.bytes("weights"), 0, w.length);
        System.arraycopy(q, 0, s.memory.bytes("activations"), 0, q.length);
        ByteBuffer params = ByteBuffer.wrap(s.memory.bytes("params")).order(ByteOrder.LITTLE_ENDIAN);
        params.putInt(I2sAvx2Gemv.PARAM_SUM_Q, sumQ).putFloat(I2sAvx2Gemv.PARAM_ACT_SCALE, actScale);
        byte[] consts = s.memory.bytes("consts");
        Arrays.fill(consts, 0, 32, (byte) 0x03);
        for (int i = 0; i < 16; i++) {
            consts[32 + 2 * i] = 1;
        }
        int rows = t.length;
        int[] stores = new int[1];
        new Interpreter(p, table, s).run((pc, addr, bytes, store) -> {
            if (store) {
                assertEquals(I2sAvx2Gemv.OUTPUT_BASE + 4L * stores[0]++, addr, "stores go to consecutive outputs");
                assertEquals(4, bytes);
            }
        }, 50_000_000L);
        assertEquals(rows, stores[0], "one store per row");
        ByteBuffer out = ByteBuffer.wrap(s.memory.bytes("output")).order(ByteOrder.LITTLE_ENDIAN);
        int[] bits = new int[rows];
        for (int r = 0; r < rows; r++) {
            bits[r] = out.getInt(4 * r);
        }
        return bits;
    }

    static int epilogue(long raw, int sumQ, float actScale, float wScale) {
        return Float.floatToRawIntBits(((float) raw - (float) sumQ) / actScale * wScale);
    }

    /** The exact expected outputs: raw = sum of c*q in exact integer arithmetic. */
    static int[] expected(int[][] t, byte[] q, float wScale, int sumQ, float actScale) {
        int[] bits = new int[t.length];
        for (int r = 0; r < t.length; r++) {
            long raw = 0;
            for (int k = 0; k < q.length; k++) {
                raw += (long) (t[r][k] + 1) * q[k];
            }
            bits[r] = epilogue(raw, sumQ, actScale, wScale);
        }
        return bits;
    }

    static int sum(byte[] q) {
        int s = 0;
        for (byte b : q) {
            s += b;
        }
        return s;
    }

    static int[][] fillWeights(int rows, int cols, int v) {
        int[][] t = new int[rows][cols];
        for (int[] row : t) {
            Arrays.fill(row, v);
        }
        return t;
    }

    static byte[] fillActs(int cols, int v) {
        byte[] q = new byte[cols];
        Arrays.fill(q, (byte) v);
        return q;
    }

    private static void assertExact(int rows, int cols, int groupBlocks, int[][] t, byte[] q, float wScale, float actScale,
                                    String what) {
        int sumQ = sum(q);
        int[] want = expected(t, q, wScale, sumQ, actScale);
        int[] got = run(I2sAvx2Gemv.lower(rows, cols, groupBlocks), t, q, wScale, sumQ, actScale);
        for (int r = 0; r < rows; r++) {
            assertEquals(want[r], got[r], what + " " + rows + "x" + cols + " g" + groupBlocks + " row " + r
                + ": want " + Float.intBitsToFloat(want[r]) + " got " + Float.intBitsToFloat(got[r]));
        }
    }

    @Property(tries = 24)
    void randomDataIsExact(@ForAll @IntRange(max = 3) int shape, @ForAll long seed) {
        int rows = SHAPES[shape][0];
        int cols = SHAPES[shape][1];
        Random rnd = new Random(seed);
        int[][] t = new int[rows][cols];
        for (int[] row : t) {
            for (int k = 0; k < cols; k++) {
                row[k] = rnd.nextInt(3) - 1;
            }
        }
        byte[] q = new byte[cols];
        for (int k = 0; k < cols; k++) {
            q[k] = (byte) rnd.nextInt(256);
        }
        float wScale = rnd.nextFloat() * 4 + 0.01f;
        float actScale = 127f / (rnd.nextFloat() * 10 + 1e-5f);
        assertExact(rows, cols, I2sAvx2Gemv.SAFE_GROUP_BLOCKS, t, q, wScale, actScale, "random");
        // On random data bitnet.cpp's 32-block widening does not overflow and gives the same bits.
        assertExact(rows, cols, I2sAvx2Gemv.BITNET_GROUP_BLOCKS, t, q, wScale, actScale, "random bitnet");
    }

    @Test
    void boundaryDataIsExactWithDefaultGrouping() {
        int[][] cases = {{1, 127}, {1, -128}, {-1, 127}, {-1, -128}, {0, 127}, {0, -128}, {1, 0}, {-1, -1}};
        for (int[] shape : SHAPES) {
            for (int[] c : cases) {
                int rows = shape[0];
                int cols = shape[1];
                assertExact(rows, cols, I2sAvx2Gemv.SAFE_GROUP_BLOCKS, fillWeights(rows, cols, c[0]),
                    fillActs(cols, c[1]), 0.75f, 127f / 3.5f, "t=" + c[0] + " q=" + c[1]);
            }
        }
        // Alternating extreme activations and mixed rows: one lane sees +2*127 and -2*128 in turn.
        int[][] t = new int[5][4096];
        byte[] q = new byte[4096];
        for (int k = 0; k < 4096; k++) {
            q[k] = (byte) (k % 2 == 0 ? 127 : -128);
            t[0][k] = 1;
            t[1][k] = k % 2 == 0 ? 1 : -1;
            t[2][k] = k % 2 == 0 ? -1 : 1;
            t[3][k] = (k / 128) % 2 == 0 ? 1 : 0;
            t[4][k] = -1;
        }
        assertExact(5, 4096, I2sAvx2Gemv.SAFE_GROUP_BLOCKS, t, q, 1.5f, 0.3f, "alternating");
    }

    @Test
    void allPlusOneWithAll127AtK4096() {
        int rows = 2;
        int cols = 4096;
        int[][] t = fillWeights(rows, cols, 1);
        byte[] q = fillActs(cols, 127);
        int sumQ = 127 * cols;
        float wScale = 0.5f;
        float actScale = 127f / 2.25f;
        int exact = epilogue(2L * 127 * cols, sumQ, actScale, wScale);
        int[] safe = run(I2sAvx2Gemv.lower(rows, cols), t, q, wScale, sumQ, actScale);
        int[] bitnet = run(I2sAvx2Gemv.lower(rows, cols, I2sAvx2Gemv.BITNET_GROUP_BLOCKS), t, q, wScale, sumQ, actScale);
        for (int r = 0; r < rows; r++) {
            assertEquals(exact, safe[r]);
            assertNotEquals(exact, bitnet[r]);
            // Each int16 lane collects 32 blocks * 2032 = 65024, which wraps to -512; 16 lanes -> raw -8192.
            assertEquals(epilogue(-8192, sumQ, actScale, wScale), bitnet[r]);
        }
        // The most negative case (+1 weights, -128 activations) reaches exactly -32768 per lane after 16 blocks.
        byte[] neg = fillActs(cols, -128);
        assertEquals(epilogue(2L * -128 * cols, -128 * cols, actScale, wScale),
            run(I2sAvx2Gemv.lower(1, cols), fillWeights(1, cols, 1), neg, wScale, -128 * cols, actScale)[0]);
    }

    @Test
    void everyGroupingIsExactOnRandomDataAndSafeOnesOnBoundaryData() {
        Random rnd = new Random(42);
        int cols = 2560;
        int[][] t = new int[1][cols];
        byte[] q = new byte[cols];
        for (int k = 0; k < cols; k++) {
            t[0][k] = rnd.nextInt(3) - 1;
            q[k] = (byte) rnd.nextInt(256);
        }
        for (int g : new int[] {1, 2, 3, 7, 16, 19, 20, 21, 32}) {
            assertExact(1, cols, g, t, q, 1f, 1f, "random");
        }
        for (int g : new int[] {1, 5, 16}) {
            assertExact(1, cols, g, fillWeights(1, cols, 1), fillActs(cols, 127), 1f, 1f, "all +1/127");
        }
    }

    @Test
    void packerMatchesTheDocumentedLayout() {
        int[][] t = new int[1][128];
        t[0][0] = 1;   // code 2 -> bits 7:6
        t[0][32] = 0;  // code 1 -> bits 5:4
        t[0][64] = -1; // code 0 -> bits 3:2
        t[0][96] = 1;  // code 2 -> bits 1:0
        byte[] w = pack(t, 2f);
        assertEquals((byte) 0x92, w[0]);
        assertEquals((byte) 0x55, w[1]); // all zeros -> code 1 in every field
        assertArrayEquals(new byte[] {0, 0, 0, 0x40}, Arrays.copyOfRange(w, 32, 36));
        assertEquals(64, w.length);
    }

    @Test
    void wrapAroundEmulationIsWhatMakesTheBitnetGroupingDiffer() {
        // With a (wrong) saturating vpaddw the adversarial case gives yet another value: the wrap is observable.
        SemanticsTable saturating = X86Semantics.table().withOverride("vpaddw", (in, st) -> {
            int w = in.reg(0).cls().bytes();
            byte[] a = st.readVector(in.op(1), w);
            byte[] b = st.readVector(in.op(2), w);
            byte[] r = new byte[w];
            for (int i = 0; i < w / 2; i++) {
                int v = MachineState.getShort(a, i) + MachineState.getShort(b, i);
                MachineState.putShort(r, i, Math.max(-32768, Math.min(32767, v)));
            }
            st.writeVector(in.reg(0), r);
        });
        int cols = 4096;
        int sumQ = 127 * cols;
        int[] got = run(I2sAvx2Gemv.lower(1, cols, I2sAvx2Gemv.BITNET_GROUP_BLOCKS), saturating,
            fillWeights(1, cols, 1), fillActs(cols, 127), 1f, sumQ, 1f);
        assertEquals(epilogue(16L * 32767, sumQ, 1f, 1f), got[0]);
        assertNotEquals(epilogue(-8192, sumQ, 1f, 1f), got[0]);
    }

    @Test
    void rejectsInvalidShapes() {
        assertThrows(IllegalArgumentException.class, () -> I2sAvx2Gemv.lower(1, 100));
        assertThrows(IllegalArgumentException.class, () -> I2sAvx2Gemv.lower(0, 128));
        assertThrows(IllegalArgumentException.class, () -> I2sAvx2Gemv.lower(1, 128, 0));
        assertThrows(IllegalArgumentException.class, () -> I2sAvx2Gemv.lower(1, 128, 33));
    }
}
