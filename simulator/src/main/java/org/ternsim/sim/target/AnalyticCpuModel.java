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
 *       vector width.</li>
 *   <li>f16 matmuls also pay their conversions: ggml's F16 matmul converts the activations to F16 too (type_traits
 *       {@code vec_dot_type = GGML_TYPE_F16}) and {@code ggml_vec_dot_f16} widens both operands with F16C, so every
 *       8 MACs take two {@code vcvtph2ps ymm, xmm}; on cores whose table times that form, compute cycles are at
 *       least 2 / 8 x its rthr per MAC (Zen 3: 2 uops on FP2/FP3, rthr 1, i.e. 4 MACs per cycle).</li>
 *   <li>memory cycles = weight (or KV-cache) bytes / DRAM bandwidth when the model's weights do not fit in the last
 *       cache level, else / the L3; activations are taken from L1 at two 32-byte loads per cycle per thread. DRAM
 *       bandwidth is also capped per thread at what one core keeps in flight: the misses its last private cache level
 *       tracks (MSHRs) x line size / DRAM latency (cpus.md §10.2: model per-core bandwidth as a limit of its own).</li>
 *   <li>cycles = max of the two (perfect overlap); the larger names the bound.</li>
 * </ul>
 * Energy: instructions x (core.instruction + core.vector_op_256), cache reads per 64-byte line of the level the
 * bytes come from, DRAM bits x energyPerBit; static power is added by the caller from the time.
 */
final class AnalyticCpuModel {

    /**
     * 256-bit vector instructions per multiply-accumulate. i2_s: ~20 vector ops per 128 weights x 1 row
     * (kernels.md §2.3 / §12.3); tl2: ~39 per 192 (§12.3); tl1: ~12 per 64 (§12.3, NEON); tq2_0: as i2_s plus a
     * per-256-block fp32 epilogue (§6); q4_0 / q8_0 x q8_0 (llama.cpp AVX2): ~10 per 32 (load, nibble and/shift/sub,
     * maddubs, madd, cvt, fma; estimate); f16/bf16: load + convert + FMA per 8 lanes = 3 per 8 (estimate); f32: 2 per
     * 8; i2_s-a16 (ternary x 16-bit activations, no published CPU kernel): unpack + convert weights, convert activation,
     * FMA = 4 per 8 (estimate).
     */
    static double vectorOpsPerMac(String kernel) {
        return switch (kernel) {
            case "i2_s", "i2_s-vnni", "i2_s-nx1", "tmac" -> 20.0 / 128;
            case "tl2", "tl2_0" -> 39.0 / 192;
            case "tl1" -> 12.0 / 64;
            case "tq1_0", "tq2_0" -> 22.0 / 128;
            case "q4_0", "q8_0", "q6_k" -> 10.0 / 32;
            case "f32" -> 2.0 / 8;
            case "i2_s-a16" -> 4.0 / 8;
            default -> 3.0 / 8; // f16, bf16
        };
    }

    /** FP32 lanes of a 256-bit vector: element-wise work and attention run in fp32. */
    private static final double LANES = 8;

    private final HardwareConfig hw;
    private final int threads;
    private final boolean weightsInDram;
    private final double vectorOpsPerCycle;
    private final String throughputSource;
    /** rthr of one 8-lane F16 to F32 conversion, or 0 when the core's table has no such form. */
    private final double f16ConvertRthr;
    private final double coreDramBytesPerCycle;

    AnalyticCpuModel(HardwareConfig hw, Microarchitecture uarch, int threads, boolean weightsInDram) {
        this.hw = hw;
        this.threads = threads;
        this.weightsInDram = weightsInDram;
        double width = uarch.core().vectorWidthBits() / 256.0;
        double perCycle = 2;
        String src = "no 256-bit integer add in " + uarch.name() + "'s table: 2 per cycle assumed";
        for (String form : List.of("vpaddd ymm, ymm, ymm", "vpaddw ymm, ymm, ymm")) {
            if (uarch.has(form)) {
                InstrDesc d = uarch.desc(form);
                perCycle = 1.0 / d.rthr();
                src = form + " rthr " + d.rthr() + " in " + uarch.name() + ".yaml";
                break;
            }
        }
        this.vectorOpsPerCycle = perCycle * Math.min(1.0, width);
        this.throughputSource = src;
        this.f16ConvertRthr = uarch.has(F16_CONVERT) ? uarch.desc(F16_CONVERT).rthr() : 0;
        this.coreDramBytesPerCycle = coreDramBytesPerCycle(hw);
    }

    /** The F16C form ggml_vec_dot_f16 widens each operand with (GGML_F16_VEC_LOAD on AVX). */
    static final String F16_CONVERT = "vcvtph2ps ymm, xmm";

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
        double vectorOps = switch (op.opClass()) {
            case LINEAR -> op.macs() * vectorOpsPerMac(op.kernel());
            case ATTENTION -> op.macs() * 2 / LANES + op.elementOps() / LANES;
            default -> op.elementOps() / LANES;
        };
        double computeCycles = vectorOps / (vectorOpsPerCycle * threads);
        if (op.opClass() == OpClass.LINEAR && op.kernel().equals("f16") && f16ConvertRthr > 0) {
            computeCycles = Math.max(computeCycles, op.macs() * 2 / LANES * f16ConvertRthr / threads);
        }
        double big = op.weightBytes();
        CacheConfig llc = hw.caches().isEmpty() ? null : hw.caches().get(hw.caches().size() - 1);
        boolean fromDram = big > 0 && (weightsInDram || llc == null || big > llc.sizeBytes()
            || op.opClass() == OpClass.EMBEDDING);
        double dramBytesPerCycle = Math.min(hw.dram().bandwidthBytesPerSec() / hw.core().freqHz(),
            threads * coreDramBytesPerCycle);
        // L3 delivery is not in the configs; one 64-byte line per 2 cycles per core is an estimate (Zen-class L3
        // read bandwidth per core ~32 B/cycle, uarch.md §5.1 does not give it).
        double llcBytesPerCycle = 32.0 * threads;
        double l1BytesPerCycle = 64.0 * threads;
        double memoryCycles = (fromDram ? big / dramBytesPerCycle : big / llcBytesPerCycle)
            + op.activationBytes() / l1BytesPerCycle;
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

    private double pj(String action) {
        var a = hw.energy().actions().get(action);
        return a == null ? 0 : a.energyPj();
    }
}
