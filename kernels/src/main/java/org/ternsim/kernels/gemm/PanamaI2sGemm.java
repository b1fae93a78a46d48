// The I2_S GEMM on the incubator Vector API, activation parallel (Nx1) with bitnet.cpp's three tile sizes.
package org.ternsim.kernels.gemm;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.I2sEpilogue;
import org.ternsim.kernels.gemv.PanamaI2sGemv;
import org.ternsim.kernels.gemv.TelescopedI2s;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * I2_S GEMM with the Vector API at 128, 256 or 512 bits. Every token's activations are prepared once in the
 * telescoped 16-bit form ({@link TelescopedI2s}); then, per {@link GemmTiling} block, each weight vector is loaded and
 * shifted once per slot and multiplied against {@code parallel} tokens (bitnet.cpp {@code _Nx1}, kernels.md §2.5).
 * Each token's 16-bit lanes get the same chunking, widening and scalar tail as {@link PanamaI2sGemv}, so the int32 sums
 * are exact and, through {@link I2sEpilogue}, every output equals the GEMV's bit for bit.
 *
 * <p>Why Nx1 gains less here than in bitnet.cpp: the telescoped form already makes the unpack one shift per slot, so
 * sharing it saves little, while every token still costs one activation load per slot. On a Zen 5 core the 4-token body
 * runs at about 65 GMAC/s against about 80 for the GEMV's 4-row (1xN) body; 8 tokens per pass and a 2x4 row/token tile
 * were slower (L1 pressure, register spills). Keep bodies small: C2 inlines every Vector API call, and a body past its
 * inlining budget boxes its vectors (a hand-unrolled slot loop did, at 2 GMAC/s).
 */
public final class PanamaI2sGemm implements I2sGemm {

    // ShortVector.fromByteArray exists in JDK 17 but not in JDK 20+, so weights are loaded as bytes and
    // reinterpreted as 16-bit lanes (little-endian lane order on the little-endian hosts the Vector API supports).
    private static final VectorSpecies<Byte> BYTES_128 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Byte> BYTES_256 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES_512 = ByteVector.SPECIES_512;
    private static final VectorSpecies<Short> S128 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> I128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Short> S512 = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
    private final PanamaI2sGemv gemv;
    private final int bits;
    private final GemmTiling tiling;

    /** Uses the given byte species (128, 256 or 512 bits) and tiling. */
    public PanamaI2sGemm(VectorSpecies<Byte> species, GemmTiling tiling) {
        this.gemv = new PanamaI2sGemv(species);
        this.bits = species.vectorBitSize();
        this.tiling = java.util.Objects.requireNonNull(tiling, "tiling");
    }

    /** Factory that {@link org.ternsim.kernels.KernelProvider} finds; 0 = preferred width, x86 tiling. */
    public static I2sGemm forBits(int bits) {
        VectorSpecies<Byte> species = bits == 0 ? ByteVector.SPECIES_PREFERRED
                : VectorSpecies.of(byte.class, VectorShape.forBitSize(bits));
        return new PanamaI2sGemm(species, GemmTiling.X86_DEFAULT);
    }

    @Override
    public String name() {
        return "panama/" + bits + "-bit/nx1-" + tiling.rowBlock() + "x" + tiling.colBlock() + "x" + tiling.parallel();
    }

    @Override
    public void gemm(I2sWeights w, Int8Activations[] tokens, float[][] y) {
        byte[][] codes = new byte[tokens.length][];
        int[] sums = new int[tokens.length];
        float[] scales = new float[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            codes[t] = tokens[t].codes();
            sums[t] = tokens[t].sum();
            scales[t] = tokens[t].scale();
        }
        gemmCodes(w, codes, sums, scales, y);
    }

    /**
     * The GEMM for any activation codes in [-128, 127] (int8, or int4 one per byte), with the I2_S epilogue per token.
     *
     * @param codes  N rows of K codes
     * @param sums   per token, the sum of its codes
     * @param scales per token, the activation scale
     */
    public void gemmCodes(I2sWeights w, byte[][] codes, int[] sums, float[] scales, float[][] y) {
        int n = codes.length;
        int[] lengths = new int[n];
        for (int t = 0; t < n; t++) {
            lengths[t] = codes[t].length;
        }
        GemmArgs.check(w, n, lengths, y);
        int vectorBytes = gemv.vectorBytes();
        short[][] act = new short[n][];
        for (int t = 0; t < n; t++) {
            act[t] = TelescopedI2s.prepare(w, codes[t], vectorBytes);
        }
        int body = TelescopedI2s.bodyBytes(w, vectorBytes);
        int vectors = body / vectorBytes;
        int[] raw = new int[8];
        for (int r0 = 0; r0 < w.rows(); r0 += tiling.colBlock()) {
            int rEnd = Math.min(w.rows(), r0 + tiling.colBlock());
            for (int t0 = 0; t0 < n; t0 += tiling.rowBlock()) {
                int tEnd = Math.min(n, t0 + tiling.rowBlock());
                for (int row = r0; row < rEnd; row++) {
                    int t = t0;
                    int p = tiling.parallel();
                    if (p > 1) {
                        for (; t + p <= tEnd; t += p) {
                            tokens(p, w.data(), row * w.rowBytes(), vectors, act, t, raw);
                            for (int i = 0; i < p; i++) {
                                int sum = raw[i] + TelescopedI2s.tail(w, row, body, codes[t + i]);
                                y[t + i][row] = I2sEpilogue.output(sum, sums[t + i], scales[t + i], w.scale());
                            }
                        }
                    }
                    for (; t < tEnd; t++) {
                        y[t][row] = I2sEpilogue.output(gemv.rowRaw(w, row, act[t], codes[t]), sums[t], scales[t],
                                w.scale());
                    }
                }
            }
        }
    }

    private void tokens(int p, byte[] data, int start, int vectors, short[][] act, int t, int[] raw) {
        switch (bits * 10 + p) {
            case 1284:
                tokens4Body128(data, start, vectors, act, t, raw);
                break;
            case 1288:
                tokens8Body128(data, start, vectors, act, t, raw);
                break;
            case 2564:
                tokens4Body256(data, start, vectors, act, t, raw);
                break;
            case 2568:
                tokens8Body256(data, start, vectors, act, t, raw);
                break;
            case 5124:
                tokens4Body512(data, start, vectors, act, t, raw);
                break;
            default:
                tokens8Body512(data, start, vectors, act, t, raw);
                break;
        }
    }

    /** Raw sums of one weight row against tokens t .. t+3: each shifted weight vector is used 4 times (Nx1). */
    private static void tokens4Body512(byte[] data, int start, int vectors, short[][] act, int t, int[] raw) {
        int lanes = S512.length();
        int stride = 2 * lanes;
        short[] a0 = act[t + 0];
        short[] a1 = act[t + 1];
        short[] a2 = act[t + 2];
        short[] a3 = act[t + 3];
        IntVector t0 = IntVector.zero(I512);
        IntVector t1 = IntVector.zero(I512);
        IntVector t2 = IntVector.zero(I512);
        IntVector t3 = IntVector.zero(I512);
        for (int chunk = 0; chunk < vectors; chunk += TelescopedI2s.CHUNK) {
            int end = Math.min(vectors, chunk + TelescopedI2s.CHUNK);
            ShortVector s0 = ShortVector.zero(S512);
            ShortVector s1 = ShortVector.zero(S512);
            ShortVector s2 = ShortVector.zero(S512);
            ShortVector s3 = ShortVector.zero(S512);
            for (int v = chunk; v < end; v++) {
                ShortVector p = ByteVector.fromArray(BYTES_512, data, start + v * stride).reinterpretAsShorts();
                int a = v * TelescopedI2s.SLOTS * lanes;
                for (int j = 0; j < TelescopedI2s.SLOTS; j++) {
                    // One call site per token: C2 inlines every Vector API call, and a hand-unrolled body exceeds
                    // its inlining budget, after which the accumulators are boxed; C2 unrolls this loop itself.
                    ShortVector q = j == 0 ? p : p.lanewise(VectorOperators.LSHR, 2 * j);
                    int o = a + j * lanes;
                    s0 = TelescopedI2s.mulAdd(s0, q, ShortVector.fromArray(S512, a0, o));
                    s1 = TelescopedI2s.mulAdd(s1, q, ShortVector.fromArray(S512, a1, o));
                    s2 = TelescopedI2s.mulAdd(s2, q, ShortVector.fromArray(S512, a2, o));
                    s3 = TelescopedI2s.mulAdd(s3, q, ShortVector.fromArray(S512, a3, o));
                }
            }
            t0 = TelescopedI2s.widenAdd(t0, s0);
            t1 = TelescopedI2s.widenAdd(t1, s1);
            t2 = TelescopedI2s.widenAdd(t2, s2);
            t3 = TelescopedI2s.widenAdd(t3, s3);
        }
        raw[0] = t0.reduceLanes(VectorOperators.ADD);
        raw[1] = t1.reduceLanes(VectorOperators.ADD);
        raw[2] = t2.reduceLanes(VectorOperators.ADD);
        raw[3] = t3.reduceLanes(VectorOperators.ADD);
    }

    /** Raw sums of one weight row against tokens t .. t+7: each shifted weight vector is used 8 times (Nx1). */
    private static void tokens8Body512(byte[] data, int start, int vectors, short[][] act, int t, int[] raw) {
        int lanes = S512.length();
        int stride = 2 * lanes;
        short[] a0 = act[t + 0];
        short[] a1 = act[t + 1];
        short[] a2 = act[t + 2];
        short[] a3 = act[t + 3];
        short[] a4 = act[t + 4];
        short[] a5 = act[t + 5];
        short[] a6 = act[t + 6];
        short[] a7 = act[t + 7];
        IntVector t0 = IntVector.zero(I512);
        IntVector t1 = IntVector.zero(I512);
        IntVector t2 = IntVector.zero(I512);
        IntVector t3 = IntVector.zero(I512);
        IntVector t4 = IntVector.zero(I512);
        IntVector t5 = IntVector.zero(I512);
        IntVector t6 = IntVector.zero(I512);
        IntVector t7 = IntVector.zero(I512);
        for (int chunk = 0; chunk < vectors; chunk += TelescopedI2s.CHUNK) {
            int end = Math.min(vectors, chunk + TelescopedI2s.CHUNK);
            ShortVector s0 = ShortVector.zero(S512);
            ShortVector s1 = ShortVector.zero(S512);
            ShortVector s2 = ShortVector.zero(S512);
            ShortVector s3 = ShortVector.zero(S512);
            ShortVector s4 = ShortVector.zero(S512);
            ShortVector s5 = ShortVector.zero(S512);
            ShortVector s6 = ShortVector.zero(S512);
            ShortVector s7 = ShortVector.zero(S512);
            for (int v = chunk; v < end; v++) {
                ShortVector p = ByteVector.fromArray(BYTES_512, data, start + v * stride).reinterpretAsShorts();
                int a = v * TelescopedI2s.SLOTS * lanes;
                for (int j = 0; j < TelescopedI2s.SLOTS; j++) {
                    // One call site per token: C2 inlines every Vector API call, and a hand-unrolled body exceeds
                    // its inlining budget, after which the accumulators are boxed; C2 unrolls this loop itself.
                    ShortVector q = j == 0 ? p : p.lanewise(VectorOperators.LSHR, 2 * j);
                    int o = a + j * lanes;
                    s0 = TelescopedI2s.mulAdd(s0, q, ShortVector.fromArray(S512, a0, o));
                    s1 = TelescopedI2s.mulAdd(s1, q, ShortVector.fromArray(S512, a1, o));
                    s2 = TelescopedI2s.mulAdd(s2, q, ShortVector.fromArray(S512, a2, o));
                    s3 = TelescopedI2s.mulAdd(s3, q, ShortVector.fromArray(S512, a3, o));
                    s4 = TelescopedI2s.mulAdd(s4, q, ShortVector.fromArray(S512, a4, o));
                    s5 = TelescopedI2s.mulAdd(s5, q, ShortVector.fromArray(S512, a5, o));
                    s6 = TelescopedI2s.mulAdd(s6, q, ShortVector.fromArray(S512, a6, o));
                    s7 = TelescopedI2s.mulAdd(s7, q, ShortVector.fromArray(S512, a7, o));
                }
            }
            t0 = TelescopedI2s.widenAdd(t0, s0);
            t1 = TelescopedI2s.widenAdd(t1, s1);
            t2 = TelescopedI2s.widenAdd(t2, s2);
            t3 = TelescopedI2s.widenAdd(t3, s3);
            t4 = TelescopedI2s.widenAdd(t4, s4);
            t5 = TelescopedI2s.widenAdd(t5, s5);
            t6 = TelescopedI2s.widenAdd(t6, s6);
            t7 = TelescopedI2s.widenAdd(t7, s7);
        }
        raw[0] = t0.reduceLanes(VectorOperators.ADD);
        raw[1] = t1.reduceLanes(VectorOperators.ADD);
        raw[2] = t2.reduceLanes(VectorOperators.ADD);
        raw[3] = t3.reduceLanes(VectorOperators.ADD);
        raw[4] = t4.reduceLanes(VectorOperators.ADD);
        raw[5] = t5.reduceLanes(VectorOperators.ADD);
        raw[6] = t6.reduceLanes(VectorOperators.ADD);
        raw[7] = t7.reduceLanes(VectorOperators.ADD);
    }

    /** Raw sums of one weight row against tokens t .. t+3: each shifted weight vector is used 4 times (Nx1). */
    private static void tokens4Body256(byte[] data, int start, int vectors, short[][] act, int t, int[] raw) {
        int lanes = S256.length();
        int stride = 2 * lanes;
        short[] a0 = act[t + 0];
        short[] a1 = act[t + 1];
        short[] a2 = act[t + 2];
        short[] a3 = act[t + 3];
        IntVector t0 = IntVector.zero(I256);
        IntVector t1 = IntVector.zero(I256);
        IntVector t2 = IntVector.zero(I256);
        IntVector t3 = IntVector.zero(I256);
        for (int chunk = 0; chunk < vectors; chunk += TelescopedI2s.CHUNK) {
            int end = Math.min(vectors, chunk + TelescopedI2s.CHUNK);
            ShortVector s0 = ShortVector.zero(S256);
            ShortVector s1 = ShortVector.zero(S256);
            ShortVector s2 = ShortVector.zero(S256);
            ShortVector s3 = ShortVector.zero(S256);
            for (int v = chunk; v < end; v++) {
                ShortVector p = ByteVector.fromArray(BYTES_256, data, start + v * stride).reinterpretAsShorts();
                int a = v * TelescopedI2s.SLOTS * lanes;
                for (int j = 0; j < TelescopedI2s.SLOTS; j++) {
                    // One call site per token: C2 inlines every Vector API call, and a hand-unrolled body exceeds
                    // its inlining budget, after which the accumulators are boxed; C2 unrolls this loop itself.
                    ShortVector q = j == 0 ? p : p.lanewise(VectorOperators.LSHR, 2 * j);
                    int o = a + j * lanes;
                    s0 = TelescopedI2s.mulAdd(s0, q, ShortVector.fromArray(S256, a0, o));
                    s1 = TelescopedI2s.mulAdd(s1, q, ShortVector.fromArray(S256, a1, o));
                    s2 = TelescopedI2s.mulAdd(s2, q, ShortVector.fromArray(S256, a2, o));
                    s3 = TelescopedI2s.mulAdd(s3, q, ShortVector.fromArray(S256, a3, o));
                }
            }
            t0 = TelescopedI2s.widenAdd(t0, s0);
            t1 = TelescopedI2s.widenAdd(t1, s1);
            t2 = TelescopedI2s.widenAdd(t2, s2);
            t3 = TelescopedI2s.widenAdd(t3, s3);
        }
        raw[0] = t0.reduceLanes(VectorOperators.ADD);
        raw[1] = t1.reduceLanes(VectorOperators.ADD);
        raw[2] = t2.reduceLanes(VectorOperators.ADD);
        raw[3] = t3.reduceLanes(VectorOperators.ADD);
    }

    /** Raw sums of one weight row against tokens t .. t+7: each shifted weight vector is used 8 times (Nx1). */
    private static void tokens8Body256(byte[] data, int start, int vectors, short[][] act, int t, int[] raw) {
        int lanes = S256.length();
        int stride = 2 * lanes;
        short[] a0 = act[t + 0];
        short[] a1 = act[t + 1];
        short[] a2 = act[t + 2];
        short[] a3 = act[t + 3];
        short[] a4 = act[t + 4];
        short[] a5 = act[t + 5];
        short[] a6 = act[t + 6];
        short[] a7 = act[t + 7];
        IntVector t0 = IntVector.zero(I256);
        IntVector t1 = IntVector.zero(I256);
        IntVector t2 = IntVector.zero(I256);
        IntVector t3 = IntVector.zero(I256);
        IntVector t4 = IntVector.zero(I256);
        IntVector t5 = IntVector.zero(I256);
        IntVector t6 = IntVector.zero(I256);
        IntVector t7 = IntVector.zero(I256);
        for (int chunk = 0; chunk < vectors; chunk += TelescopedI2s.CHUNK) {
            int end = Math.min(vectors, chunk + TelescopedI2s.CHUNK);
            ShortVector s0 = ShortVector.zero(S256);
            ShortVector s1 = ShortVector.zero(S256);
            ShortVector s2 = ShortVector.zero(S256);
            ShortVector s3 = ShortVector.zero(S256);
            ShortVector s4 = ShortVector.zero(S256);
            ShortVector s5 = ShortVector.zero(S256);
            ShortVector s6 = ShortVector.zero(S256);
            ShortVector s7 = ShortVector.zero(S256);
            for (int v = chunk; v < end; v++) {
                ShortVector p = ByteVector.fromArray(BYTES_256, data, start + v * stride).reinterpretAsShorts();
                int a = v * TelescopedI2s.SLOTS * lanes;
                for (int j = 0; j < TelescopedI2s.SLOTS; j++) {
                    // One call site per token: C2 inlines every Vector API call, and a hand-unrolled body exceeds
                    // its inlining budget, after which the accumulators are boxed; C2 unrolls this loop itself.
                    ShortVector q = j == 0 ? p : p.lanewise(VectorOperators.LSHR, 2 * j);
                    int o = a + j * lanes;
                    s0 = TelescopedI2s.mulAdd(s0, q, ShortVector.fromArray(S256, a0, o));
                    s1 = TelescopedI2s.mulAdd(s1, q, ShortVector.fromArray(S256, a1, o));
                    s2 = TelescopedI2s.mulAdd(s2, q, ShortVector.fromArray(S256, a2, o));
                    s3 = TelescopedI2s.mulAdd(s3, q, ShortVector.fromArray(S256, a3, o));
                    s4 = TelescopedI2s.mulAdd(s4, q, ShortVector.fromArray(S256, a4, o));
                    s5 = TelescopedI2s.mulAdd(s5, q, ShortVector.fromArray(S256, a5, o));
                    s6 = TelescopedI2s.mulAdd(s6, q, ShortVector.fromArray(S256, a6, o));
                    s7 = TelescopedI2s.mulAdd(s7, q, ShortVector.fromArray(S256, a7, o));
                }
            }
            t0 = TelescopedI2s.widenAdd(t0, s0);
            t1 = TelescopedI2s.widenAdd(t1, s1);
            t2 = TelescopedI2s.widenAdd(t2, s2);
            t3 = TelescopedI2s.widenAdd(t3, s3);
            t4 = TelescopedI2s.widenAdd(t4, s4);
            t5 = TelescopedI2s.widenAdd(t5, s5);
            t6 = TelescopedI2s.widenAdd(t6, s6);
            t7 = TelescopedI2s.widenAdd(t7, s7);
        }
        raw[0] = t0.reduceLanes(VectorOperators.ADD);
        raw[1] = t1.reduceLanes(VectorOperators.ADD);
        raw[2] = t2.reduceLanes(VectorOperators.ADD);
        raw[3] = t3.reduceLanes(VectorOperators.ADD);
        raw[4] = t4.reduceLanes(VectorOperators.ADD);
        raw[5] = t5.reduceLanes(VectorOperators.ADD);
        raw[6] = t6.reduceLanes(VectorOperators.ADD);
        raw[7] = t7.reduceLanes(VectorOperators.ADD);
    }

    /** Raw sums of one weight row against tokens t .. t+3: each shifted weight vector is used 4 times (Nx1). */
    private static void tokens4Body128(byte[] data, int start, int vectors, short[][] act, int t, int[] raw) {
        int lanes = S128.length();
        int stride = 2 * lanes;
        short[] a0 = act[t + 0];
        short[] a1 = act[t + 1];
        short[] a2 = act[t + 2];
        short[] a3 = act[t + 3];
        IntVector t0 = IntVector.zero(I128);
        IntVector t1 = IntVector.zero(I128);
        IntVector t2 = IntVector.zero(I128);
        IntVector t3 = IntVector.zero(I128);
        for (int chunk = 0; chunk < vectors; chunk += TelescopedI2s.CHUNK) {
            int end = Math.min(vectors, chunk + TelescopedI2s.CHUNK);
            ShortVector s0 = ShortVector.zero(S128);
            ShortVector s1 = ShortVector.zero(S128);
            ShortVector s2 = ShortVector.zero(S128);
            ShortVector s3 = ShortVector.zero(S128);
            for (int v = chunk; v < end; v++) {
                ShortVector p = ByteVector.fromArray(BYTES_128, data, start + v * stride).reinterpretAsShorts();
                int a = v * TelescopedI2s.SLOTS * lanes;
                for (int j = 0; j < TelescopedI2s.SLOTS; j++) {
                    // One call site per token: C2 inlines every Vector API call, and a hand-unrolled body exceeds
                    // its inlining budget, after which the accumulators are boxed; C2 unrolls this loop itself.
                    ShortVector q = j == 0 ? p : p.lanewise(VectorOperators.LSHR, 2 * j);
                    int o = a + j * lanes;
                    s0 = TelescopedI2s.mulAdd(s0, q, ShortVector.fromArray(S128, a0, o));
                    s1 = TelescopedI2s.mulAdd(s1, q, ShortVector.fromArray(S128, a1, o));
                    s2 = TelescopedI2s.mulAdd(s2, q, ShortVector.fromArray(S128, a2, o));
                    s3 = TelescopedI2s.mulAdd(s3, q, ShortVector.fromArray(S128, a3, o));
                }
            }
            t0 = TelescopedI2s.widenAdd(t0, s0);
            t1 = TelescopedI2s.widenAdd(t1, s1);
            t2 = TelescopedI2s.widenAdd(t2, s2);
            t3 = TelescopedI2s.widenAdd(t3, s3);
        }
        raw[0] = t0.reduceLanes(VectorOperators.ADD);
        raw[1] = t1.reduceLanes(VectorOperators.ADD);
        raw[2] = t2.reduceLanes(VectorOperators.ADD);
        raw[3] = t3.reduceLanes(VectorOperators.ADD);
    }

    /** Raw sums of one weight row against tokens t .. t+7: each shifted weight vector is used 8 times (Nx1). */
    private static void tokens8Body128(byte[] data, int start, int vectors, short[][] act, int t, int[] raw) {
        int lanes = S128.length();
        int stride = 2 * lanes;
        short[] a0 = act[t + 0];
        short[] a1 = act[t + 1];
        short[] a2 = act[t + 2];
        short[] a3 = act[t + 3];
        short[] a4 = act[t + 4];
        short[] a5 = act[t + 5];
        short[] a6 = act[t + 6];
        short[] a7 = act[t + 7];
        IntVector t0 = IntVector.zero(I128);
        IntVector t1 = IntVector.zero(I128);
        IntVector t2 = IntVector.zero(I128);
        IntVector t3 = IntVector.zero(I128);
        IntVector t4 = IntVector.zero(I128);
        IntVector t5 = IntVector.zero(I128);
        IntVector t6 = IntVector.zero(I128);
        IntVector t7 = IntVector.zero(I128);
        for (int chunk = 0; chunk < vectors; chunk += TelescopedI2s.CHUNK) {
            int end = Math.min(vectors, chunk + TelescopedI2s.CHUNK);
            ShortVector s0 = ShortVector.zero(S128);
            ShortVector s1 = ShortVector.zero(S128);
            ShortVector s2 = ShortVector.zero(S128);
            ShortVector s3 = ShortVector.zero(S128);
            ShortVector s4 = ShortVector.zero(S128);
            ShortVector s5 = ShortVector.zero(S128);
            ShortVector s6 = ShortVector.zero(S128);
            ShortVector s7 = ShortVector.zero(S128);
            for (int v = chunk; v < end; v++) {
                ShortVector p = ByteVector.fromArray(BYTES_128, data, start + v * stride).reinterpretAsShorts();
                int a = v * TelescopedI2s.SLOTS * lanes;
                for (int j = 0; j < TelescopedI2s.SLOTS; j++) {
                    // One call site per token: C2 inlines every Vector API call, and a hand-unrolled body exceeds
                    // its inlining budget, after which the accumulators are boxed; C2 unrolls this loop itself.
                    ShortVector q = j == 0 ? p : p.lanewise(VectorOperators.LSHR, 2 * j);
                    int o = a + j * lanes;
                    s0 = TelescopedI2s.mulAdd(s0, q, ShortVector.fromArray(S128, a0, o));
                    s1 = TelescopedI2s.mulAdd(s1, q, ShortVector.fromArray(S128, a1, o));
                    s2 = TelescopedI2s.mulAdd(s2, q, ShortVector.fromArray(S128, a2, o));
                    s3 = TelescopedI2s.mulAdd(s3, q, ShortVector.fromArray(S128, a3, o));
                    s4 = TelescopedI2s.mulAdd(s4, q, ShortVector.fromArray(S128, a4, o));
                    s5 = TelescopedI2s.mulAdd(s5, q, ShortVector.fromArray(S128, a5, o));
                    s6 = TelescopedI2s.mulAdd(s6, q, ShortVector.fromArray(S128, a6, o));
                    s7 = TelescopedI2s.mulAdd(s7, q, ShortVector.fromArray(S128, a7, o));
                }
            }
            t0 = TelescopedI2s.widenAdd(t0, s0);
            t1 = TelescopedI2s.widenAdd(t1, s1);
            t2 = TelescopedI2s.widenAdd(t2, s2);
            t3 = TelescopedI2s.widenAdd(t3, s3);
            t4 = TelescopedI2s.widenAdd(t4, s4);
            t5 = TelescopedI2s.widenAdd(t5, s5);
            t6 = TelescopedI2s.widenAdd(t6, s6);
            t7 = TelescopedI2s.widenAdd(t7, s7);
        }
        raw[0] = t0.reduceLanes(VectorOperators.ADD);
        raw[1] = t1.reduceLanes(VectorOperators.ADD);
        raw[2] = t2.reduceLanes(VectorOperators.ADD);
        raw[3] = t3.reduceLanes(VectorOperators.ADD);
        raw[4] = t4.reduceLanes(VectorOperators.ADD);
        raw[5] = t5.reduceLanes(VectorOperators.ADD);
        raw[6] = t6.reduceLanes(VectorOperators.ADD);
        raw[7] = t7.reduceLanes(VectorOperators.ADD);
    }
}
