// The W1.58A16 GEMM on the incubator Vector API, activation parallel, in the canonical 16-lane float order.
package org.ternsim.kernels.gemm;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.gemv.CanonicalSum;
import org.ternsim.kernels.gemv.PanamaTernaryA16Gemv;

/**
 * {@link TernaryA16Gemm} with the Vector API at 128, 256 or 512 bits. Every token is converted to float once; per
 * {@link GemmTiling} block each 16-trit step of a weight row is unpacked once and fused-multiply-added into the lane
 * sums of {@code parallel} tokens (bitnet.cpp {@code _Nx1}, kernels.md §2.5). Each token's lanes see the same operations
 * in the same order as in {@link PanamaTernaryA16Gemv}, so every output equals the GEMV's bit for bit.
 */
public final class PanamaTernaryA16Gemm implements TernaryA16Gemm {

    private static final VectorSpecies<Float> F128 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Float> F256 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;
    private final PanamaTernaryA16Gemv gemv;
    private final int bits;
    private final GemmTiling tiling;

    /** Uses the given float species (128, 256 or 512 bits) and tiling. */
    public PanamaTernaryA16Gemm(VectorSpecies<Float> species, GemmTiling tiling) {
        this.gemv = new PanamaTernaryA16Gemv(species);
        this.bits = species.vectorBitSize();
        this.tiling = java.util.Objects.requireNonNull(tiling, "tiling");
    }

    /** Factory that {@link org.ternsim.kernels.KernelProvider} finds; 0 = preferred width, x86 tiling. */
    public static TernaryA16Gemm forBits(int bits) {
        return new PanamaTernaryA16Gemm(bits == 0 ? FloatVector.SPECIES_PREFERRED
                : VectorSpecies.of(float.class, VectorShape.forBitSize(bits)), GemmTiling.X86_DEFAULT);
    }

    @Override
    public String name() {
        return "panama/" + bits + "-bit/nx1-" + tiling.rowBlock() + "x" + tiling.colBlock() + "x" + tiling.parallel();
    }

    @Override
    public void gemm(I2sWeights w, A16Activations[] tokens, float[][] y) {
        int n = tokens.length;
        GemmArgs.check(w, n, ScalarTernaryA16Gemm.lengths(tokens), y);
        float[][] xs = new float[n][];
        for (int t = 0; t < n; t++) {
            xs[t] = tokens[t].toFloats();
        }
        int blocks = w.cols() / w.layout().blockSize();
        int blockBytes = w.layout().bytesPerBlock();
        float[] lanes = new float[8 * CanonicalSum.LANES];
        for (int r0 = 0; r0 < w.rows(); r0 += tiling.colBlock()) {
            int rEnd = Math.min(w.rows(), r0 + tiling.colBlock());
            for (int t0 = 0; t0 < n; t0 += tiling.rowBlock()) {
                int tEnd = Math.min(n, t0 + tiling.rowBlock());
                for (int row = r0; row < rEnd; row++) {
                    int start = row * w.rowBytes();
                    int t = t0;
                    int p = tiling.parallel();
                    if (p > 1) {
                        for (; t + p <= tEnd; t += p) {
                            tokens(p, w.data(), start, blocks, blockBytes, xs, t, lanes);
                            for (int i = 0; i < p; i++) {
                                float sum = CanonicalSum.tree(lanes, i * CanonicalSum.LANES);
                                y[t + i][row] = CanonicalSum.output(sum, w.scale());
                            }
                        }
                    }
                    for (; t < tEnd; t++) {
                        y[t][row] = CanonicalSum.output(gemv.rowSum(w, row, xs[t], lanes), w.scale());
                    }
                }
            }
        }
    }

    private void tokens(int p, byte[] data, int start, int blocks, int blockBytes, float[][] xs, int t,
            float[] lanes) {
        switch (bits * 10 + p) {
            case 1284:
                tokens4Body128(data, start, blocks, blockBytes, xs, t, lanes);
                break;
            case 1288:
                tokens8Body128(data, start, blocks, blockBytes, xs, t, lanes);
                break;
            case 2564:
                tokens4Body256(data, start, blocks, blockBytes, xs, t, lanes);
                break;
            case 2568:
                tokens8Body256(data, start, blocks, blockBytes, xs, t, lanes);
                break;
            case 5124:
                tokens4Body512(data, start, blocks, blockBytes, xs, t, lanes);
                break;
            default:
                tokens8Body512(data, start, blocks, blockBytes, xs, t, lanes);
                break;
        }
    }

    /** Lane sums of the row at byte {@code start} against tokens t .. t+3: one trit unpack serves 4 tokens. */
    private static void tokens4Body512(byte[] data, int start, int blocks, int blockBytes, float[][] xs, int t,
            float[] lanes) {
        float[] x0 = xs[t + 0];
        float[] x1 = xs[t + 1];
        float[] x2 = xs[t + 2];
        float[] x3 = xs[t + 3];
        FloatVector r0p0 = FloatVector.zero(F512);
        FloatVector r1p0 = FloatVector.zero(F512);
        FloatVector r2p0 = FloatVector.zero(F512);
        FloatVector r3p0 = FloatVector.zero(F512);
        int byteShift = Integer.numberOfTrailingZeros(blockBytes);
        int blockShift = byteShift + 2;
        int cols = blocks << blockShift;
        for (int k = 0; k < cols; k += 16) {
            int inBlock = k & ((1 << blockShift) - 1);
            int off = start + (k >> blockShift) * blockBytes + (inBlock & (blockBytes - 1));
            int shift = 6 - 2 * (inBlock >> byteShift);
            ByteVector tb = PanamaTernaryA16Gemv.trits16(data, off, shift);
            FloatVector w0 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F512, 0));
            r0p0 = w0.fma(FloatVector.fromArray(F512, x0, k + 0), r0p0);
            r1p0 = w0.fma(FloatVector.fromArray(F512, x1, k + 0), r1p0);
            r2p0 = w0.fma(FloatVector.fromArray(F512, x2, k + 0), r2p0);
            r3p0 = w0.fma(FloatVector.fromArray(F512, x3, k + 0), r3p0);
        }
        r0p0.intoArray(lanes, 0);
        r1p0.intoArray(lanes, 16);
        r2p0.intoArray(lanes, 32);
        r3p0.intoArray(lanes, 48);
    }

    /** Lane sums of the row at byte {@code start} against tokens t .. t+7: one trit unpack serves 8 tokens. */
    private static void tokens8Body512(byte[] data, int start, int blocks, int blockBytes, float[][] xs, int t,
            float[] lanes) {
        float[] x0 = xs[t + 0];
        float[] x1 = xs[t + 1];
        float[] x2 = xs[t + 2];
        float[] x3 = xs[t + 3];
        float[] x4 = xs[t + 4];
        float[] x5 = xs[t + 5];
        float[] x6 = xs[t + 6];
        float[] x7 = xs[t + 7];
        FloatVector r0p0 = FloatVector.zero(F512);
        FloatVector r1p0 = FloatVector.zero(F512);
        FloatVector r2p0 = FloatVector.zero(F512);
        FloatVector r3p0 = FloatVector.zero(F512);
        FloatVector r4p0 = FloatVector.zero(F512);
        FloatVector r5p0 = FloatVector.zero(F512);
        FloatVector r6p0 = FloatVector.zero(F512);
        FloatVector r7p0 = FloatVector.zero(F512);
        int byteShift = Integer.numberOfTrailingZeros(blockBytes);
        int blockShift = byteShift + 2;
        int cols = blocks << blockShift;
        for (int k = 0; k < cols; k += 16) {
            int inBlock = k & ((1 << blockShift) - 1);
            int off = start + (k >> blockShift) * blockBytes + (inBlock & (blockBytes - 1));
            int shift = 6 - 2 * (inBlock >> byteShift);
            ByteVector tb = PanamaTernaryA16Gemv.trits16(data, off, shift);
            FloatVector w0 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F512, 0));
            r0p0 = w0.fma(FloatVector.fromArray(F512, x0, k + 0), r0p0);
            r1p0 = w0.fma(FloatVector.fromArray(F512, x1, k + 0), r1p0);
            r2p0 = w0.fma(FloatVector.fromArray(F512, x2, k + 0), r2p0);
            r3p0 = w0.fma(FloatVector.fromArray(F512, x3, k + 0), r3p0);
            r4p0 = w0.fma(FloatVector.fromArray(F512, x4, k + 0), r4p0);
            r5p0 = w0.fma(FloatVector.fromArray(F512, x5, k + 0), r5p0);
            r6p0 = w0.fma(FloatVector.fromArray(F512, x6, k + 0), r6p0);
            r7p0 = w0.fma(FloatVector.fromArray(F512, x7, k + 0), r7p0);
        }
        r0p0.intoArray(lanes, 0);
        r1p0.intoArray(lanes, 16);
        r2p0.intoArray(lanes, 32);
        r3p0.intoArray(lanes, 48);
        r4p0.intoArray(lanes, 64);
        r5p0.intoArray(lanes, 80);
        r6p0.intoArray(lanes, 96);
        r7p0.intoArray(lanes, 112);
    }

    /** Lane sums of the row at byte {@code start} against tokens t .. t+3: one trit unpack serves 4 tokens. */
    private static void tokens4Body256(byte[] data, int start, int blocks, int blockBytes, float[][] xs, int t,
            float[] lanes) {
        float[] x0 = xs[t + 0];
        float[] x1 = xs[t + 1];
        float[] x2 = xs[t + 2];
        float[] x3 = xs[t + 3];
        FloatVector r0p0 = FloatVector.zero(F256);
        FloatVector r0p1 = FloatVector.zero(F256);
        FloatVector r1p0 = FloatVector.zero(F256);
        FloatVector r1p1 = FloatVector.zero(F256);
        FloatVector r2p0 = FloatVector.zero(F256);
        FloatVector r2p1 = FloatVector.zero(F256);
        FloatVector r3p0 = FloatVector.zero(F256);
        FloatVector r3p1 = FloatVector.zero(F256);
        int byteShift = Integer.numberOfTrailingZeros(blockBytes);
        int blockShift = byteShift + 2;
        int cols = blocks << blockShift;
        for (int k = 0; k < cols; k += 16) {
            int inBlock = k & ((1 << blockShift) - 1);
            int off = start + (k >> blockShift) * blockBytes + (inBlock & (blockBytes - 1));
            int shift = 6 - 2 * (inBlock >> byteShift);
            ByteVector tb = PanamaTernaryA16Gemv.trits16(data, off, shift);
            FloatVector w0 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F256, 0));
            FloatVector w1 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F256, 1));
            r0p0 = w0.fma(FloatVector.fromArray(F256, x0, k + 0), r0p0);
            r0p1 = w1.fma(FloatVector.fromArray(F256, x0, k + 8), r0p1);
            r1p0 = w0.fma(FloatVector.fromArray(F256, x1, k + 0), r1p0);
            r1p1 = w1.fma(FloatVector.fromArray(F256, x1, k + 8), r1p1);
            r2p0 = w0.fma(FloatVector.fromArray(F256, x2, k + 0), r2p0);
            r2p1 = w1.fma(FloatVector.fromArray(F256, x2, k + 8), r2p1);
            r3p0 = w0.fma(FloatVector.fromArray(F256, x3, k + 0), r3p0);
            r3p1 = w1.fma(FloatVector.fromArray(F256, x3, k + 8), r3p1);
        }
        r0p0.intoArray(lanes, 0);
        r0p1.intoArray(lanes, 8);
        r1p0.intoArray(lanes, 16);
        r1p1.intoArray(lanes, 24);
        r2p0.intoArray(lanes, 32);
        r2p1.intoArray(lanes, 40);
        r3p0.intoArray(lanes, 48);
        r3p1.intoArray(lanes, 56);
    }

    /** Lane sums of the row at byte {@code start} against tokens t .. t+7: one trit unpack serves 8 tokens. */
    private static void tokens8Body256(byte[] data, int start, int blocks, int blockBytes, float[][] xs, int t,
            float[] lanes) {
        float[] x0 = xs[t + 0];
        float[] x1 = xs[t + 1];
        float[] x2 = xs[t + 2];
        float[] x3 = xs[t + 3];
        float[] x4 = xs[t + 4];
        float[] x5 = xs[t + 5];
        float[] x6 = xs[t + 6];
        float[] x7 = xs[t + 7];
        FloatVector r0p0 = FloatVector.zero(F256);
        FloatVector r0p1 = FloatVector.zero(F256);
        FloatVector r1p0 = FloatVector.zero(F256);
        FloatVector r1p1 = FloatVector.zero(F256);
        FloatVector r2p0 = FloatVector.zero(F256);
        FloatVector r2p1 = FloatVector.zero(F256);
        FloatVector r3p0 = FloatVector.zero(F256);
        FloatVector r3p1 = FloatVector.zero(F256);
        FloatVector r4p0 = FloatVector.zero(F256);
        FloatVector r4p1 = FloatVector.zero(F256);
        FloatVector r5p0 = FloatVector.zero(F256);
        FloatVector r5p1 = FloatVector.zero(F256);
        FloatVector r6p0 = FloatVector.zero(F256);
        FloatVector r6p1 = FloatVector.zero(F256);
        FloatVector r7p0 = FloatVector.zero(F256);
        FloatVector r7p1 = FloatVector.zero(F256);
        int byteShift = Integer.numberOfTrailingZeros(blockBytes);
        int blockShift = byteShift + 2;
        int cols = blocks << blockShift;
        for (int k = 0; k < cols; k += 16) {
            int inBlock = k & ((1 << blockShift) - 1);
            int off = start + (k >> blockShift) * blockBytes + (inBlock & (blockBytes - 1));
            int shift = 6 - 2 * (inBlock >> byteShift);
            ByteVector tb = PanamaTernaryA16Gemv.trits16(data, off, shift);
            FloatVector w0 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F256, 0));
            FloatVector w1 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F256, 1));
            r0p0 = w0.fma(FloatVector.fromArray(F256, x0, k + 0), r0p0);
            r0p1 = w1.fma(FloatVector.fromArray(F256, x0, k + 8), r0p1);
            r1p0 = w0.fma(FloatVector.fromArray(F256, x1, k + 0), r1p0);
            r1p1 = w1.fma(FloatVector.fromArray(F256, x1, k + 8), r1p1);
            r2p0 = w0.fma(FloatVector.fromArray(F256, x2, k + 0), r2p0);
            r2p1 = w1.fma(FloatVector.fromArray(F256, x2, k + 8), r2p1);
            r3p0 = w0.fma(FloatVector.fromArray(F256, x3, k + 0), r3p0);
            r3p1 = w1.fma(FloatVector.fromArray(F256, x3, k + 8), r3p1);
            r4p0 = w0.fma(FloatVector.fromArray(F256, x4, k + 0), r4p0);
            r4p1 = w1.fma(FloatVector.fromArray(F256, x4, k + 8), r4p1);
            r5p0 = w0.fma(FloatVector.fromArray(F256, x5, k + 0), r5p0);
            r5p1 = w1.fma(FloatVector.fromArray(F256, x5, k + 8), r5p1);
            r6p0 = w0.fma(FloatVector.fromArray(F256, x6, k + 0), r6p0);
            r6p1 = w1.fma(FloatVector.fromArray(F256, x6, k + 8), r6p1);
            r7p0 = w0.fma(FloatVector.fromArray(F256, x7, k + 0), r7p0);
            r7p1 = w1.fma(FloatVector.fromArray(F256, x7, k + 8), r7p1);
        }
        r0p0.intoArray(lanes, 0);
        r0p1.intoArray(lanes, 8);
        r1p0.intoArray(lanes, 16);
        r1p1.intoArray(lanes, 24);
        r2p0.intoArray(lanes, 32);
        r2p1.intoArray(lanes, 40);
        r3p0.intoArray(lanes, 48);
        r3p1.intoArray(lanes, 56);
        r4p0.intoArray(lanes, 64);
        r4p1.intoArray(lanes, 72);
        r5p0.intoArray(lanes, 80);
        r5p1.intoArray(lanes, 88);
        r6p0.intoArray(lanes, 96);
        r6p1.intoArray(lanes, 104);
        r7p0.intoArray(lanes, 112);
        r7p1.intoArray(lanes, 120);
    }

    /** Lane sums of the row at byte {@code start} against tokens t .. t+3: one trit unpack serves 4 tokens. */
    private static void tokens4Body128(byte[] data, int start, int blocks, int blockBytes, float[][] xs, int t,
            float[] lanes) {
        float[] x0 = xs[t + 0];
        float[] x1 = xs[t + 1];
        float[] x2 = xs[t + 2];
        float[] x3 = xs[t + 3];
        FloatVector r0p0 = FloatVector.zero(F128);
        FloatVector r0p1 = FloatVector.zero(F128);
        FloatVector r0p2 = FloatVector.zero(F128);
        FloatVector r0p3 = FloatVector.zero(F128);
        FloatVector r1p0 = FloatVector.zero(F128);
        FloatVector r1p1 = FloatVector.zero(F128);
        FloatVector r1p2 = FloatVector.zero(F128);
        FloatVector r1p3 = FloatVector.zero(F128);
        FloatVector r2p0 = FloatVector.zero(F128);
        FloatVector r2p1 = FloatVector.zero(F128);
        FloatVector r2p2 = FloatVector.zero(F128);
        FloatVector r2p3 = FloatVector.zero(F128);
        FloatVector r3p0 = FloatVector.zero(F128);
        FloatVector r3p1 = FloatVector.zero(F128);
        FloatVector r3p2 = FloatVector.zero(F128);
        FloatVector r3p3 = FloatVector.zero(F128);
        int byteShift = Integer.numberOfTrailingZeros(blockBytes);
        int blockShift = byteShift + 2;
        int cols = blocks << blockShift;
        for (int k = 0; k < cols; k += 16) {
            int inBlock = k & ((1 << blockShift) - 1);
            int off = start + (k >> blockShift) * blockBytes + (inBlock & (blockBytes - 1));
            int shift = 6 - 2 * (inBlock >> byteShift);
            ByteVector tb = PanamaTernaryA16Gemv.trits16(data, off, shift);
            FloatVector w0 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F128, 0));
            FloatVector w1 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F128, 1));
            FloatVector w2 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F128, 2));
            FloatVector w3 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F128, 3));
            r0p0 = w0.fma(FloatVector.fromArray(F128, x0, k + 0), r0p0);
            r0p1 = w1.fma(FloatVector.fromArray(F128, x0, k + 4), r0p1);
            r0p2 = w2.fma(FloatVector.fromArray(F128, x0, k + 8), r0p2);
            r0p3 = w3.fma(FloatVector.fromArray(F128, x0, k + 12), r0p3);
            r1p0 = w0.fma(FloatVector.fromArray(F128, x1, k + 0), r1p0);
            r1p1 = w1.fma(FloatVector.fromArray(F128, x1, k + 4), r1p1);
            r1p2 = w2.fma(FloatVector.fromArray(F128, x1, k + 8), r1p2);
            r1p3 = w3.fma(FloatVector.fromArray(F128, x1, k + 12), r1p3);
            r2p0 = w0.fma(FloatVector.fromArray(F128, x2, k + 0), r2p0);
            r2p1 = w1.fma(FloatVector.fromArray(F128, x2, k + 4), r2p1);
            r2p2 = w2.fma(FloatVector.fromArray(F128, x2, k + 8), r2p2);
            r2p3 = w3.fma(FloatVector.fromArray(F128, x2, k + 12), r2p3);
            r3p0 = w0.fma(FloatVector.fromArray(F128, x3, k + 0), r3p0);
            r3p1 = w1.fma(FloatVector.fromArray(F128, x3, k + 4), r3p1);
            r3p2 = w2.fma(FloatVector.fromArray(F128, x3, k + 8), r3p2);
            r3p3 = w3.fma(FloatVector.fromArray(F128, x3, k + 12), r3p3);
        }
        r0p0.intoArray(lanes, 0);
        r0p1.intoArray(lanes, 4);
        r0p2.intoArray(lanes, 8);
        r0p3.intoArray(lanes, 12);
        r1p0.intoArray(lanes, 16);
        r1p1.intoArray(lanes, 20);
        r1p2.intoArray(lanes, 24);
        r1p3.intoArray(lanes, 28);
        r2p0.intoArray(lanes, 32);
        r2p1.intoArray(lanes, 36);
        r2p2.intoArray(lanes, 40);
        r2p3.intoArray(lanes, 44);
        r3p0.intoArray(lanes, 48);
        r3p1.intoArray(lanes, 52);
        r3p2.intoArray(lanes, 56);
        r3p3.intoArray(lanes, 60);
    }

    /** Lane sums of the row at byte {@code start} against tokens t .. t+7: one trit unpack serves 8 tokens. */
    private static void tokens8Body128(byte[] data, int start, int blocks, int blockBytes, float[][] xs, int t,
            float[] lanes) {
        float[] x0 = xs[t + 0];
        float[] x1 = xs[t + 1];
        float[] x2 = xs[t + 2];
        float[] x3 = xs[t + 3];
        float[] x4 = xs[t + 4];
        float[] x5 = xs[t + 5];
        float[] x6 = xs[t + 6];
        float[] x7 = xs[t + 7];
        FloatVector r0p0 = FloatVector.zero(F128);
        FloatVector r0p1 = FloatVector.zero(F128);
        FloatVector r0p2 = FloatVector.zero(F128);
        FloatVector r0p3 = FloatVector.zero(F128);
        FloatVector r1p0 = FloatVector.zero(F128);
        FloatVector r1p1 = FloatVector.zero(F128);
        FloatVector r1p2 = FloatVector.zero(F128);
        FloatVector r1p3 = FloatVector.zero(F128);
        FloatVector r2p0 = FloatVector.zero(F128);
        FloatVector r2p1 = FloatVector.zero(F128);
        FloatVector r2p2 = FloatVector.zero(F128);
        FloatVector r2p3 = FloatVector.zero(F128);
        FloatVector r3p0 = FloatVector.zero(F128);
        FloatVector r3p1 = FloatVector.zero(F128);
        FloatVector r3p2 = FloatVector.zero(F128);
        FloatVector r3p3 = FloatVector.zero(F128);
        FloatVector r4p0 = FloatVector.zero(F128);
        FloatVector r4p1 = FloatVector.zero(F128);
        FloatVector r4p2 = FloatVector.zero(F128);
        FloatVector r4p3 = FloatVector.zero(F128);
        FloatVector r5p0 = FloatVector.zero(F128);
        FloatVector r5p1 = FloatVector.zero(F128);
        FloatVector r5p2 = FloatVector.zero(F128);
        FloatVector r5p3 = FloatVector.zero(F128);
        FloatVector r6p0 = FloatVector.zero(F128);
        FloatVector r6p1 = FloatVector.zero(F128);
        FloatVector r6p2 = FloatVector.zero(F128);
        FloatVector r6p3 = FloatVector.zero(F128);
        FloatVector r7p0 = FloatVector.zero(F128);
        FloatVector r7p1 = FloatVector.zero(F128);
        FloatVector r7p2 = FloatVector.zero(F128);
        FloatVector r7p3 = FloatVector.zero(F128);
        int byteShift = Integer.numberOfTrailingZeros(blockBytes);
        int blockShift = byteShift + 2;
        int cols = blocks << blockShift;
        for (int k = 0; k < cols; k += 16) {
            int inBlock = k & ((1 << blockShift) - 1);
            int off = start + (k >> blockShift) * blockBytes + (inBlock & (blockBytes - 1));
            int shift = 6 - 2 * (inBlock >> byteShift);
            ByteVector tb = PanamaTernaryA16Gemv.trits16(data, off, shift);
            FloatVector w0 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F128, 0));
            FloatVector w1 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F128, 1));
            FloatVector w2 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F128, 2));
            FloatVector w3 = ((FloatVector) tb.convertShape(VectorOperators.B2F, F128, 3));
            r0p0 = w0.fma(FloatVector.fromArray(F128, x0, k + 0), r0p0);
            r0p1 = w1.fma(FloatVector.fromArray(F128, x0, k + 4), r0p1);
            r0p2 = w2.fma(FloatVector.fromArray(F128, x0, k + 8), r0p2);
            r0p3 = w3.fma(FloatVector.fromArray(F128, x0, k + 12), r0p3);
            r1p0 = w0.fma(FloatVector.fromArray(F128, x1, k + 0), r1p0);
            r1p1 = w1.fma(FloatVector.fromArray(F128, x1, k + 4), r1p1);
            r1p2 = w2.fma(FloatVector.fromArray(F128, x1, k + 8), r1p2);
            r1p3 = w3.fma(FloatVector.fromArray(F128, x1, k + 12), r1p3);
            r2p0 = w0.fma(FloatVector.fromArray(F128, x2, k + 0), r2p0);
            r2p1 = w1.fma(FloatVector.fromArray(F128, x2, k + 4), r2p1);
            r2p2 = w2.fma(FloatVector.fromArray(F128, x2, k + 8), r2p2);
            r2p3 = w3.fma(FloatVector.fromArray(F128, x2, k + 12), r2p3);
            r3p0 = w0.fma(FloatVector.fromArray(F128, x3, k + 0), r3p0);
            r3p1 = w1.fma(FloatVector.fromArray(F128, x3, k + 4), r3p1);
            r3p2 = w2.fma(FloatVector.fromArray(F128, x3, k + 8), r3p2);
            r3p3 = w3.fma(FloatVector.fromArray(F128, x3, k + 12), r3p3);
            r4p0 = w0.fma(FloatVector.fromArray(F128, x4, k + 0), r4p0);
            r4p1 = w1.fma(FloatVector.fromArray(F128, x4, k + 4), r4p1);
            r4p2 = w2.fma(FloatVector.fromArray(F128, x4, k + 8), r4p2);
            r4p3 = w3.fma(FloatVector.fromArray(F128, x4, k + 12), r4p3);
            r5p0 = w0.fma(FloatVector.fromArray(F128, x5, k + 0), r5p0);
            r5p1 = w1.fma(FloatVector.fromArray(F128, x5, k + 4), r5p1);
            r5p2 = w2.fma(FloatVector.fromArray(F128, x5, k + 8), r5p2);
            r5p3 = w3.fma(FloatVector.fromArray(F128, x5, k + 12), r5p3);
            r6p0 = w0.fma(FloatVector.fromArray(F128, x6, k + 0), r6p0);
            r6p1 = w1.fma(FloatVector.fromArray(F128, x6, k + 4), r6p1);
            r6p2 = w2.fma(FloatVector.fromArray(F128, x6, k + 8), r6p2);
            r6p3 = w3.fma(FloatVector.fromArray(F128, x6, k + 12), r6p3);
            r7p0 = w0.fma(FloatVector.fromArray(F128, x7, k + 0), r7p0);
            r7p1 = w1.fma(FloatVector.fromArray(F128, x7, k + 4), r7p1);
            r7p2 = w2.fma(FloatVector.fromArray(F128, x7, k + 8), r7p2);
            r7p3 = w3.fma(FloatVector.fromArray(F128, x7, k + 12), r7p3);
        }
        r0p0.intoArray(lanes, 0);
        r0p1.intoArray(lanes, 4);
        r0p2.intoArray(lanes, 8);
        r0p3.intoArray(lanes, 12);
        r1p0.intoArray(lanes, 16);
        r1p1.intoArray(lanes, 20);
        r1p2.intoArray(lanes, 24);
        r1p3.intoArray(lanes, 28);
        r2p0.intoArray(lanes, 32);
        r2p1.intoArray(lanes, 36);
        r2p2.intoArray(lanes, 40);
        r2p3.intoArray(lanes, 44);
        r3p0.intoArray(lanes, 48);
        r3p1.intoArray(lanes, 52);
        r3p2.intoArray(lanes, 56);
        r3p3.intoArray(lanes, 60);
        r4p0.intoArray(lanes, 64);
        r4p1.intoArray(lanes, 68);
        r4p2.intoArray(lanes, 72);
        r4p3.intoArray(lanes, 76);
        r5p0.intoArray(lanes, 80);
        r5p1.intoArray(lanes, 84);
        r5p2.intoArray(lanes, 88);
        r5p3.intoArray(lanes, 92);
        r6p0.intoArray(lanes, 96);
        r6p1.intoArray(lanes, 100);
        r6p2.intoArray(lanes, 104);
        r6p3.intoArray(lanes, 108);
        r7p0.intoArray(lanes, 112);
        r7p1.intoArray(lanes, 116);
        r7p2.intoArray(lanes, 120);
        r7p3.intoArray(lanes, 124);
    }
}
