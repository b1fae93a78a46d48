// Builds the DRAM regions a lowered program reads from functional-engine inputs, and reads its outputs back.
package org.ternsim.isa.accel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.lut.Tl2Weights;
import org.ternsim.kernels.quant.Int4Activations;
import org.ternsim.kernels.quant.Int8Activations;

/** DRAM images in the layout {@link AccelLowering} documents. */
public final class AccelImage {

    private AccelImage() {
    }

    /** I2_S weights (x86 128-value blocks) and int8 tokens. */
    public static void i2s(AccelMachine m, I2sWeights w, Int8Activations[] tokens) {
        weights(m, w);
        byte[][] codes = new byte[tokens.length][];
        int[] sums = new int[tokens.length];
        float[] scales = new float[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            codes[t] = tokens[t].codes();
            sums[t] = tokens[t].sum();
            scales[t] = tokens[t].scale();
        }
        tokens(m, codes, sums, scales, w.rows());
    }

    /** I2_S weights and int4 tokens, packed two codes per byte as {@link ActType#INT4} stores them. */
    public static void i2sInt4(AccelMachine m, I2sWeights w, Int4Activations[] tokens) {
        weights(m, w);
        byte[][] codes = new byte[tokens.length][];
        int[] sums = new int[tokens.length];
        float[] scales = new float[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            codes[t] = packInt4(tokens[t].codes());
            sums[t] = tokens[t].sum();
            scales[t] = tokens[t].scale();
        }
        tokens(m, codes, sums, scales, w.rows());
    }

    /** I2_S weights and 16-bit float tokens (little-endian); the A16 epilogue takes no per-token parameters. */
    public static void a16(AccelMachine m, I2sWeights w, A16Activations[] tokens) {
        weights(m, w);
        byte[][] bytes = new byte[tokens.length][];
        for (int t = 0; t < tokens.length; t++) {
            short[] bits = tokens[t].bits();
            ByteBuffer b = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            b.asShortBuffer().put(bits);
            bytes[t] = b.array();
        }
        tokens(m, bytes, new int[tokens.length], filled(tokens.length), w.rows());
    }

    /** TL2 weights in their three sections and int8 tokens. */
    public static void tl2(AccelMachine m, Tl2Weights w, Int8Activations[] tokens) {
        m.dram("w.idx", w.tripleIndices());
        m.dram("w.sign", w.tripleSigns());
        m.dram("w.pair", w.pairIndices());
        byte[][] codes = new byte[tokens.length][];
        int[] sums = new int[tokens.length];
        float[] scales = new float[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            codes[t] = tokens[t].codes();
            sums[t] = tokens[t].sum();
            scales[t] = tokens[t].scale();
        }
        tokens(m, codes, sums, scales, w.rows());
    }

    /** Int4 codes two per byte: element 2i in the low nibble of byte i, 2i + 1 in the high nibble. */
    static byte[] packInt4(byte[] codes) {
        byte[] packed = new byte[(codes.length + 1) / 2];
        for (int k = 0; k < codes.length; k++) {
            packed[k >> 1] |= (byte) ((codes[k] & 0xF) << (4 * (k & 1)));
        }
        return packed;
    }

    /** The N x M outputs the program stored. */
    public static float[][] outputs(AccelMachine m, int rows, int tokens) {
        ByteBuffer y = ByteBuffer.wrap(m.dram("y")).order(ByteOrder.LITTLE_ENDIAN);
        float[][] out = new float[tokens][rows];
        for (int t = 0; t < tokens; t++) {
            for (int r = 0; r < rows; r++) {
                out[t][r] = y.getFloat((t * rows + r) * 4);
            }
        }
        return out;
    }

    private static void weights(AccelMachine m, I2sWeights w) {
        if (w.layout() != I2sLayout.X86_128) {
            throw new IllegalArgumentException("the accelerator reads I2_S in 128-value blocks, got " + w.layout());
        }
        m.dram("w", w.data());
    }

    private static void tokens(AccelMachine m, byte[][] perToken, int[] sums, float[] scales, int rows) {
        int len = perToken[0].length;
        byte[] a = new byte[Math.multiplyExact(perToken.length, len)];
        ByteBuffer p = ByteBuffer.allocate(perToken.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < perToken.length; t++) {
            System.arraycopy(perToken[t], 0, a, t * len, len);
            p.putInt(sums[t]).putFloat(scales[t]);
        }
        m.dram("a", a);
        m.dram("p", p.array());
        m.dram("y", new byte[Math.multiplyExact(Math.multiplyExact(perToken.length, rows), 4)]);
    }

    private static float[] filled(int n) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, 1f);
        return f;
    }
}
