// Q2_K against ggml: block bytes, dequantized values and the dot product with Q8_K, on inputs both sides compute.
package org.ternsim.kernels.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The expected values were printed by a C program built with {@code gcc -O2 -mf16c -ffp-contract=off} from ggml's
 * {@code quantize_row_q2_K_reference}, {@code make_qkx2_quants}, {@code dequantize_row_q2_K} and the generic
 * {@code ggml_vec_dot_q2_K_q8_K} (ggml-quants.c as in llama.cpp mid-2024, the version T-MAC's Q2_K baseline b2794
 * ran), with the Q8_K quantizer of {@link Q8KCodec}. The inputs are integer formulas divided by a constant, so Java
 * and C get the same floats. Blocks: 0 mixed signs, 1 all positive (the min clamps to 0), 2 all zero, 3 constant
 * -2 (scale index 0, all in the min), 4-7 wide with every 37th value nine times larger.
 */
class Q2KCodecTest {

    private static final String[] BLOCKS = {
        "ffcdddb9ddcddda9ddcddd9addcdcd8988b777777776666222222222dddddddddddccccc88888bbb777777662222222288887777"
            + "777777762222222222eddddddddddcc88888888777777777222222225730d332",
        "0e0a0e0e0b0e0e0d0f0e0e0b0e0e0cfe999d9d9d9edeeee2e2e2e7373737777774787879898989899e9e9ededfdfe3e377777878"
            + "78b98989899d9ddddededed2e2e2e7272727777b787878784d8d8d8d662eb519",
        "0".repeat(168),
        "f0".repeat(16) + "0".repeat(128) + "00004430",
        "ff12291226122412122212451286121254825256825e025256827616525602d21a816806a11bc56016815806a01a816c6806a11b"
            + "c56016815806a01a816c06b178ea753ba6792bb53ba2793ba6790b75b940c144",
        "a622f8220f2228222226222322222222080f4e0e0f420f4f0e0f6e0e0f0a0fce6c1ab168c6a11bc56c16b16bc6ac1ab1b16bc6a1"
            + "1bc56c16b16bc6ac1ab16cd6b055c56817b069c5a81d806815b055c5d4402543",
        "22225522a622f922220f222922262222e6f8aaf5bbe2f9abe5b886f5bbe6f82ab16cc6b15bc56c1ab16bc6ad1bb56c16c6b15bc5"
            + "6c1ab16bc6ac1bb56c16b15bc054009056c09000c05c009054c0b400c0403b43",
        "262225222222552222a622f9220f222257b06581b059806455b06581a455b024d6b15bc66c1ab16bc6ad1bc56c16b15b5bc66c1a"
            + "b16bc6ad1bc56c16b15bc6ac0f8a4ecf884fcb4e0f824fcb8e0fab4eb5405143",
    };
    private static final int K = 8 * 256;

    private static float input(int i) {
        int v = i % 256;
        switch (i / 256) {
            case 0:
                return (float) ((i * 7919) % 2003 - 1001) / 313.0f;
            case 1:
                return (float) ((i * 104729) % 997 + 3) / 211.0f;
            case 2:
                return 0.0f;
            case 3:
                return -2.0f;
            default:
                return (float) ((i * 40503) % 65521 - 32760) / 4099.0f * (v % 37 == 0 ? 9.0f : 1.0f);
        }
    }

    private static BlockTensor weights() {
        float[] x = new float[K];
        for (int i = 0; i < K; i++) {
            x[i] = input(i);
        }
        return BlockTensor.quantize(BlockFormat.Q2_K, 1, K, x);
    }

    @Test
    void blocksAreGgmlsBytes() {
        byte[] data = weights().data();
        for (int b = 0; b < BLOCKS.length; b++) {
            byte[] block = java.util.Arrays.copyOfRange(data, 84 * b, 84 * b + 84);
            assertEquals(BLOCKS[b], HexFormat.of().formatHex(block), "block " + b);
        }
    }

    @Test
    void dequantizedValuesAreGgmls() {
        float[] y = weights().dequantize();
        int hash = 0x811C9DC5; // FNV-1a over the float bits, low byte first, as the C program hashes them
        for (float v : y) {
            int bits = Float.floatToRawIntBits(v);
            for (int s = 0; s < 32; s += 8) {
                hash = (hash ^ (bits >>> s & 0xFF)) * 16777619;
            }
        }
        assertEquals(0x1c4b2c31, hash);
        assertEquals(0x1.bd5p-1f, y[5]);
    }

    @Test
    void dotProductIsGgmlsGenericKernel() {
        float[] a = new float[K];
        for (int i = 0; i < K; i++) {
            a[i] = (float) ((i * 48271) % 4093 - 2046) / 517.0f;
        }
        BlockTensor w = weights();
        BlockTensor x = BlockTensor.row(BlockFormat.Q8_K, a);
        assertEquals(0xc3b930be, Float.floatToRawIntBits(new ScalarBaselineGemv().dot(w, 0, x)));
        for (int bits : new int[] {128, 256, 512}) {
            assertEquals(0xc3b930be, Float.floatToRawIntBits(new PanamaBaselineGemv(bits).dot(w, 0, x)), bits + " bits");
        }
    }
}
