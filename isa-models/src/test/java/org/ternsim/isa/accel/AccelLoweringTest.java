// Every accelerator lowering, under every loop order and several tilings, equals the functional engine bit for bit.
package org.ternsim.isa.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccelLoweringTest {

    /** Small slots so the mapper must split M, K and N. */
    private static final SlotCapacities SMALL = new SlotCapacities(2048, 2048, 1024, 64, 64);

    @Test
    void everyKernelEveryLoopOrderIsBitExact() {
        // K = 544 = 5 x 96 + 64: TL2 has a pair part; for I2_S kinds K must be whole 128-blocks, so use 640.
        for (AccelKernel k : AccelKernel.values()) {
            int cols = k.isLut() ? 544 : 640;
            for (ActType act : k == AccelKernel.TERNARY_A16 ? List.of(ActType.F16, ActType.BF16) : List.of(k.defaultAct())) {
                AccelShape s = new AccelShape(k, act, 37, cols, 5);
                List<TileMapping> all = AccelMapper.candidates(s, SMALL, 8);
                assertFalse(all.isEmpty(), k.id());
                for (LoopOrder order : LoopOrder.values()) {
                    List<TileMapping> some = all.stream().filter(t -> t.order() == order).toList();
                    assertFalse(some.isEmpty(), k.id() + " " + order);
                    // The first (smallest tiles) and the last (largest) of each order.
                    for (TileMapping t : List.of(some.get(0), some.get(some.size() - 1))) {
                        for (AccelCheck.Data d : AccelCheck.Data.values()) {
                            AccelCheck.Result r = AccelCheck.run(s, t, SMALL, d, 7);
                            assertTrue(r.passed(), k.id() + " " + act + " " + t + " " + d + ": " + r);
                            assertEquals(37L * 5, r.outputs());
                        }
                    }
                }
            }
        }
    }

    @Test
    void gemvOnAwkwardShapes() {
        for (int rows : new int[] {1, 3, 17, 129}) {
            for (AccelKernel k : AccelKernel.values()) {
                int cols = k.isLut() ? 96 * 3 + 32 : 256;
                AccelShape s = new AccelShape(k, k.defaultAct(), rows, cols, 1);
                TileMapping t = AccelMapper.candidates(s, SMALL, 4).get(0);
                assertTrue(AccelCheck.run(s, t, SMALL, AccelCheck.Data.RANDOM, rows).passed(), k.id() + " " + rows);
            }
        }
    }

    @Test
    void aMappingThatDoesNotFitFaultsInsteadOfComputing() {
        AccelShape s = new AccelShape(AccelKernel.I2S, ActType.INT8, 64, 1024, 1);
        TileMapping tooBig = new TileMapping(LoopOrder.ROWS_TOKENS_K, 64, 1024, 1, true);
        assertFalse(AccelMapper.fits(s, tooBig, SMALL));
        assertThrows(IllegalStateException.class, () -> AccelCheck.run(s, tooBig, SMALL, AccelCheck.Data.RANDOM, 1));
    }

    @Test
    void nothingFitsGivesAClearError() {
        AccelShape s = new AccelShape(AccelKernel.I2S, ActType.INT8, 64, 1024, 1);
        SlotCapacities tiny = new SlotCapacities(16, 16, 0, 1, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccelMapper.choose(s, tiny, 8, t -> 0));
        assertTrue(e.getMessage().contains("fits the buffers"), e.getMessage());
    }

    @Test
    void programListingNamesEveryInstruction() {
        AccelShape s = new AccelShape(AccelKernel.TL2, ActType.INT8, 8, 544, 1);
        List<AccelInstr> p = AccelLowering.program(s, AccelMapper.candidates(s, SMALL, 8).get(0), 0.5f);
        String text = String.join("\n", p.stream().map(AccelInstr::asm).toList());
        for (String op : List.of("dma.ld", "lut.build.triple", "lut.build.pair", "lut.acc.triple", "lut.acc.pair",
                "requant.lut", "dma.st", "sync")) {
            assertTrue(text.contains(op), op + " missing in\n" + text);
        }
    }

    @Test
    void zeroSkippingKeepsTheBitsAndSkipsOnlyAllZeroGroups() {
        for (AccelKernel k : List.of(AccelKernel.I2S, AccelKernel.I2S_INT4)) {
            for (int group : new int[] {1, 4, 32, 128}) {
                AccelShape s = new AccelShape(k, k.defaultAct(), 37, 640, 3, group);
                for (TileMapping t : List.of(AccelMapper.candidates(s, SMALL, 8).get(0),
                        AccelMapper.candidates(s, SMALL, 8).get(AccelMapper.candidates(s, SMALL, 8).size() - 1))) {
                    long[] groups = new long[2];
                    AccelCheck.Result r = AccelCheck.run(s, t, SMALL, AccelCheck.Data.RANDOM, 5, 0.5, (in, m) -> {
                        if (in instanceof TernaryMac mac) {
                            for (int c : mac.nonZeroGroups(m)) {
                                groups[0] += c;
                            }
                            groups[1] += (long) mac.tokens() * mac.kLen() / group;
                        }
                    });
                    assertTrue(r.passed(), k.id() + " group " + group + " " + t + ": " + r);
                    assertTrue(groups[0] > 0 && groups[0] <= groups[1], groups[0] + " of " + groups[1]);
                    if (group == 1) {
                        // Top-K 50% zeroes half of each token's 640 activations (quantisation rounds a few more to 0).
                        assertTrue(groups[0] * 2 <= groups[1] && groups[0] * 3 > groups[1], groups[0] + " of " + groups[1]);
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new AccelShape(AccelKernel.TERNARY_A16, ActType.F16, 8, 128, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> new AccelShape(AccelKernel.I2S, ActType.INT8, 8, 128, 1, 3));
    }

    @Test
    void int4ActivationsMoveHalfTheBytesOfInt8() {
        AccelShape s8 = new AccelShape(AccelKernel.I2S, ActType.INT8, 8, 1024, 2);
        AccelShape s4 = new AccelShape(AccelKernel.I2S_INT4, ActType.INT4, 8, 1024, 2);
        TileMapping t = new TileMapping(LoopOrder.ROWS_TOKENS_K, 8, 1024, 2, true);
        long act8 = actBytes(AccelLowering.program(s8, t, 1f));
        long act4 = actBytes(AccelLowering.program(s4, t, 1f));
        assertEquals(2L * 1024, act8);
        assertEquals(act8 / 2, act4);
        // An activation slot of 1 KiB holds two int4 tokens of K = 1024 but not two int8 ones.
        SlotCapacities oneK = new SlotCapacities(4096, 1024, 0, 64, 64);
        assertTrue(AccelMapper.fits(s4, t, oneK));
        assertFalse(AccelMapper.fits(s8, t, oneK));
        assertTrue(AccelCheck.run(s4, t, oneK, AccelCheck.Data.EXTREME_NEGATIVE, 1).passed());
        assertTrue(AccelCheck.run(s4, t, oneK, AccelCheck.Data.RANDOM, 1).passed());
    }

    private static long actBytes(List<AccelInstr> program) {
        return program.stream().filter(i -> i instanceof DmaLoad d && d.dst() == Buf.ACT)
                .mapToLong(i -> ((DmaLoad) i).bytes()).sum();
    }
}
