// Inputs of an I2_S GEMV made the way a real layer's are: float weights and activations, quantized by the functional engine.
package org.ternsim.sim.run;

import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.quant.TernaryQuantizer;

public record GemvData(String description, I2sWeights weights, Int8Activations activations) {

    /** Gaussian weights and activations from a fixed seed, quantized by absmean (weights) and absmax (activations). */
    public static GemvData random(int rows, int cols, long seed) {
        float[] w = SyntheticWeights.gaussian(Math.multiplyExact(rows, cols), 1f, seed);
        float[] x = SyntheticWeights.gaussian(cols, 1f, seed + 1);
        return new GemvData("random (seed " + seed + ")",
            I2sPacker.pack(TernaryQuantizer.absmean(w, rows, cols), I2sLayout.X86_128), Int8Quantizer.absmaxI2s(x));
    }

    /** Every weight {@code trit} and every activation code {@code code}: the extremes of the int16 accumulation. */
    public static GemvData constant(int rows, int cols, int trit, int code) {
        byte[] trits = new byte[Math.multiplyExact(rows, cols)];
        java.util.Arrays.fill(trits, (byte) trit);
        byte[] codes = new byte[cols];
        java.util.Arrays.fill(codes, (byte) code);
        return new GemvData("all weights " + signed(trit) + ", all activations " + code,
            I2sPacker.pack(TernaryQuantizer.fromTrits(trits, rows, cols, 0.75f), I2sLayout.X86_128),
            Int8Activations.of(codes, 127f / 3.5f));
    }

    private static String signed(int v) {
        return v > 0 ? "+" + v : Integer.toString(v);
    }
}
