// Lowers llama.cpp's TQ2_0, Q4_0 and F16 GEMVs to AVX-512 programs (VNNI, zmm FMA) in the functional engine's float order.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.r32;
import static org.ternsim.isa.Reg.r64;
import static org.ternsim.isa.Reg.xmm;
import static org.ternsim.isa.Reg.ymm;
import static org.ternsim.isa.Reg.zmm;

import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.kernels.baseline.BlockFormat;

/**
 * Same regions and bytes as {@link BaselineAvx2Gemv}; the float combination of each block is the engine's BlockSum
 * there too ({@link BaselineAvx2Gemv#emitBlockSum}).
 *
 * <p>TQ2_0 (design ours: llama.cpp's ggml_vec_dot_tq2_0_q8_K has no AVX-512 path, its AVX2 path runs on AVX-512
 * machines): per 256-value block, per 32-byte half c, {@code vbroadcasti64x4} and {@code vpsrlvw} by (0 | 2) and
 * (4 | 6) with AND 3 give code planes (0 | 1) and (2 | 3), which line up with the Q8_K codes x[128 c .. 128 c + 127] as
 * they lie in memory; two {@code vpdpbusd} (u8 code x s8 activation) per half sum c*q exactly in int32 with no int16
 * stage, then the block's 16 bsums ({@code vpmovsxwd}) are subtracted (removes the +1 offset of the codes).
 *
 * <p>Q4_0: llama.cpp's AVX2 block as compiled for AVX512VNNI + AVX512VL: {@code mul_sum_us8_pairs_float} becomes
 * {@code _mm256_dpbusd_epi32(zero, |x|, sign(y, x))}, one EVEX {@code vpdpbusd ymm} instead of
 * {@code vpmaddubsw} + {@code vpmaddwd}.
 *
 * <p>F16 (ggml_vec_dot_f16, GGML_F16_EPR = 16 on AVX-512): per 16 values a {@code vcvtph2ps zmm} of the weights and
 * one of the F16 activations, and one {@code vfmadd231ps zmm}: exactly the engine's 16 lanes (value k in lane k mod
 * 16), so one accumulator chain, where ggml keeps four (its order differs from the engine's; the engine's order is
 * the reference); reduced +8 ({@code vextracti64x4}), then as the AVX2 program +4, +2, +1.
 *
 * <p>zmm registers are zeroed with VEX {@code vpxor xmm, xmm, xmm} (it clears the whole register), the idiom compilers
 * emit for {@code _mm512_setzero_si512}: every core recognises it as dependency-breaking, while LLVM 19's Znver4
 * model does not treat EVEX {@code vpxord zmm} as a zero idiom.
 */
public final class BaselineAvx512Gemv {

    private static final Reg W = r64(6);
    private static final Reg X = r64(7);
    private static final Reg Y = r64(2);
    private static final Reg ROWS = r64(8);
    private static final Reg COUNT = r64(1);
    private static final Reg TMP = r64(9);
    private static final Reg C32 = r32(11);

    private BaselineAvx512Gemv() {
    }

    public static Program lower(BlockFormat f, int rows, int cols) {
        Program.Builder b = BaselineAvx2Gemv.begin(f, rows, cols, "avx512");
        b.emit("mov", TMP, new Imm(BaselineAvx2Gemv.CONSTS_BASE));
        if (f == BlockFormat.TQ2_0) {
            b.emit("vpbroadcastd", zmm(15), Mem.at(TMP, BaselineAvx2Gemv.CONST_THREES, 4));
            shiftPair(b, zmm(13), 0, 2);
            shiftPair(b, zmm(12), 4, 6);
        } else if (f == BlockFormat.Q4_0) {
            b.emit("vmovdqu", ymm(15), Mem.at(TMP, BaselineAvx2Gemv.CONST_LOW_NIBBLE, 32));
            b.emit("vmovdqu", ymm(14), Mem.at(TMP, BaselineAvx2Gemv.CONST_EIGHTS, 32));
        }
        b.emit("mov", W, new Imm(BaselineAvx2Gemv.WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(BaselineAvx2Gemv.OUTPUT_BASE));
        b.emit("mov", ROWS, new Imm(rows));
        b.label(".Lrow");
        b.emit("mov", X, new Imm(BaselineAvx2Gemv.ACTIVATIONS_BASE));
        switch (f) {
            case TQ2_0 -> emitTq2Row(b, cols / 256);
            case Q4_0 -> emitQ4Row(b, cols / 32);
            case F16 -> emitF16Row(b, BaselineAvx2Gemv.paddedCols(f, cols) / 16);
            default -> throw new IllegalArgumentException("no AVX-512 lowering of " + f.kernelName());
        }
        b.emit("vmovss", Mem.at(Y, 0, 4), xmm(0));
        b.emit("add", Y, new Imm(4));
        b.emit("dec", ROWS);
        b.emit("jne", new Label(".Lrow"));
        return b.build();
    }

    /** {@code dst} = word shift count {@code low} in the low 256 bits, {@code high} in the high 256 bits. */
    private static void shiftPair(Program.Builder b, Reg dst, int low, int high) {
        b.emit("mov", C32, new Imm(low * 0x10001L));
        b.emit("vpbroadcastd", dst, C32);
        b.emit("mov", C32, new Imm(high * 0x10001L));
        b.emit("vpbroadcastd", ymm(16), C32);
        b.emit("vinserti64x4", dst, dst, ymm(16), new Imm(1));
    }

    private static void emitTq2Row(Program.Builder b, int blocks) {
        b.emit("vpxor", xmm(0), xmm(0), xmm(0));
        b.emit("mov", COUNT, new Imm(blocks));
        b.label(".Lblock");
        b.emit("vpxor", xmm(1), xmm(1), xmm(1));
        for (int c = 0; c < 2; c++) {
            b.emit("vbroadcasti64x4", zmm(2), Mem.at(W, 32L * c, 32));
            b.emit("vpsrlvw", zmm(3), zmm(2), zmm(13));
            b.emit("vpsrlvw", zmm(2), zmm(2), zmm(12));
            b.emit("vpandd", zmm(3), zmm(3), zmm(15));
            b.emit("vpandd", zmm(2), zmm(2), zmm(15));
            b.emit("vmovdqu8", zmm(4), Mem.at(X, 4 + 128L * c, 64));
            b.emit("vmovdqu8", zmm(5), Mem.at(X, 4 + 128L * c + 64, 64));
            b.emit("vpdpbusd", zmm(1), zmm(3), zmm(4));
            b.emit("vpdpbusd", zmm(1), zmm(2), zmm(5));
        }
        b.emit("vmovdqu", ymm(2), Mem.at(X, BaselineAvx2Gemv.Q8K_BSUMS, 32));
        b.emit("vpmovsxwd", zmm(2), ymm(2));
        b.emit("vpsubd", zmm(1), zmm(1), zmm(2));
        b.emit("vextracti64x4", ymm(2), zmm(1), new Imm(1));
        b.emit("vpaddd", ymm(1), ymm(1), ymm(2));
        BaselineAvx2Gemv.emitBlockSum(b, Mem.at(W, 64, 2), Mem.at(X, 0, 4), false);
        b.emit("add", W, new Imm(66));
        b.emit("add", X, new Imm(BaselineAvx2Gemv.Q8K_BYTES));
        b.emit("dec", COUNT);
        b.emit("jne", new Label(".Lblock"));
    }

    private static void emitQ4Row(Program.Builder b, int blocks) {
        b.emit("vpxor", xmm(0), xmm(0), xmm(0));
        b.emit("mov", COUNT, new Imm(blocks));
        b.label(".Lblock");
        BaselineAvx2Gemv.emitQ4Operands(b, W, X);
        b.emit("vpxor", ymm(1), ymm(1), ymm(1));
        b.emit("vpdpbusd", ymm(1), ymm(3), ymm(4));
        BaselineAvx2Gemv.emitBlockSum(b, Mem.at(W, 0, 2), Mem.at(X, 0, 2), true);
        b.emit("add", W, new Imm(BaselineAvx2Gemv.Q4_0_BYTES));
        b.emit("add", X, new Imm(BaselineAvx2Gemv.Q8_0_BYTES));
        b.emit("dec", COUNT);
        b.emit("jne", new Label(".Lblock"));
    }

    private static void emitF16Row(Program.Builder b, int groups) {
        b.emit("vpxor", xmm(0), xmm(0), xmm(0));
        b.emit("mov", COUNT, new Imm(groups));
        b.label(".Lgroup");
        b.emit("vcvtph2ps", zmm(2), Mem.at(W, 0, 32));
        b.emit("vcvtph2ps", zmm(3), Mem.at(X, 0, 32));
        b.emit("vfmadd231ps", zmm(0), zmm(2), zmm(3));
        b.emit("add", W, new Imm(32));
        b.emit("add", X, new Imm(32));
        b.emit("dec", COUNT);
        b.emit("jne", new Label(".Lgroup"));
        b.emit("vextracti64x4", ymm(1), zmm(0), new Imm(1));
        b.emit("vaddps", ymm(0), ymm(0), ymm(1));
        b.emit("vextracti128", xmm(1), ymm(0), new Imm(1));
        b.emit("vaddps", xmm(0), xmm(0), xmm(1));
        b.emit("vpshufd", xmm(1), xmm(0), new Imm(0x0E));
        b.emit("vaddps", xmm(0), xmm(0), xmm(1));
        b.emit("vpshufd", xmm(1), xmm(0), new Imm(0x01));
        b.emit("vaddss", xmm(0), xmm(0), xmm(1));
    }
}
