// Operators without a lowered program: bytes over the bandwidth of where they live, operations over SIMD throughput.
package org.ternsim.sim.target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.isa.uarch.InstrDesc;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.sim.config.CacheConfig;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.workload.OpClass;
import org.ternsim.sim.workload.Operator;

/**
 * A roofline per operator, honest about being one (results mark it {@code model: analytic}):
 * <ul>
 *   <li>compute cycles = vector instructions / (vector instructions per cycle x threads). Vector instructions per MAC
 *       come from each kernel's published inner loop (table below); vector instructions per cycle is 1 / rthr of the
 *       core's 256-bit integer add in its uarch table (4 on Zen 5), and 256-bit instructions are scaled by the core's
 *       vector width. In a GEMM of several tokens the work on the weights (load, unpack) is shared by the tokens of
 *       one activation-parallel tile, as in bitnet.cpp's Nx1 path; the work per token is not.</li>
 *   <li>f16 matmuls also pay their conversions: ggml's F16 matmul converts the activations to F16 too (type_traits
 *       {@code vec_dot_type = GGML_TYPE_F16}) and {@code ggml_vec_dot_f16} widens both operands with F16C, so every
 *       8 MACs take two {@code vcvtph2ps ymm, xmm} (one of them, on the weights, shared by a GEMM tile's tokens); on
 *       cores whose table times that form, compute cycles are at least that many x its rthr (Zen 3: 2 uops on
 *       FP2/FP3, rthr 1, so a GEMV runs at most 4 MACs per cycle). Attention over an f16 KV cache is two such
 *       matmuls (QK^T, AV: ggml converts the queries and the softmax output to F16), two conversions per 8 MACs.</li>
 *   <li>memory cycles = weight (or KV-cache) bytes / DRAM bandwidth when the model's weights do not fit in the last
 *       cache level, else / the L3; activations are taken from L1 at two 32-byte loads per cycle per thread. DRAM
 *       bandwidth is also capped per thread at what one core keeps in flight: the misses its last private cache level
 *       tracks (MSHRs) x line size / DRAM latency (cpus.md §10.2: model per-core bandwidth as a limit of its own).</li>
 *   <li>cycles = max of the two (perfect overlap); the larger names the bound.</li>
 *   <li>ggml's execution of the graph ({@link GgmlGraph}): the share of an operator that ggml runs on one thread
 *       (the ReLU and the square of a ReLU^2-GLU) costs its one-thread time; a prompt's attention scores every key
 *       stored after the prompt (masked), not the causal mean the operator counts; row-split nodes cost the
 *       slowest thread's ceil(tokens / threads) rows; bitnet.cpp's int8 quantizer adds its scalar absmax chain (one
 *       max latency per element) where the core's table times that max.</li>
 * </ul>
 * Energy: instructions x (core.instruction + core.vector_op_256), cache reads per 64-byte line of the level the
 * bytes come from, DRAM bits x energyPerBit; static power is added by the caller from the time.
 */
final class AnalyticCpuModel {

    /**
     * 256-bit vector instructions per multiply-accumulate of one token, split into the work on the weights (load,
     * unpack, convert: done once per weight vector) and the work per token (activation loads, multiplies, adds).
     * i2_s: 8 weight ops (1 load, 3 shifts, 4 masks) and 12 token ops (4 activation loads, 4 vpmaddubsw, 4 vpaddw)
     * per 128 weights (kernels.md §2.3 and its Nx1 note); tq1_0/tq2_0: as i2_s plus a per-256-block fp32 epilogue
     * per token (§6); f16/bf16: the weight load+convert (one vcvtph2ps with a memory operand) plus the activation load
     * and the FMA per 8 lanes (estimate); f32: weight load + FMA (estimate); i2_s-a16 (ternary x 16-bit activations,
     * no published CPU kernel): unpack + convert weights (2), convert activation + FMA (2) per 8 (estimate). Kernels
     * whose split is not documented keep everything on the token side: tl2 ~39 per 192 (§12.3), tl1 ~12 per 64
     * (§12.3, NEON; their LUTs are built per token), q4_0 / q8_0 x q8_0 ~10 per 32 (load, nibble and/shift/sub,
     * maddubs, madd, cvt, fma; estimate), q2_k x q8_K 81 per 256 (ggml's AVX2 {@code ggml_vec_dot_q2_K_q8_K}: per 128
     * values 5 loads, 7 unpack ops, 4 maddubs, 4 scale shuffles and their 4 control loads, 4 madd, 4 adds; per block
     * 17 for the scales, the mins term against bsums and the fp32 epilogue); tmac and tmac-w4 10 and 20 weight ops, 13
     * and 25 token ops per 128 (their AVX2 lowering's {@code .Lgroup}, 4 activations x 32 rows: per plane 5 on the
     * index bytes, load, shift, two masks, insert, and 6 on the token's table, vpshufb, two sign extensions, extract,
     * two adds; one table broadcast).
     */
    record OpsPerMac(double weight, double token) {
        double total() {
            return weight + token;
        }
    }

    static OpsPerMac opsPerMac(String kernel) {
        return switch (kernel) {
            // i2_s-sparse as i2_s: only its lowered programs skip zero inputs; this model does not credit them.
            case "i2_s", "i2_s-vnni", "i2_s-nx1", "i2_s-sparse" -> new OpsPerMac(8.0 / 128, 12.0 / 128);
            case "tmac" -> new OpsPerMac(10.0 / 128, 13.0 / 128);
            case "tl2", "tl2_0" -> new OpsPerMac(0, 39.0 / 192);
            case "tl1" -> new OpsPerMac(0, 12.0 / 64);
            case "tq1_0", "tq2_0" -> new OpsPerMac(8.0 / 128, 14.0 / 128);
            case "q4_0", "q8_0", "q6_k" -> new OpsPerMac(0, 10.0 / 32);
            case "q2_k" -> new OpsPerMac(0, 81.0 / 256);
            case "tmac-w4" -> new OpsPerMac(20.0 / 128, 25.0 / 128);
            case "f32" -> new OpsPerMac(1.0 / 8, 1.0 / 8);
            case "i2_s-a16" -> new OpsPerMac(2.0 / 8, 2.0 / 8);
            default -> new OpsPerMac(1.0 / 8, 2.0 / 8); // f16, bf16
        };
    }

    /**
     * Tokens that share one unpacked weight vector in a prompt GEMM: bitnet.cpp's activation-parallel (Nx1) tiling
     * runs PARALLEL_SIZE tokens per weight row, 4 on x86 and 8 on NEON with dot product (kernels.md §2.5,
     * include/gemm-config.h); fewer tokens than that take the 1x1 path (no sharing).
     */
    static int tokensSharingWeights(List<String> isas, long tokens) {
        int parallel = isas.contains("neon-dotprod") ? 8 : 4;
        return tokens >= parallel ? parallel : 1;
    }

    /** FP32 lanes of a 256-bit vector: element-wise work and attention run in fp32. */
    private static final double LANES = 8;

    private final HardwareConfig hw;
    private final int threads;
    private final boolean weightsInDram;
    private final double vectorOpsPerCycle;
    private final String throughputSource;
    /** rthr of one F16 to F32 conversion ({@link #F16_CONVERT} or {@link #F16_CONVERT_ARM}), or 0 for neither. */
    private final double f16ConvertRthr;
    /** Halves one such conversion widens: 8 (x86) or 4 (AArch64). */
    private final double f16ConvertLanes;
    private final double coreDramBytesPerCycle;
    /** Latency of the scalar max of quantize_row_i8_s's absmax chain, or 0 when the core's table has no such form. */
    private final double absmaxLatency;

    AnalyticCpuModel(HardwareConfig hw, Microarchitecture uarch, int threads, boolean weightsInDram) {
        this.hw = hw;
        this.threads = threads;
        this.weightsInDram = weightsInDram;
        double width = uarch.core().vectorWidthBits() / 256.0;
        double perCycle = 2;
        String src = "no vector integer add in " + uarch.name() + "'s table: 2 per cycle assumed";
        // A 128-bit NEON add counts as half a 256-bit op through the width below (Apple M2: four per cycle, N2 two).
        for (String form : List.of("vpaddd ymm, ymm, ymm", "vpaddw ymm, ymm, ymm", "add v4s, v4s, v4s")) {
            if (uarch.has(form)) {
                InstrDesc d = uarch.desc(form);
                perCycle = 1.0 / d.rthr();
                src = form + " rthr " + d.rthr() + " in " + uarch.name() + ".yaml";
                break;
            }
        }
        this.vectorOpsPerCycle = perCycle * Math.min(1.0, width);
        this.throughputSource = src;
        String convert = uarch.has(F16_CONVERT) ? F16_CONVERT : uarch.has(F16_CONVERT_ARM) ? F16_CONVERT_ARM : null;
        this.f16ConvertRthr = convert == null ? 0 : uarch.desc(convert).rthr();
        this.f16ConvertLanes = F16_CONVERT_ARM.equals(convert) ? 4 : 8;
        this.absmaxLatency = uarch.has(GgmlGraph.ABSMAX_CHAIN_FORM) ? uarch.desc(GgmlGraph.ABSMAX_CHAIN_FORM).latency()
            : 0;
        this.coreDramBytesPerCycle = coreDramBytesPerCycle(hw);
    }

    /** The F16C form ggml_vec_dot_f16 widens each operand with (GGML_F16_VEC_LOAD on AVX), 8 halves at a time. */
    static final String F16_CONVERT = "vcvtph2ps ymm, xmm";
    /**
     * Its AArch64 counterpart, 4 halves at a time: the fork builds AArch64 with {@code -march=armv8.2-a+dotprod}
     * (ggml/src/CMakeLists.txt @13e12994), so {@code __ARM_FEATURE_FP16_VECTOR_ARITHMETIC} is off and ggml's F16 dot
     * product loads both operands through {@code GGML_F32Cx4_LOAD}, {@code vcvt_f32_f16} (docs/validation.md,
     * "Open, with evidence: which LM-head format").
     */
    static final String F16_CONVERT_ARM = "fcvtl v4s, v4h";

    /**
     * DRAM bytes per cycle one core can sustain by Little's law: its last private cache level's MSHRs x line bytes
     * over the DRAM latency. Infinite when the config has no private level or no latency.
     */
    static double coreDramBytesPerCycle(HardwareConfig hw) {
        CacheConfig last = null;
        for (CacheConfig c : hw.caches()) {
            if (!c.shared()) {
                last = c;
            }
        }
        double latencyCycles = hw.dram().latencyNs() * 1e-9 * hw.core().freqHz();
        if (last == null || !(latencyCycles > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return (double) last.mshrs() * last.lineBytes() / latencyCycles;
    }

    String throughputSource() {
        return throughputSource;
    }

    OperatorCost cost(Operator op, String why) {
        // ggml scores every stored key of a prompt (mask in the softmax), so its attention work and KV reads scale up.
        double keys = GgmlGraph.attentionKeysFactor(op);
        double vectorOps = switch (op.opClass()) {
            case LINEAR -> op.macs() * (opsPerMac(op.kernel()).token()
                + opsPerMac(op.kernel()).weight() / tokensSharingWeights(hw.core().isa(), op.n()));
            case ATTENTION -> (op.macs() * 2 / LANES + op.elementOps() / LANES) * keys;
            default -> op.elementOps() / LANES;
        };
        // Wall time per unit of one thread's time: ggml's serial share on one thread, row-split work by rows.
        double spread = GgmlGraph.spread(op, threads);
        double oneThreadCompute = vectorOps / vectorOpsPerCycle;
        if (GgmlGraph.quantizeRowI8s(op) && absmaxLatency > 0) {
            oneThreadCompute += (double) op.k() * op.n() * absmaxLatency;
        }
        double computeCycles = oneThreadCompute * spread;
        if (op.opClass() == OpClass.LINEAR && op.kernel().equals("f16") && f16ConvertRthr > 0) {
            double converts = op.macs() / f16ConvertLanes
                * (1 + 1.0 / tokensSharingWeights(hw.core().isa(), op.n()));
            computeCycles = Math.max(computeCycles, converts * f16ConvertRthr / threads);
        }
        if (op.opClass() == OpClass.ATTENTION && op.weightFormat().equals("f16") && f16ConvertRthr > 0) {
            // QK^T and AV are ggml F16 matmuls over the f16 cache: each (query, key) dot widens both operands.
            double converts = op.macs() * keys / f16ConvertLanes * 2;
            computeCycles = Math.max(computeCycles, converts * f16ConvertRthr / threads);
        }
        double big = op.weightBytes() * keys;
        CacheConfig llc = hw.caches().isEmpty() ? null : hw.caches().get(hw.caches().size() - 1);
        boolean fromDram = big > 0 && (weightsInDram || llc == null || big > llc.sizeBytes()
            || op.opClass() == OpClass.EMBEDDING);
        double dramBytesPerCycle = Math.min(hw.dram().bandwidthBytesPerSec() / hw.core().freqHz(),
            threads * coreDramBytesPerCycle);
        // L3 delivery is not in the configs; one 64-byte line per 2 cycles per core is an estimate (Zen-class L3
        // read bandwidth per core ~32 B/cycle, uarch.md §5.1 does not give it).
        double llcBytesPerCycle = 32.0 * threads;
        double l1BytesPerCycle = 64.0;
        double memoryCycles = (fromDram ? big / dramBytesPerCycle : big / llcBytesPerCycle)
            + op.activationBytes() * spread / l1BytesPerCycle;
        double cycles = Math.max(1, Math.max(computeCycles, memoryCycles));
        String bound = memoryCycles > computeCycles ? "memory" : "compute";
        Map<String, Double> e = new LinkedHashMap<>();
        double instr = vectorOps;
        e.put("core", instr * (pj("core.instruction") + pj("core.vector_op_256")));
        e.put("L1D", op.activationBytes() / 64 * pj("l1d.read"));
        if (fromDram) {
            e.put("DRAM", big * 8 * hw.dram().energyPjPerBit());
        } else if (big > 0 && llc != null) {
            e.put(llc.name(), big / 64 * pj(llc.name().toLowerCase(java.util.Locale.ROOT) + ".read"));
        }
        return new OperatorCost(cycles, cycles / hw.core().freqHz(), e, fromDram ? big : 0, bound,
            OperatorCost.ANALYTIC, "", why);
    }

    /**
     * The graph's dispatch and barriers ({@link GgmlGraph#runtime}): bookkeeping on one thread and spinning on all, so
     * no vector work; its dynamic energy is not modelled (the static energy of its time is, by the caller).
     */
    OperatorCost runtime(Operator op) {
        double cycles = GgmlGraph.runtimeCycles(op, threads);
        String why = String.format(java.util.Locale.ROOT, "%d graph nodes, %d barriers on %d thread%s: %s", op.m(),
            op.k(), threads, threads == 1 ? "" : "s", GgmlGraph.RUNTIME_SOURCE);
        return new OperatorCost(cycles, cycles / hw.core().freqHz(), Map.of(), 0, "runtime", OperatorCost.ANALYTIC,
            "", why);
    }

    private double pj(String action) {
        var a = hw.energy().actions().get(action);
        return a == null ? 0 : a.energyPj();
    }
}
