// Lowers the W1.58A16 GEMV (ternary I2_S weights x F16/BF16 activations, float accumulation) to a NEON program.
package org.ternsim.isa.lower;

import static org.ternsim.isa.arm.ArmRegs.q;
import static org.ternsim.isa.arm.ArmRegs.s;
import static org.ternsim.isa.arm.ArmRegs.v;
import static org.ternsim.isa.arm.ArmRegs.x;

import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.isa.arm.ArmSemantics;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.gemv.A16Format;

/**
 * The engine's contract (TernaryA16Gemv): lane L = k mod 16 accumulates fma(t_k, x_k, acc) in increasing k from +0,
 * the lanes meet in the canonical tree, y = sum * w_scale, a NaN y becomes the canonical quiet NaN.
 *
 * <p>Once per call the token's K activations are converted to floats into a scratch buffer: {@code fcvtl}/
 * {@code fcvtl2} for F16 (exact; a signalling NaN is quietened, and NaN outputs are canonical anyway), {@code shll}
 * by 16 for BF16 (a bfloat16 is a float's upper half). Converting per row instead would cost M times more.
 *
 * <p>Per 64-value ARM I2_S block: one 16-byte load of packed weights, {@code ushr}/{@code and} into four code planes
 * (as the I2_S NEON kernel), then per plane of 16 codes the float trits by table: t as a float is a bfloat16 (low 16
 * bits zero), so two {@code tbl} give its high and low bytes (code 0, 1, 2, 3 -> 0xBF80, 0, 0x3F80, 0x4000, i.e.
 * t = c - 1 for every code, as the engine computes it), {@code zip1}/{@code zip2} pair them into eight bfloat16 each
 * and {@code shll}/{@code shll2} #16 widen them to floats; four {@code fmla} into v0..v3 (lanes 0-3 .. 12-15) follow.
 * This costs 8 SIMD ops per 16 weights where sxtl/sxtl/scvtf costs 10, four of them 2-uop V0-only converts on N2.
 * fma rather than fadd of a sign-flipped x is what the contract needs: 0 x inf is NaN, and -0 sums follow IEEE.
 *
 * <p>The row's lanes meet in the canonical tree ({@code fadd}, {@code ext}); {@code fmul} by w_scale, then
 * {@code fcmeq}/{@code bsl} replace a NaN by the canonical NaN, as CanonicalSum.output does.
 */
public final class TernaryA16NeonGemv {

    public static final long WEIGHTS_BASE = I2sAvx2Gemv.WEIGHTS_BASE;
    public static final long ACTIVATIONS_BASE = I2sAvx2Gemv.ACTIVATIONS_BASE;
    public static final long CONSTS_BASE = 0x3_0002_0000L;
    public static final long OUTPUT_BASE = I2sAvx2Gemv.OUTPUT_BASE;
    public static final long FLOATS_BASE = 0x5_0000_0000L;
    /** Constants: the high-byte table, the low-byte table, the canonical NaN. */
    static final int CONST_HIGH = 0;
    static final int CONST_LOW = 16;
    static final int CONST_NAN = 32;
    static final byte[] HIGH_BYTES = {(byte) 0xBF, 0x00, 0x3F, 0x40};
    static final byte[] LOW_BYTES = {(byte) 0x80, 0x00, (byte) 0x80, 0x00};

    private static final Reg W = x(0);
    private static final Reg X = x(1);
    private static final Reg Y = x(2);
    private static final Reg ROWS = x(3);
    private static final Reg COUNT = x(5);
    private static final Reg SRC = x(6);
    private static final Reg DST = x(7);
    private static final int MASK = 31;
    private static final int HIGH = 29;
    private static final int LOW = 28;
    private static final int NAN = 27;
    private static final int W_SCALE = 26;

    private TernaryA16NeonGemv() {
    }

    public static Program lower(A16Format format, int rows, int cols) {
        I2sLayout.ARM_64.checkCols(cols);
        long packedBytes = (long) rows * cols / 4;
        if (packedBytes + I2sWeights.TAIL_BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + "x" + cols + " is too large to execute functionally");
        }
        String name = "ternary-a16/" + ArmSemantics.NEON + " gemv " + rows + "x" + cols + " "
            + format.name().toLowerCase(java.util.Locale.ROOT);
        Program.Builder b = new Program.Builder(name, ArmSemantics.NEON);
        b.region(new Region("weights", WEIGHTS_BASE, (int) packedBytes + I2sWeights.TAIL_BYTES, Region.Role.INPUT));
        b.region(new Region("activations", ACTIVATIONS_BASE, 2 * cols, Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, 48, Region.Role.CONSTANT));
        b.region(new Region("output", OUTPUT_BASE, rows * 4, Region.Role.OUTPUT));
        // Written and read by the program (declared after "output": the first OUTPUT region holds the results).
        b.region(new Region("floats", FLOATS_BASE, 4 * cols, Region.Role.OUTPUT));

        emitConversion(b, format, cols);
        A64Imm.mov(b, SRC, CONSTS_BASE);
        b.emit("ldr", q(HIGH), new Mem(SRC, null, 1, CONST_HIGH, 16));
        b.emit("ldr", q(LOW), new Mem(SRC, null, 1, CONST_LOW, 16));
        b.emit("ldr", q(NAN), new Mem(SRC, null, 1, CONST_NAN, 16));
        A64Imm.mov(b, W, WEIGHTS_BASE);
        A64Imm.add(b, SRC, W, packedBytes);  // the weight scale follows the packed codes
        b.emit("ldr", s(W_SCALE), new Mem(SRC, null, 1, 0, 4));
        b.emit("movi", v(MASK, "16b"), new Imm(3));
        A64Imm.mov(b, Y, OUTPUT_BASE);
        A64Imm.mov(b, ROWS, rows);

        b.label(".Lrow");
        for (int a = 0; a < 4; a++) {
            b.emit("movi", v(a, "16b"), new Imm(0));
        }
        A64Imm.mov(b, X, FLOATS_BASE);
        A64Imm.mov(b, COUNT, cols / 64);
        b.label(".Lblock");
        emitBlock(b);
        b.emit("subs", COUNT, COUNT, new Imm(1));
        b.emit("b.ne", new Label(".Lblock"));
        BaselineNeonGemv.emitLaneTree(b, 0, 1);
        b.emit("fmul", s(0), s(0), s(W_SCALE));
        b.emit("fcmeq", v(1, "4s"), v(0, "4s"), v(0, "4s"));
        b.emit("bsl", v(1, "16b"), v(0, "16b"), v(NAN, "16b"));
        b.emit("str", s(1), new Mem(Y, null, 1, 0, 4), new Imm(4));
        b.emit("subs", ROWS, ROWS, new Imm(1));
        b.emit("b.ne", new Label(".Lrow"));
        return b.build();
    }

    /** K 16-bit activations to K floats in the scratch buffer, 16 per iteration. */
    private static void emitConversion(Program.Builder b, A16Format format, int cols) {
        A64Imm.mov(b, SRC, ACTIVATIONS_BASE);
        A64Imm.mov(b, DST, FLOATS_BASE);
        A64Imm.mov(b, COUNT, cols / 16);
        b.label(".Lconvert");
        b.emit("ld1", v(16, "16b"), v(17, "16b"), new Mem(SRC, null, 1, 0, 32), new Imm(32));
        for (int k = 0; k < 2; k++) {
            if (format == A16Format.F16) {
                b.emit("fcvtl", v(18 + 2 * k, "4s"), v(16 + k, "4h"));
                b.emit("fcvtl2", v(19 + 2 * k, "4s"), v(16 + k, "8h"));
            } else {
                b.emit("shll", v(18 + 2 * k, "4s"), v(16 + k, "4h"), new Imm(16));
                b.emit("shll2", v(19 + 2 * k, "4s"), v(16 + k, "8h"), new Imm(16));
            }
        }
        b.emit("st1", v(18, "4s"), v(19, "4s"), v(20, "4s"), v(21, "4s"), new Mem(DST, null, 1, 0, 64), new Imm(64));
        b.emit("subs", COUNT, COUNT, new Imm(1));
        b.emit("b.ne", new Label(".Lconvert"));
    }

    /** One 64-value block: planes v16 (bits 1:0) .. v19 (bits 7:6); values 16j.. use v(19 - j). */
    private static void emitBlock(Program.Builder b) {
        b.emit("ld1", v(16, "16b"), new Mem(W, null, 1, 0, 16), new Imm(16));
        b.emit("ushr", v(17, "16b"), v(16, "16b"), new Imm(2));
        b.emit("ushr", v(18, "16b"), v(16, "16b"), new Imm(4));
        b.emit("ushr", v(19, "16b"), v(16, "16b"), new Imm(6));
        for (int k = 0; k < 3; k++) {
            b.emit("and", v(16 + k, "16b"), v(16 + k, "16b"), v(MASK, "16b"));
        }
        for (int j = 0; j < 4; j++) {
            Reg plane = v(19 - j, "16b");
            b.emit("tbl", v(20, "16b"), v(HIGH, "16b"), plane);
            b.emit("tbl", v(21, "16b"), v(LOW, "16b"), plane);
            b.emit("zip1", v(22, "16b"), v(21, "16b"), v(20, "16b"));
            b.emit("zip2", v(23, "16b"), v(21, "16b"), v(20, "16b"));
            int[] t = {24, 25, 12, 13};
            b.emit("shll", v(t[0], "4s"), v(22, "4h"), new Imm(16));
            b.emit("shll2", v(t[1], "4s"), v(22, "8h"), new Imm(16));
            b.emit("shll", v(t[2], "4s"), v(23, "4h"), new Imm(16));
            b.emit("shll2", v(t[3], "4s"), v(23, "8h"), new Imm(16));
            b.emit("ld1", v(4, "16b"), v(5, "16b"), v(6, "16b"), v(7, "16b"), new Mem(X, null, 1, 0, 64), new Imm(64));
            for (int a = 0; a < 4; a++) {
                b.emit("fmla", v(a, "4s"), v(t[a], "4s"), v(4 + a, "4s"));
            }
        }
    }

    /** Weights, raw 16-bit activations (little-endian) and the constants in the program's regions. */
    public static void bind(Memory memory, I2sWeights weights, A16Activations activations) {
        if (weights.layout() != I2sLayout.ARM_64) {
            throw new IllegalArgumentException("the NEON program reads the ARM 64-value I2_S layout, got " + weights.layout());
        }
        byte[] wb = memory.bytes("weights");
        byte[] xb = memory.bytes("activations");
        if (weights.data().length != wb.length || 2 * activations.bits().length != xb.length) {
            throw new IllegalArgumentException("data shape does not match the program's regions");
        }
        System.arraycopy(weights.data(), 0, wb, 0, wb.length);
        for (int k = 0; k < activations.bits().length; k++) {
            MachineState.putShort(xb, k, activations.bits()[k]);
        }
        byte[] consts = memory.bytes("consts");
        System.arraycopy(HIGH_BYTES, 0, consts, CONST_HIGH, HIGH_BYTES.length);
        System.arraycopy(LOW_BYTES, 0, consts, CONST_LOW, LOW_BYTES.length);
        MachineState.putInt(consts, CONST_NAN / 4, Float.floatToRawIntBits(Float.NaN));
    }
}
