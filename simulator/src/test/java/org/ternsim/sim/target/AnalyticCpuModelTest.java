// The analytic CPU roofline: one core's DRAM bandwidth is capped by its misses in flight, and f16 matmuls pay F16C.
package org.ternsim.sim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.CacheConfig;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.workload.OpClass;
import org.ternsim.sim.workload.Operator;

class AnalyticCpuModelTest {

    private static final HardwareConfig EPYC = HardwareConfigLoader.load(Path.of("../configs/hw/epyc-7v13.yaml"));
    private static final Microarchitecture ZEN3 = UarchLoader.load("zen3");

    /** A 128256 x 2560 f16 LM head: 656 MB of weights, far beyond every cache. */
    private static final Operator LM_HEAD = new Operator("lm_head", -1, "", OpClass.LINEAR, "f16", 128256, 2560, 1, 0,
        0, 0, "f16", 0);

    @Test
    void oneCoreCannotUseTheWholeMemoryBandwidth() {
        CacheConfig l2 = EPYC.caches().get(1);
        double latencyCycles = EPYC.dram().latencyNs() * 1e-9 * EPYC.core().freqHz();
        double perCore = AnalyticCpuModel.coreDramBytesPerCycle(EPYC);
        assertEquals(l2.mshrs() * l2.lineBytes() / latencyCycles, perCore, 1e-9);
        double machine = EPYC.dram().bandwidthBytesPerSec() / EPYC.core().freqHz();
        assertTrue(perCore < machine, "one Zen 3 core (48 misses in flight) is below the NUMA domain's bandwidth");
        // Memory-bound element-wise work over a DRAM-resident operand: 1 thread is capped per core, 64 by the machine.
        // (activations come from L1 at 64 B per cycle per thread on top).
        Operator rows = new Operator("embedding", -1, "", OpClass.EMBEDDING, "get_rows", 0, 1024, 1 << 16, 0, 0, 0,
            "f32", 0);
        double one = new AnalyticCpuModel(EPYC, ZEN3, 1, true).cost(rows, "test").cycles();
        double all = new AnalyticCpuModel(EPYC, ZEN3, 64, true).cost(rows, "test").cycles();
        assertEquals(rows.weightBytes() / perCore + rows.activationBytes() / 64, one, 1e-6 * one);
        assertEquals(rows.weightBytes() / machine + rows.activationBytes() / (64.0 * 64), all, 1e-6 * all);
    }

    @Test
    void f16MatmulsAreBoundByTheirConversionsOnZen3() {
        double rthr = ZEN3.desc(AnalyticCpuModel.F16_CONVERT).rthr();
        OperatorCost c = new AnalyticCpuModel(EPYC, ZEN3, 64, true).cost(LM_HEAD, "test");
        double conversions = LM_HEAD.macs() * 2 / 8 * rthr / 64;
        double dram = LM_HEAD.weightBytes() / (EPYC.dram().bandwidthBytesPerSec() / EPYC.core().freqHz())
            + LM_HEAD.activationBytes() / (64.0 * 64);
        assertEquals(Math.max(conversions, dram), c.cycles(), 1e-6 * c.cycles());
        // One thread: two conversions per 8 MACs at 1 per cycle leave 4 MACs per cycle.
        OperatorCost one = new AnalyticCpuModel(EPYC, ZEN3, 1, true).cost(LM_HEAD, "test");
        assertTrue(one.cycles() >= LM_HEAD.macs() / 4 - 1, "cycles " + one.cycles());
        assertEquals("compute", one.bound());
    }

    /** Q2_K: 84 bytes per 256 weights, and ggml's AVX2 dot of 81 vector ops per 256 against Q4_0's 10 per 32. */
    @Test
    void q2KIsCostedFromItsBlockBytesAndGgmlsAvx2Loop() {
        Operator q2 = new Operator("w", 0, "layer", OpClass.LINEAR, "q2_k", 2560, 2560, 1, 0, 0, 0, "q2_k", 0);
        Operator q4 = new Operator("w", 0, "layer", OpClass.LINEAR, "q4_0", 2560, 2560, 1, 0, 0, 0, "q4_0", 0);
        assertEquals(2560.0 * 2560 / 256 * 84, q2.weightBytes(), 1e-6);
        AnalyticCpuModel cached = new AnalyticCpuModel(EPYC, ZEN3, 1, false);
        OperatorCost c2 = cached.cost(q2, "test");
        assertEquals("compute", c2.bound());
        assertEquals((81.0 / 256) / (10.0 / 32), c2.cycles() / cached.cost(q4, "test").cycles(), 1e-9);
    }

    /** Arm cores take their vector rate from the NEON add of their table: Apple M2 issues four, Neoverse N2 two. */
    @Test
    void armCoresTakeTheirVectorRateFromTheirOwnTable() {
        HardwareConfig m2 = HardwareConfigLoader.load(Path.of("../configs/hw/apple-m2-ultra.yaml"));
        HardwareConfig n2 = HardwareConfigLoader.load(Path.of("../configs/hw/cobalt-100.yaml"));
        AnalyticCpuModel apple = new AnalyticCpuModel(m2, UarchLoader.load("apple-m2"), 1, false);
        AnalyticCpuModel neoverse = new AnalyticCpuModel(n2, UarchLoader.load("neoverse-n2"), 1, false);
        assertEquals("add v4s, v4s, v4s rthr 0.25 in apple-m2.yaml", apple.throughputSource());
        assertEquals("add v4s, v4s, v4s rthr 0.5 in neoverse-n2.yaml", neoverse.throughputSource());
        Operator small = new Operator("w", 0, "layer", OpClass.LINEAR, "i2_s", 256, 256, 1, 0, 0, 0, "i2_s", 0);
        double ratio = neoverse.cost(small, "test").cycles() / apple.cost(small, "test").cycles();
        assertTrue(ratio > 1.9 && ratio < 2.1, "N2 / M2 cycles of a cache-resident GEMV: " + ratio);
    }

    @Test
    void aPromptGemmSharesTheWeightWorkOverATileButAGemvDoesNot() {
        AnalyticCpuModel.OpsPerMac a16 = AnalyticCpuModel.opsPerMac("i2_s-a16");
        Operator gemv = new Operator("w", 0, "layer", OpClass.LINEAR, "i2_s-a16", 3072, 3072, 1, 0, 0, 0, "i2_s-a16", 0);
        Operator gemm = new Operator("w", 0, "layer", OpClass.LINEAR, "i2_s-a16", 3072, 3072, 4096, 0, 0, 0,
            "i2_s-a16", 0);
        AnalyticCpuModel m = new AnalyticCpuModel(EPYC, ZEN3, 64, false);
        double perMacGemv = m.cost(gemv, "test").cycles() / gemv.macs();
        double perMacGemm = m.cost(gemm, "test").cycles() / gemm.macs();
        // x86 Nx1 tiles 4 tokens (kernels.md §2.5): the weight side costs a quarter per MAC, the token side the same.
        assertEquals((a16.token() + a16.weight() / 4) / a16.total(), perMacGemm / perMacGemv, 1e-3);
        assertEquals(4, AnalyticCpuModel.tokensSharingWeights(java.util.List.of("avx2"), 128));
        assertEquals(8, AnalyticCpuModel.tokensSharingWeights(java.util.List.of("neon-dotprod", "neon"), 128));
        assertEquals(1, AnalyticCpuModel.tokensSharingWeights(java.util.List.of("avx2"), 3));
    }

    @Test
    void ggmlRunsTheReluAndSquareOfAReluSquaredGluOnOneThread() {
        // 2B4T's ffn_act over a 128-token prompt: relu and sqr on thread 0, the gate multiply on all threads.
        Operator act = new Operator("ffn_act", 0, "layer", OpClass.ACTIVATION, "relu2_glu", 0, 6912, 128, 0, 0, 3,
            "f32", 0);
        double one = new AnalyticCpuModel(EPYC, ZEN3, 1, true).cost(act, "test").cycles();
        double sixteen = new AnalyticCpuModel(EPYC, ZEN3, 16, true).cost(act, "test").cycles();
        assertEquals(one * (2.0 / 3 + 1.0 / 3 / 16), sixteen, 1e-9 * one);
        // An operator ggml splits over rows still scales with the threads.
        Operator norm = new Operator("ffn_norm", 0, "layer", OpClass.NORM, "rmsnorm", 0, 2560, 128, 0, 0, 4, "f32", 0);
        double normOne = new AnalyticCpuModel(EPYC, ZEN3, 1, true).cost(norm, "test").cycles();
        double normSixteen = new AnalyticCpuModel(EPYC, ZEN3, 16, true).cost(norm, "test").cycles();
        assertEquals(normOne / 16, normSixteen, 1e-9 * normOne);
    }

    @Test
    void aPromptsAttentionScoresEveryStoredKey() {
        // 128-token prompt on an empty cache: the operator counts the causal mean of 64 keys, ggml scores all 128.
        Operator prompt = new Operator("attention", 0, "layer", OpClass.ATTENTION,
            org.ternsim.sim.workload.WorkloadLowering.CAUSAL_PROMPT_ATTENTION, 20, 128, 128, 64, 5, 0, "f16", 0);
        Operator asMean = new Operator("attention", 0, "layer", OpClass.ATTENTION, "sdpa", 20, 128, 128, 64, 5, 0,
            "f16", 0);
        AnalyticCpuModel m = new AnalyticCpuModel(EPYC, ZEN3, 1, true);
        assertEquals(2.0, m.cost(prompt, "test").cycles() / m.cost(asMean, "test").cycles(), 1e-9);
        // Over the f16 cache on Zen 3 both matmuls are bound by F16C: two conversions per 8 MACs at rthr 1.
        double rthr = ZEN3.desc(AnalyticCpuModel.F16_CONVERT).rthr();
        assertEquals(prompt.macs() * 2 / 8 * 2 * rthr, m.cost(prompt, "test").cycles(), 1e-6 * prompt.macs());
        assertEquals(128, org.ternsim.sim.workload.WorkloadLowering.keysStored(prompt));
        assertEquals(64, org.ternsim.sim.workload.WorkloadLowering.keysStored(asMean));
    }

    /**
     * On AArch64 the fork's build has no FP16 vector arithmetic, so ggml widens both f16 operands with FCVTL, four
     * halves at a time: on Neoverse N2 (one FCVTL per 2 cycles, V0 only) a prompt's attention runs at 1 MAC per cycle.
     */
    @Test
    void armAttentionOverTheF16CacheIsBoundByFcvtl() {
        HardwareConfig cobalt = HardwareConfigLoader.load(Path.of("../configs/hw/cobalt-100.yaml"));
        Microarchitecture n2 = UarchLoader.load("neoverse-n2");
        Operator prompt = new Operator("attention", 0, "layer", OpClass.ATTENTION,
            org.ternsim.sim.workload.WorkloadLowering.CAUSAL_PROMPT_ATTENTION, 20, 128, 128, 64, 5, 0, "f16", 0);
        double rthr = n2.desc(AnalyticCpuModel.F16_CONVERT_ARM).rthr();
        assertEquals(2.0, rthr);
        double macs = prompt.macs() * 2; // every stored key, twice the causal mean
        OperatorCost one = new AnalyticCpuModel(cobalt, n2, 1, false).cost(prompt, "test");
        assertEquals(macs / 4 * 2 * rthr, one.cycles(), 1e-6 * macs);
        assertEquals(macs, one.cycles(), 1e-6 * macs);
        OperatorCost eight = new AnalyticCpuModel(cobalt, n2, 8, false).cost(prompt, "test");
        assertEquals(macs / 8, eight.cycles(), 1e-6 * macs);
    }

    @Test
    void bitnetsInt8QuantizerCarriesAScalarAbsmaxChainAndSplitsTokensOverThreads() {
        double maxLatency = ZEN3.desc(GgmlGraph.ABSMAX_CHAIN_FORM).latency();
        Operator prompt = new Operator("ffn_quant", 0, "layer", OpClass.QUANTIZE, "quant_int8", 0, 2560, 128, 0, 0, 4,
            "f32", 0);
        double one = new AnalyticCpuModel(EPYC, ZEN3, 1, true).cost(prompt, "test").cycles();
        assertTrue(one >= 2560 * 128 * maxLatency, "one max per element on one thread: " + one);
        // 12 threads: the slowest does ceil(128 / 12) = 11 of the 128 token rows.
        double twelve = new AnalyticCpuModel(EPYC, ZEN3, 12, true).cost(prompt, "test").cycles();
        assertEquals(one * 11 / 128, twelve, 1e-9 * one);
        // A decode token is one row: thread 0 quantizes it whatever the thread count.
        Operator token = new Operator("ffn_quant", 0, "layer", OpClass.QUANTIZE, "quant_int8", 0, 2560, 1, 0, 0, 4,
            "f32", 0);
        assertEquals(new AnalyticCpuModel(EPYC, ZEN3, 1, true).cost(token, "test").cycles(),
            new AnalyticCpuModel(EPYC, ZEN3, 16, true).cost(token, "test").cycles(), 1e-9);
    }
}
