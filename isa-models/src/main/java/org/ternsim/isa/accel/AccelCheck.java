// Runs a lowered accelerator program functionally on generated data and compares it with the functional engine.
package org.ternsim.isa.accel;

import java.util.Arrays;
import java.util.function.BiConsumer;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.gemm.I2sGemm;
import org.ternsim.kernels.gemm.ScalarI2sGemm;
import org.ternsim.kernels.gemm.ScalarI2sInt4Gemm;
import org.ternsim.kernels.gemm.ScalarTernaryA16Gemm;
import org.ternsim.kernels.gemm.I2sInt4Gemm;
import org.ternsim.kernels.gemm.TernaryA16Gemm;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.gemv.A16Format;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.lut.LutKernels;
import org.ternsim.kernels.lut.ScalarTl2Gemv;
import org.ternsim.kernels.lut.Tl2Packer;
import org.ternsim.kernels.lut.Tl2Weights;
import org.ternsim.kernels.numeric.Bf16;
import org.ternsim.kernels.numeric.Fp16;
import org.ternsim.kernels.quant.Int4Activations;
import org.ternsim.kernels.quant.Int4Quantizer;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.quant.TernaryWeights;
import org.ternsim.kernels.quant.TopKSparsifier;

/**
 * Bit-exactness check of one lowering against two references each: the scalar reference (ScalarI2sGemm,
 * ScalarI2sInt4Gemm, ScalarTernaryA16Gemm: one scalar GEMV per token; ScalarTl2Gemv per token) and the selected
 * implementation ({@code I2sGemm.selected()} etc., {@code LutKernels.tl2()}).
 */
public final class AccelCheck {

    /** Data sets: seeded Gaussian data quantized as real layers are, or the accumulation extremes. */
    public enum Data {
        RANDOM("random"), EXTREME_POSITIVE("all weights +1, all activations at the positive extreme"),
        EXTREME_NEGATIVE("all weights -1, all activations at the negative extreme");

        private final String description;

        Data(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * @param outputs            outputs compared (N x M)
     * @param mismatchesVsScalar outputs whose float bits differ from the scalar reference (the definition)
     * @param mismatches         outputs whose float bits differ from the selected (Vector API) implementation
     * @param reference          the selected implementation compared against
     */
    public record Result(long outputs, long mismatchesVsScalar, long mismatches, String reference) {
        public boolean passed() {
            return mismatches == 0 && mismatchesVsScalar == 0;
        }
    }

    private AccelCheck() {
    }

    /** Lowers {@code s} under {@code map}, runs it on machine buffers of {@code caps}, compares every output. */
    public static Result run(AccelShape s, TileMapping map, SlotCapacities caps, Data data, long seed) {
        return run(s, map, caps, data, seed, 0, (in, machine) -> { });
    }

    /**
     * As {@link #run(AccelShape, TileMapping, SlotCapacities, Data, long)}, with {@code zeroFraction} of each random
     * token's activations zero (Top-K by |x| keeping the rest, as a4.8 sparsifies the Wo input; ignored for the
     * extreme data sets), and {@code observer} shown each instruction and the machine right after it executed (a
     * timing model reads what a zero detector would see).
     */
    public static Result run(AccelShape s, TileMapping map, SlotCapacities caps, Data data, long seed,
            double zeroFraction, BiConsumer<AccelInstr, AccelMachine> observer) {
        if (!(zeroFraction >= 0 && zeroFraction <= 1)) {
            throw new IllegalArgumentException("zero fraction must be in [0, 1], got " + zeroFraction);
        }
        AccelMachine m = new AccelMachine(caps, s.act().isFloat());
        int rows = s.rows();
        int cols = s.cols();
        int n = s.tokens();
        TernaryWeights tw = weights(rows, cols, data, seed);
        float[][] expected = new float[n][rows];
        float[][] scalar = new float[n][rows];
        float weightScale = tw.scale();
        String reference;
        switch (s.kernel()) {
            case I2S: {
                var w = I2sPacker.pack(tw, I2sLayout.X86_128);
                Int8Activations[] x = new Int8Activations[n];
                for (int t = 0; t < n; t++) {
                    x[t] = data == Data.RANDOM ? Int8Quantizer.absmaxI2s(floats(cols, seed + 1 + t, zeroFraction))
                            : Int8Activations.of(filled(cols, data == Data.EXTREME_POSITIVE ? 127 : -128), 127f / 3.5f);
                }
                I2sGemm.selected().gemm(w, x, expected);
                new ScalarI2sGemm().gemm(w, x, scalar);
                reference = "I2sGemm " + I2sGemm.selected().name();
                AccelImage.i2s(m, w, x);
                break;
            }
            case I2S_INT4: {
                var w = I2sPacker.pack(tw, I2sLayout.X86_128);
                Int4Activations[] x = new Int4Activations[n];
                for (int t = 0; t < n; t++) {
                    x[t] = data == Data.RANDOM ? Int4Quantizer.absmean(floats(cols, seed + 1 + t, zeroFraction))
                            : Int4Activations.of(filled(cols, data == Data.EXTREME_POSITIVE ? 7 : -8), 2.5f);
                }
                I2sInt4Gemm.selected().gemm(w, x, expected);
                new ScalarI2sInt4Gemm().gemm(w, x, scalar);
                reference = "I2sInt4Gemm " + I2sInt4Gemm.selected().name();
                AccelImage.i2sInt4(m, w, x);
                break;
            }
            case TERNARY_A16: {
                var w = I2sPacker.pack(tw, I2sLayout.X86_128);
                A16Format format = s.act() == ActType.BF16 ? A16Format.BF16 : A16Format.F16;
                A16Activations[] x = new A16Activations[n];
                for (int t = 0; t < n; t++) {
                    float[] f = data == Data.RANDOM ? floats(cols, seed + 1 + t, zeroFraction) : null;
                    short[] bits = new short[cols];
                    for (int k = 0; k < cols; k++) {
                        float v = f != null ? f[k] : data == Data.EXTREME_POSITIVE ? 65504f : -65504f;
                        bits[k] = format == A16Format.BF16 ? Bf16.fromFloat(v) : Fp16.fromFloat(v);
                    }
                    x[t] = new A16Activations(bits, format);
                }
                TernaryA16Gemm.selected().gemm(w, x, expected);
                new ScalarTernaryA16Gemm().gemm(w, x, scalar);
                reference = "TernaryA16Gemm " + TernaryA16Gemm.selected().name();
                AccelImage.a16(m, w, x);
                break;
            }
            default: {
                Tl2Weights w = Tl2Packer.pack(tw, AccelKernel.TL2_BK);
                Int8Activations[] x = new Int8Activations[n];
                for (int t = 0; t < n; t++) {
                    x[t] = data == Data.RANDOM ? Int8Quantizer.absmaxTl(floats(cols, seed + 1 + t, zeroFraction))
                            : Int8Activations.of(filled(cols, data == Data.EXTREME_POSITIVE ? 127 : -128), 127f / 3.5f);
                    LutKernels.tl2().gemv(w, x[t], expected[t]);
                    new ScalarTl2Gemv().gemv(w, x[t], scalar[t]);
                }
                reference = "Tl2Gemv " + LutKernels.tl2().name() + " per token";
                AccelImage.tl2(m, w, x);
            }
        }
        AccelLowering.lower(s, map, weightScale, instr -> {
            instr.execute(m);
            observer.accept(instr, m);
        });
        float[][] actual = AccelImage.outputs(m, rows, n);
        return new Result((long) n * rows, differ(actual, scalar), differ(actual, expected), reference);
    }

    private static long differ(float[][] actual, float[][] expected) {
        long mismatches = 0;
        for (int t = 0; t < actual.length; t++) {
            for (int r = 0; r < actual[t].length; r++) {
                if (Float.floatToRawIntBits(actual[t][r]) != Float.floatToRawIntBits(expected[t][r])) {
                    mismatches++;
                }
            }
        }
        return mismatches;
    }

    private static TernaryWeights weights(int rows, int cols, Data data, long seed) {
        if (data == Data.RANDOM) {
            return TernaryQuantizer.absmean(SyntheticWeights.gaussian(Math.multiplyExact(rows, cols), 1f, seed), rows,
                    cols);
        }
        byte[] trits = new byte[Math.multiplyExact(rows, cols)];
        Arrays.fill(trits, (byte) (data == Data.EXTREME_POSITIVE ? 1 : -1));
        return TernaryQuantizer.fromTrits(trits, rows, cols, 0.75f);
    }

    /** Seeded Gaussian values with the {@code zeroFraction} of smallest magnitude set to zero. */
    private static float[] floats(int n, long seed, double zeroFraction) {
        float[] f = SyntheticWeights.gaussian(n, 1f, seed);
        if (zeroFraction > 0) {
            boolean[] kept = zeroFraction >= 1 ? new boolean[n]
                    : TopKSparsifier.byValue(f, 0, Int8Quantizer.absmaxI2s(f), 1 - zeroFraction).kept();
            for (int k = 0; k < n; k++) {
                f[k] = kept[k] ? f[k] : 0f;
            }
        }
        return f;
    }

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }
}
