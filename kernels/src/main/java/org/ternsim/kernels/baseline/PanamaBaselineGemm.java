// The host-speed baseline GEMM (prefill) on the incubator Vector API; per token bit-identical to the baseline GEMV.
package org.ternsim.kernels.baseline;

import java.util.List;
import jdk.incubator.vector.IntVector;

/**
 * Baseline GEMM with the Vector API at 128, 256 or 512 bits, activation parallel (Nx1, as bitnet.cpp's GEMM).
 *
 * <p>Tiling. Every token's activations are prepared once ({@link BaselineActivations}, as the GEMV does). Weight rows
 * are taken in blocks of {@code rowBlock} (default {@value #DEFAULT_ROW_BLOCK}: a block of 2560-column rows is at most
 * 320 KiB in F32 and 42 KiB in Q6_K, so it stays in L2 while every token group passes over it); inside a block,
 * tokens go {@value #TOKENS_PER_PASS} at a time ({@link #TOKENS_PER_PASS}): each weight block is loaded and decoded
 * once (nibbles, 2-bit fields, 6-bit codes with their sub-block scales, base-3 digits, F16 to F32) and multiplied
 * against the four tokens' activations, in the bodies {@link BaselineGemmBody128}, {@link BaselineGemmBody256} and
 * {@link BaselineGemmBody512}. The last N mod 4 tokens of each row block run the GEMV's own bodies
 * ({@link BaselineBody256} etc.).
 *
 * <p>Bits. Per token the bodies keep the GEMV's arithmetic exactly: the same int16 lanes with the same products (so
 * the same overflow bounds), exact int32 block sums (integer order is free), the same {@link BlockSum} in block order,
 * the same scalar fallback for the TQ1_0 block at the end of the weight array; for F32/F16, each of the 16 canonical
 * float lanes takes the same fma chain (the lane groups of one vector are run as separate passes, which only changes
 * which chain is computed first), the same scalar tail and {@link Lanes16}. So every y[t] equals
 * {@link PanamaBaselineGemv} and {@link ScalarBaselineGemv} on token t, at every width and tiling.
 *
 * <p>Speed (BaselineGemmBench, 2560 x 2560, 128 tokens, 512 bits, one thread of a shared 2-core AVX-512 EPYC, GMAC/s,
 * GEMM vs 128 GEMVs): F32 30 vs 6, F16 28 vs 10, Q6_K 22 vs 9, TQ2_0 40 vs 34, TQ1_0 27 vs 14, Q4_0 11 vs 9, Q8_0
 * 9.5 vs 9.7. Q8_0 and Q4_0 are bound by one horizontal int reduction per 32-value block and token, at every width;
 * a transpose-add of the four tokens' block vectors (shuffles and blends instead of four reduceLanes) was slower on
 * JDK 17 and pushed the Q6_K block past C2's inlining budget (5 GMAC/s), so each token keeps its own reduceLanes.
 * The row block hardly matters (8, 32, 256 rows within 5%).
 */
public final class PanamaBaselineGemm implements BaselineGemm {

    /** Tokens that share one decode of each weight block. */
    public static final int TOKENS_PER_PASS = 4;
    /** Weight rows per block. */
    public static final int DEFAULT_ROW_BLOCK = 32;

    private final int bits;
    private final int rowBlock;

    /** Uses {@code bits}-bit vectors (128, 256 or 512) and {@link #DEFAULT_ROW_BLOCK}. */
    public PanamaBaselineGemm(int bits) {
        this(bits, DEFAULT_ROW_BLOCK);
    }

    /** Uses {@code bits}-bit vectors (128, 256 or 512) and {@code rowBlock} weight rows per block (at least 1). */
    public PanamaBaselineGemm(int bits, int rowBlock) {
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("PanamaBaselineGemm supports 128-, 256- and 512-bit species, got "
                    + bits);
        }
        if (rowBlock < 1) {
            throw new IllegalArgumentException("GEMM row block must be >= 1, got " + rowBlock);
        }
        this.bits = bits;
        this.rowBlock = rowBlock;
    }

    /** Factory that {@link org.ternsim.kernels.KernelProvider} finds reflectively; 0 means the preferred width. */
    public static BaselineGemm forBits(int bits) {
        return new PanamaBaselineGemm(bits == 0 ? Math.min(512, IntVector.SPECIES_PREFERRED.vectorBitSize()) : bits);
    }

    @Override
    public String name() {
        return "panama/" + bits + "-bit/t" + TOKENS_PER_PASS + "-r" + rowBlock;
    }

    @Override
    public void gemm(BlockTensor w, List<BlockTensor> tokens, float[][] y) {
        GemmArgs.check(w, tokens, y);
        int n = tokens.size();
        int lanes = PanamaBaselineGemv.activationLanes(bits, w.type());
        BaselineActivations[] a = new BaselineActivations[n];
        for (int t = 0; t < n; t++) {
            a[t] = BaselineActivations.of(w.type(), tokens.get(t), lanes);
        }
        for (int r0 = 0; r0 < w.rows(); r0 += rowBlock) {
            int rEnd = Math.min(w.rows(), r0 + rowBlock);
            int t = 0;
            for (; t + TOKENS_PER_PASS <= n; t += TOKENS_PER_PASS) {
                switch (bits) {
                    case 128:
                        BaselineGemmBody128.gemm4(w, r0, rEnd, a, t, y);
                        break;
                    case 256:
                        BaselineGemmBody256.gemm4(w, r0, rEnd, a, t, y);
                        break;
                    default:
                        BaselineGemmBody512.gemm4(w, r0, rEnd, a, t, y);
                }
            }
            for (; t < n; t++) {
                switch (bits) {
                    case 128:
                        BaselineBody128.gemv(w, r0, rEnd, a[t], y[t], 0);
                        break;
                    case 256:
                        BaselineBody256.gemv(w, r0, rEnd, a[t], y[t], 0);
                        break;
                    default:
                        BaselineBody512.gemv(w, r0, rEnd, a[t], y[t], 0);
                }
            }
        }
    }
}
