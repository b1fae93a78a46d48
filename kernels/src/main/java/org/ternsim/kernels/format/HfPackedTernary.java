// The Hugging Face packed ternary checkpoint layout (microsoft/bitnet-b1.58-2B-4T), converted to and from trits.
package org.ternsim.kernels.format;

import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.quant.TernaryWeights;

/**
 * transformers' {@code integrations/bitnet.py} ({@code pack_weights} / {@code unpack_weights}, workloads.md §1.4):
 * a uint8 tensor of shape (out/4, in), code c = t + 1; packed along the output dimension, so byte [r, c] (row-major,
 * index r * in + c) holds output rows r, r + R, r + 2R, r + 3R (R = out/4) at bit offsets 0, 2, 4, 6. The per-tensor
 * {@code weight_scale} is stored beside it (bf16 in the checkpoint; pass it as a float).
 */
public final class HfPackedTernary {

    private HfPackedTernary() {
    }

    /** The (out/4) x in packed bytes of {@code w}; out must be a multiple of 4. */
    public static byte[] pack(TernaryWeights w) {
        int r4 = quarter(w.rows());
        int in = w.cols();
        byte[] packed = new byte[r4 * in];
        for (int r = 0; r < r4; r++) {
            for (int c = 0; c < in; c++) {
                int b = 0;
                for (int k = 0; k < 4; k++) {
                    b |= (w.trits()[(r + k * r4) * in + c] + 1) << (2 * k);
                }
                packed[r * in + c] = (byte) b;
            }
        }
        return packed;
    }

    /** Trits of an out x in tensor from its packed bytes; code 3 is rejected with its position. */
    public static TernaryWeights unpack(byte[] packed, int out, int in, float weightScale) {
        int r4 = quarter(out);
        if (in < 1 || packed.length != (long) r4 * in) {
            throw new IllegalArgumentException("HF packed ternary of " + out + "x" + in + " needs " + (long) r4 * in
                + " bytes, got " + packed.length);
        }
        byte[] trits = new byte[out * in];
        for (int r = 0; r < r4; r++) {
            for (int c = 0; c < in; c++) {
                int b = packed[r * in + c];
                for (int k = 0; k < 4; k++) {
                    int code = (b >>> (2 * k)) & 3;
                    if (code == 3) {
                        throw new IllegalArgumentException("HF packed ternary: code 3 at packed [" + r + ", " + c
                            + "] bits " + 2 * k + ".." + (2 * k + 1) + " (valid codes are 0, 1, 2)");
                    }
                    trits[(r + k * r4) * in + c] = (byte) (code - 1);
                }
            }
        }
        return TernaryQuantizer.fromTrits(trits, out, in, weightScale);
    }

    private static int quarter(int out) {
        if (out < 4 || out % 4 != 0) {
            throw new IllegalArgumentException("HF packed ternary needs the output dimension to be a multiple of 4, got "
                + out);
        }
        return out / 4;
    }
}
