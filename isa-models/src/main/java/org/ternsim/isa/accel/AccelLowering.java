// Lowers a GEMV/GEMM of one kernel to an accelerator program for a tile mapping, streaming instructions to a sink.
package org.ternsim.isa.accel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Emits the program of {@code shape} under {@code mapping}. DRAM regions (built by {@link AccelImage}): {@code w}
 * (I2_S tensor bytes, row-major, K / 4 bytes per row) or, for TL2, {@code w.idx}, {@code w.sign}, {@code w.pair} (the
 * three sections of {@code lut.Tl2Weights}); {@code a} (token-major activations); {@code p} (8 bytes per token:
 * int32 code sum, float32 scale); {@code y} (N x M float32 outputs). Instructions are streamed, not stored, so timing a
 * huge shape needs no memory for its program. A tile already in a slot is not loaded again.
 */
public final class AccelLowering {

    private final AccelShape s;
    private final TileMapping map;
    private final float weightScale;
    private final Consumer<AccelInstr> out;
    private final SlotTracker w = new SlotTracker();
    private final SlotTracker a = new SlotTracker();
    private final SlotTracker l = new SlotTracker();
    private final SlotTracker p = new SlotTracker();
    private int outSlot = 1;
    /** The previous output tile's requantise and store, emitted once the next tile's first loads are queued. */
    private final List<AccelInstr> pendingEpilogue = new ArrayList<>();

    private AccelLowering(AccelShape s, TileMapping map, float weightScale, Consumer<AccelInstr> out) {
        this.s = s;
        this.map = map;
        this.weightScale = weightScale;
        this.out = out;
    }

    /** Streams the program to {@code out}; ends with {@link Sync}. */
    public static void lower(AccelShape shape, TileMapping mapping, float weightScale, Consumer<AccelInstr> out) {
        new AccelLowering(shape, mapping, weightScale, out).emit();
    }

    /** The program as a list (small shapes, tests, listings). */
    public static List<AccelInstr> program(AccelShape shape, TileMapping mapping, float weightScale) {
        List<AccelInstr> list = new ArrayList<>();
        lower(shape, mapping, weightScale, list::add);
        return list;
    }

    /** One K tile: start, length, and for TL2 which table kind it uses. */
    record KTile(int k0, int len, LutKind kind) {}

    /** The K tiles in increasing k: the triple/I2_S tiles of size kTile, then TL2's pair tile. */
    static List<KTile> kTiles(AccelShape s, int kTile) {
        List<KTile> tiles = new ArrayList<>();
        for (int k0 = 0; k0 < s.threeK(); k0 += kTile) {
            tiles.add(new KTile(k0, Math.min(kTile, s.threeK() - k0), LutKind.TRIPLE));
        }
        if (s.twoK() > 0) {
            tiles.add(new KTile(s.threeK(), s.twoK(), LutKind.PAIR));
        }
        return tiles;
    }

    private void emit() {
        List<KTile> ks = kTiles(s, map.kTile());
        int m = s.rows();
        int n = s.tokens();
        switch (map.order()) {
            case ROWS_TOKENS_K:
                for (int r0 = 0; r0 < m; r0 += map.rowTile()) {
                    for (int n0 = 0; n0 < n; n0 += map.tokenTile()) {
                        outputTile(r0, n0, Math.min(map.tokenTile(), n - n0), ks);
                    }
                }
                break;
            case TOKENS_ROWS_K:
                for (int n0 = 0; n0 < n; n0 += map.tokenTile()) {
                    for (int r0 = 0; r0 < m; r0 += map.rowTile()) {
                        outputTile(r0, n0, Math.min(map.tokenTile(), n - n0), ks);
                    }
                }
                break;
            default:
                for (int r0 = 0; r0 < m; r0 += map.rowTile()) {
                    outputTile(r0, 0, n, ks);
                }
        }
        flushEpilogue();
        out.accept(new Sync());
    }

    private void flushEpilogue() {
        pendingEpilogue.forEach(out);
        pendingEpilogue.clear();
    }

    /** Accumulates rows [r0, r0 + rows) for tokens [n0, n0 + nt) over all of K, requantises and stores them. */
    private void outputTile(int r0, int n0, int nt, List<KTile> ks) {
        int rows = Math.min(map.rowTile(), s.rows() - r0);
        outSlot ^= 1;
        int pSlot = load(p, "p:" + n0 + ":" + nt, Buf.PARAM, "p", (long) n0 * 8, nt * 8, 1, nt * 8L);
        for (KTile k : ks) {
            int wSlot = loadWeights(r0, rows, k);
            // Software pipelining: the previous tile's epilogue goes after this tile's first loads, so the in-order
            // DMA queue prefetches instead of waiting behind the previous store.
            flushEpilogue();
            for (int t0 = n0; t0 < n0 + nt; t0 += map.tokenTile()) {
                int tt = Math.min(map.tokenTile(), n0 + nt - t0);
                compute(wSlot, rows, k, t0, tt, (t0 - n0) * rows, k.k0() == 0);
            }
        }
        pendingEpilogue.add(new Requantise(outSlot, pSlot, 0, rows, nt, epilogue(), weightScale));
        pendingEpilogue.add(new DmaStore("y", ((long) n0 * s.rows() + r0) * 4, (long) s.rows() * 4, outSlot, rows * 4,
                nt));
    }

    private void compute(int wSlot, int rows, KTile k, int t0, int tt, int oOffset, boolean clear) {
        // Token rows are whole bytes; K tiles start at multiples of 96 or 128 elements, so k0 is a whole byte too.
        int row = Math.toIntExact(s.act().bytes(s.cols()));
        int k0 = Math.toIntExact(s.act().bytes(k.k0()));
        int aSlot;
        int aOffset;
        int aStride;
        if (map.actWholeK()) {
            aSlot = load(a, "a:" + t0 + ":" + tt, Buf.ACT, "a", (long) t0 * row, tt * row, 1, (long) tt * row);
            aOffset = k0;
            aStride = row;
        } else {
            int len = Math.toIntExact(s.act().bytes(k.len()));
            aSlot = load(a, "a:" + t0 + ":" + tt + ":" + k.k0(), Buf.ACT, "a", (long) t0 * row + k0, len, tt, row);
            aOffset = 0;
            aStride = len;
        }
        if (!s.kernel().isLut()) {
            out.accept(new TernaryMac(wSlot, aSlot, aOffset, aStride, outSlot, oOffset, rows, rows, k.len(), tt,
                    s.act(), clear, s.skipGroup()));
            return;
        }
        LutKind kind = k.kind();
        int groups = k.len() / kind.activations();
        int block = kind == LutKind.TRIPLE ? AccelKernel.TL2_BK / 3 : 16;
        for (int t = 0; t < tt; t++) {
            String key = "l:" + (t0 + t) + ":" + k.k0();
            int lSlot = l.find(key);
            if (lSlot < 0) {
                lSlot = l.claim(key);
                out.accept(new LutBuild(aSlot, aOffset + t * aStride, lSlot, groups, kind));
            }
            out.accept(new LutAccumulate(wSlot, lSlot, outSlot, oOffset + t * rows, rows, groups, block, kind, clear));
        }
    }

    private int loadWeights(int r0, int rows, KTile k) {
        String key = "w:" + r0 + ":" + k.k0();
        int slot = w.find(key);
        if (slot >= 0) {
            return slot;
        }
        slot = w.claim(key);
        if (!s.kernel().isLut()) {
            long rowBytes = s.cols() / 4;
            out.accept(new DmaLoad(Buf.WEIGHT, slot, 0, "w", r0 * rowBytes + k.k0() / 4, k.len() / 4, rows, rowBytes));
        } else if (k.kind() == LutKind.TRIPLE) {
            int triples = s.threeK() / 3;
            long idxRow = triples / 2;
            long signRow = (triples + 15) / 16 * 2L;
            int idxBytes = k.len() / 6;
            out.accept(new DmaLoad(Buf.WEIGHT, slot, 0, "w.idx", r0 * idxRow + k.k0() / 6, idxBytes, rows, idxRow));
            out.accept(new DmaLoad(Buf.WEIGHT, slot, rows * idxBytes, "w.sign", r0 * signRow + k.k0() / 24,
                    k.len() / 24, rows, signRow));
        } else {
            long pairRow = s.twoK() / 4;
            out.accept(new DmaLoad(Buf.WEIGHT, slot, 0, "w.pair", r0 * pairRow, (int) pairRow, rows, pairRow));
        }
        return slot;
    }

    private int load(SlotTracker t, String key, Buf buf, String region, long src, int rowBytes, int rows, long stride) {
        int slot = t.find(key);
        if (slot < 0) {
            slot = t.claim(key);
            out.accept(new DmaLoad(buf, slot, 0, region, src, rowBytes, rows, stride));
        }
        return slot;
    }

    private Epilogue epilogue() {
        if (s.kernel().isLut()) {
            return Epilogue.LUT;
        }
        return s.act().isFloat() ? Epilogue.A16 : Epilogue.I2S;
    }
}
