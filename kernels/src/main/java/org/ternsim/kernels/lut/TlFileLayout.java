// bitnet.cpp's on-disk byte order of TL1 and TL2 tensors (the converter's tile permutation), both directions.
package org.ternsim.kernels.lut;

import java.util.Objects;
import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.quant.TernaryWeights;

/**
 * The byte order written by {@code utils/convert-hf-to-gguf-bitnet.py} (microsoft/BitNet, read in the code corpus):
 * {@code process_tl1} for TL1, {@code preprocess_three_weights_tl2} and {@code preprocess_two_weights_tl2} for TL2.
 * Their numpy reshape/transpose chains are written out here as nested loops over the output in its own order; each
 * loop names the axis it walks. The converter stores the fp32 scale as a separate tensor {@code <name>_scale}, so
 * decoding takes it as an argument. Encoding exists for tests and for writing GGUF fixtures.
 *
 * <p>TL1 (per tile a of BM rows, block b of BK activations, compute block d of bm rows, f of by = 256 / bm
 * activations, h of 16 rows, byte p of 4 activations, row i of 16): byte = index(pair 2p) << 4 | index(pair 2p + 1),
 * pair index 3 (w0 + 1) + (w1 + 1).
 *
 * <p>TL2, three K part (K3 = floor(K / BK) BK): index bytes per (a, b, d, f of by = 6), bm rows in 8-row groups stored
 * in order [0, 2, 1, 3], byte = |v| of triple 2 f' << 4 | |v| of triple 2 f' + 1; then sign words per (a, b, d, group
 * of 4 compute blocks = 8 triples): 16 little-endian uint16 words, word w bit 15 - (2 t + r / 16) = sign of triple t of
 * row r (r % 16 = w). Two K part: TL1 pairs with BK = 32, bm = 32, by = 4, the same 8-row group order. The tensor is
 * zero-padded to the converter's size (K - 256) M / 3 * 5 / 8 + 256 M / 2 * 4 / 8.
 */
public final class TlFileLayout {

    private TlFileLayout() {
    }

    /** One nibble pair: byte {@code pos} holds index (row, hi) in its high nibble and (row, lo) in its low nibble. */
    private interface Visitor {
        void visit(int pos, int row, int hi, int lo);
    }

    // ---- TL1 ----

    public static byte[] encodeTl1(TernaryWeights t, TlKernelConfig c) {
        checkTl1(t.rows(), t.cols(), c);
        byte[] out = new byte[t.rows() * t.cols() / 4];
        walkPairs(t.rows(), t.cols(), c.bigM(), c.bigK(), c.smallM(), 256 / c.smallM(), false, 0,
            (pos, row, hi, lo) -> out[pos] = (byte) (pairIndex(t, row, 0, hi) << 4 | pairIndex(t, row, 0, lo)));
        return out;
    }

    public static TernaryWeights decodeTl1(byte[] data, int rows, int cols, TlKernelConfig c, float scale) {
        checkTl1(rows, cols, c);
        checkLength(data, (long) rows * cols / 4, "TL1");
        byte[] trits = new byte[Math.multiplyExact(rows, cols)];
        walkPairs(rows, cols, c.bigM(), c.bigK(), c.smallM(), 256 / c.smallM(), false, 0, (pos, row, hi, lo) -> {
            setPair(trits, cols, row, 2 * hi, (data[pos] >> 4) & 0xF, pos);
            setPair(trits, cols, row, 2 * lo, data[pos] & 0xF, pos);
        });
        return TernaryQuantizer.fromTrits(trits, rows, cols, scale);
    }

    // ---- TL2 ----

    /** Bytes of a TL2 tensor as the converter pads it (kernels.md §4.1's hard-coded TwoK = 256). */
    public static long tl2Bytes(int rows, int cols) {
        // Python's floor division, which differs from Java's for K < 256
        return Math.floorDiv(Math.floorDiv((long) (cols - 256) * rows, 3) * 5, 8) + 256L * rows / 2 * 4 / 8;
    }

    public static byte[] encodeTl2(TernaryWeights t, TlKernelConfig c) {
        int rows = t.rows();
        int cols = t.cols();
        int threeK = checkTl2(rows, cols, c);
        byte[] out = new byte[(int) Math.max(tl2Bytes(rows, cols), sections(rows, cols, threeK))];
        walkTriples(rows, threeK, c, (pos, row, hi, lo) -> out[pos] = (byte) (Math.abs(tripleValue(t, row, hi)) << 4
            | Math.abs(tripleValue(t, row, lo))));
        int signBase = rows * threeK / 6;
        walkSigns(rows, threeK, c, (word, row, triple, bit) -> {
            if (tripleValue(t, row, triple) < 0) {
                int at = signBase + 2 * word + bit / 8;
                out[at] |= (byte) (1 << (bit % 8));
            }
        });
        int pairBase = signBase + rows * threeK / 24;
        walkPairs(rows, cols - threeK, c.bigM(), 32, 32, 4, true, pairBase,
            (pos, row, hi, lo) -> out[pos] = (byte) (pairIndex(t, row, threeK, hi) << 4 | pairIndex(t, row, threeK, lo)));
        return out;
    }

    public static TernaryWeights decodeTl2(byte[] data, int rows, int cols, TlKernelConfig c, float scale) {
        int threeK = checkTl2(rows, cols, c);
        checkLength(data, sections(rows, cols, threeK), "TL2");
        byte[] trits = new byte[Math.multiplyExact(rows, cols)];
        int[] values = new int[rows * (threeK / 3)];
        walkTriples(rows, threeK, c, (pos, row, hi, lo) -> {
            values[row * (threeK / 3) + hi] = index(data[pos] >> 4, 13, pos);
            values[row * (threeK / 3) + lo] = index(data[pos], 13, pos);
        });
        int signBase = rows * threeK / 6;
        walkSigns(rows, threeK, c, (word, row, triple, bit) -> {
            if ((data[signBase + 2 * word + bit / 8] >> (bit % 8) & 1) != 0) {
                values[row * (threeK / 3) + triple] = -values[row * (threeK / 3) + triple];
            }
        });
        for (int row = 0; row < rows; row++) {
            for (int tr = 0; tr < threeK / 3; tr++) {
                int v = values[row * (threeK / 3) + tr];
                for (int p = 0; p < 3; p++) {
                    trits[row * cols + 3 * tr + p] = (byte) TripleIndex.trit(Math.abs(v), p);
                    if (v < 0) {
                        trits[row * cols + 3 * tr + p] = (byte) -trits[row * cols + 3 * tr + p];
                    }
                }
            }
        }
        int pairBase = signBase + rows * threeK / 24;
        walkPairs(rows, cols - threeK, c.bigM(), 32, 32, 4, true, pairBase, (pos, row, hi, lo) -> {
            setPair(trits, cols, row, threeK + 2 * hi, (data[pos] >> 4) & 0xF, pos);
            setPair(trits, cols, row, threeK + 2 * lo, data[pos] & 0xF, pos);
        });
        return TernaryQuantizer.fromTrits(trits, rows, cols, scale);
    }

    // ---- walks in the converter's output order ----

    /**
     * Pair-index bytes of an M x K section: tiles a (BM rows) x b (BK activations), compute blocks d (bm rows) x f
     * (by activations). TL1 then walks h (16-row slices), p (bytes of 4 activations), i (rows); TL2's pair part walks
     * the bm rows in 8-row groups [0, 2, 1, 3] with one byte (2 pairs, by = 4) per row.
     */
    private static void walkPairs(int rows, int cols, int bigM, int bigK, int smallM, int by, boolean tl2Rows, int base,
                                  Visitor v) {
        int pos = base;
        for (int a = 0; a < rows / bigM; a++) {
            for (int b = 0; b < cols / bigK; b++) {
                for (int d = 0; d < bigM / smallM; d++) {
                    for (int f = 0; f < bigK / by; f++) {
                        int pair0 = (b * bigK + f * by) / 2;
                        int row0 = a * bigM + d * smallM;
                        if (tl2Rows) {
                            for (int e = 0; e < smallM; e++) {
                                int row = row0 + groupOrder(e);
                                v.visit(pos++, row, pair0, pair0 + 1);
                            }
                        } else {
                            for (int h = 0; h < smallM / 16; h++) {
                                for (int p = 0; p < by / 4; p++) {
                                    for (int i = 0; i < 16; i++) {
                                        v.visit(pos++, row0 + 16 * h + i, pair0 + 2 * p, pair0 + 2 * p + 1);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Triple-index bytes: tiles a x b, compute blocks d x f (by = 6: two triples), rows in 8-row groups [0, 2, 1, 3]. */
    private static void walkTriples(int rows, int threeK, TlKernelConfig c, Visitor v) {
        int by = 192 / c.smallM();
        int pos = 0;
        for (int a = 0; a < rows / c.bigM(); a++) {
            for (int b = 0; b < threeK / c.bigK(); b++) {
                for (int d = 0; d < c.bigM() / c.smallM(); d++) {
                    for (int f = 0; f < c.bigK() / by; f++) {
                        int triple0 = (b * c.bigK() + f * by) / 3;
                        for (int e = 0; e < c.smallM(); e++) {
                            v.visit(pos++, a * c.bigM() + d * c.smallM() + groupOrder(e), triple0, triple0 + 1);
                        }
                    }
                }
            }
        }
    }

    private interface SignVisitor {
        void visit(int word, int row, int triple, int bit);
    }

    /** Sign words: per tiles a x b, compute block d and group F of 8 triples, 16 words; see the class comment. */
    private static void walkSigns(int rows, int threeK, TlKernelConfig c, SignVisitor v) {
        int by = 192 / c.smallM();
        int word = 0;
        for (int a = 0; a < rows / c.bigM(); a++) {
            for (int b = 0; b < threeK / c.bigK(); b++) {
                for (int d = 0; d < c.bigM() / c.smallM(); d++) {
                    for (int g = 0; g < c.bigK() / (4 * by); g++) {
                        int triple0 = (b * c.bigK() + g * 4 * by) / 3;
                        for (int w = 0; w < 16; w++) {
                            for (int i = 0; i < 16; i++) {
                                int flat = 16 * i + w;
                                int t = flat / c.smallM();
                                int r = flat % c.smallM();
                                v.visit(word + w, a * c.bigM() + d * c.smallM() + r, triple0 + t, 15 - i);
                            }
                        }
                        word += 16;
                    }
                }
            }
        }
    }

    /** Row e of a 32-row compute block is stored at 8-row group order [0, 2, 1, 3]: groups 1 and 2 swap. */
    private static int groupOrder(int e) {
        int group = e / 8;
        int stored = group == 1 ? 2 : group == 2 ? 1 : group;
        return 8 * stored + e % 8;
    }

    // ---- element access ----

    private static int pairIndex(TernaryWeights t, int row, int from, int pair) {
        int k = row * t.cols() + from + 2 * pair;
        return 3 * (t.trits()[k] + 1) + t.trits()[k + 1] + 1;
    }

    private static int tripleValue(TernaryWeights t, int row, int triple) {
        int k = row * t.cols() + 3 * triple;
        return 9 * t.trits()[k] + 3 * t.trits()[k + 1] + t.trits()[k + 2];
    }

    private static void setPair(byte[] trits, int cols, int row, int k, int index, int pos) {
        index(index, 8, pos);
        trits[row * cols + k] = (byte) (index / 3 - 1);
        trits[row * cols + k + 1] = (byte) (index % 3 - 1);
    }

    private static int index(int nibble, int max, int pos) {
        int index = nibble & 0xF;
        if (index > max) {
            throw new IllegalArgumentException("byte " + pos + " holds index " + index + ", outside 0.." + max);
        }
        return index;
    }

    // ---- checks ----

    private static long sections(int rows, int cols, int threeK) {
        return (long) rows * threeK / 6 + (long) rows * threeK / 24 + (long) rows * (cols - threeK) / 4;
    }

    private static void checkTl1(int rows, int cols, TlKernelConfig c) {
        if (c.smallM() != 32 && c.smallM() != 64) {
            throw new IllegalArgumentException("TL1 needs bm 32 or 64, got " + c.smallM());
        }
        if (rows % c.bigM() != 0 || cols % c.bigK() != 0 || c.bigK() % (256 / c.smallM()) != 0) {
            throw new IllegalArgumentException("TL1 layout needs M % BM == 0, K % BK == 0 and BK % (256 / bm) == 0, got "
                    + rows + "x" + cols + " with " + c);
        }
    }

    private static int checkTl2(int rows, int cols, TlKernelConfig c) {
        if (c.smallM() != 32 || c.bigK() % 24 != 0) {
            throw new IllegalArgumentException("TL2 layout needs bm = 32 and BK a multiple of 24, got " + c);
        }
        int threeK = cols / c.bigK() * c.bigK();
        if (rows % c.bigM() != 0 || (cols - threeK) % 32 != 0 || c.bigM() % 32 != 0) {
            throw new IllegalArgumentException("TL2 layout needs M % BM == 0, BM % 32 == 0 and K % BK % 32 == 0, got "
                    + rows + "x" + cols + " with " + c);
        }
        return threeK;
    }

    private static void checkLength(byte[] data, long needed, String format) {
        Objects.requireNonNull(data, "data");
        if (data.length < needed) {
            throw new IllegalArgumentException(format + " tensor needs at least " + needed + " bytes, got " + data.length);
        }
    }
}
