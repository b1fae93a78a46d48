// Energy by component of one run (event counts x per-action energy, plus SRAM leakage x time) and area by component.
package org.ternsim.sim.accel;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ternsim.isa.accel.ActType;

/**
 * Energy and area of the accelerator. Components: {@code pe} (MACs, lane adds, accumulator updates, PE clocking),
 * {@code lut} (table builds and lookups), {@code sram.weight|activation|lut|output|param} (64-bit accesses at the
 * energy of a bank of that size), {@code epilogue}, {@code dram} (bytes x energy per bit), {@code skip} (zero
 * detection and compaction indices, only when a MAC skipped zero activations) and {@code leakage} (SRAM
 * leakage x time). Not modelled: logic leakage (no sourced value), clock tree and wires outside the PEs, DRAM
 * background power.
 */
public final class AccelEnergy {

    private AccelEnergy() {
    }

    /** Joules by component for counts {@code n} over {@code seconds}. */
    public static Map<String, Double> joules(AcceleratorConfig c, AccelCounters n, double seconds) {
        AccelEnergyTable t = c.energy();
        Map<String, Double> pj = new LinkedHashMap<>();
        double active = c.sparsity().zeroWeightGating() ? 1 - c.sparsity().zeroWeightFraction() : 1;
        double pe;
        if (c.pe().unit() == PeUnit.INT8_MAC) {
            pe = (n.macs - n.macsSkipped + n.macsInt4 - n.macsInt4Skipped) * t.pj(AccelActions.INT8_MAC);
        } else {
            pe = active * ((n.macs - n.macsSkipped) * t.pj(AccelActions.TERNARY_MAC)
                    + (n.macsInt4 - n.macsInt4Skipped) * t.pj(AccelActions.TERNARY_MAC_INT4));
        }
        pe += active * n.macsFloat * t.pj(AccelActions.FP32_ADD);
        pe += n.accUpdates * t.pj(AccelActions.ACC_UPDATE);
        pe += (double) n.peBusyCycles * c.pe().pes() * t.pj(AccelActions.PE_CLOCK);
        pj.put("pe", pe);
        pj.put("lut", n.lutBuildAdds * t.pj(AccelActions.LUT_BUILD_ADD) + n.lutReads * t.pj(AccelActions.LUT_READ));
        pj.put("sram.weight", sram(t, c.weight(), n.weightSramReads, n.weightSramWrites));
        pj.put("sram.activation", sram(t, c.activation(), n.actSramReads, n.actSramWrites));
        pj.put("sram.lut", c.lut() == null ? 0.0 : sram(t, c.lut(), n.lutSramReads, n.lutSramWrites));
        pj.put("sram.output", sram(t, c.output(), n.outSramReads, n.outSramWrites));
        pj.put("sram.param", words(n.paramSramBytes) * t.sramReadPj(AcceleratorConfig.PARAM_BYTES));
        pj.put("epilogue", n.epilogueOutputs * t.pj(AccelActions.EPILOGUE_OUTPUT)
                + n.a16TreeAdds * t.pj(AccelActions.FP32_ADD));
        pj.put("dram", n.dramBytes() * 8.0 * c.dma().energyPerBitPj());
        if (n.zeroDetects > 0) {
            // Only for runs that skip, so dense results keep their components.
            pj.put("skip", n.zeroDetects * t.pj(AccelActions.ZERO_DETECT) + n.skipIndices * t.pj(AccelActions.SKIP_INDEX));
        }
        Map<String, Double> j = new LinkedHashMap<>();
        pj.forEach((k, v) -> j.put(k, v * 1e-12));
        j.put("leakage", leakageW(c) * seconds);
        return j;
    }

    /** SRAM leakage of all buffers, in watts. */
    public static double leakageW(AcceleratorConfig c) {
        AccelEnergyTable t = c.energy();
        double w = 0;
        for (BufferConfig b : buffers(c)) {
            w += b.banks() * t.sramLeakageW(b.bankBytes());
        }
        return w + t.sramLeakageW(AcceleratorConfig.PARAM_BYTES);
    }

    /** Area by component in mm^2: pe-array, lut-tables, fp32-lanes, epilogue, sram.*, control. */
    public static Map<String, Double> areaMm2(AcceleratorConfig c) {
        AccelEnergyTable t = c.energy();
        Map<String, Double> a = new LinkedHashMap<>();
        int pes = c.pe().pes();
        switch (c.pe().unit()) {
            case LUT:
                a.put("pe-array", pes * t.areaMm2(AccelActions.AREA_LUT_PE));
                a.put("lut-tables", c.pe().cols() * t.areaMm2(AccelActions.AREA_LUT_TABLE));
                break;
            case INT8_MAC:
                a.put("pe-array", pes * t.areaMm2(AccelActions.AREA_INT8_PE));
                break;
            default:
                a.put("pe-array", pes * t.areaMm2(AccelActions.AREA_TERNARY_PE));
        }
        boolean floats = c.pe().activations().contains(ActType.F16) || c.pe().activations().contains(ActType.BF16);
        // W1.58A16 needs an FP32 adder per adder-tree input: the same array with float lanes beside the integer ones.
        a.put("fp32-lanes", floats && c.pe().unit() != PeUnit.LUT ? pes * t.areaMm2(AccelActions.AREA_FP32_LANE) : 0.0);
        a.put("epilogue", c.epilogue().lanes() * t.areaMm2(AccelActions.AREA_EPILOGUE_LANE));
        for (BufferConfig b : buffers(c)) {
            a.put("sram." + b.name(), b.banks() * t.sramAreaMm2(b.bankBytes()));
        }
        a.put("sram.param", t.sramAreaMm2(AcceleratorConfig.PARAM_BYTES));
        a.put("control", t.areaMm2(AccelActions.AREA_CONTROL));
        return a;
    }

    private static java.util.List<BufferConfig> buffers(AcceleratorConfig c) {
        java.util.List<BufferConfig> l = new java.util.ArrayList<>(java.util.List.of(c.weight(), c.activation(), c.output()));
        if (c.lut() != null) {
            l.add(c.lut());
        }
        return l;
    }

    private static double sram(AccelEnergyTable t, BufferConfig b, long readBytes, long writeBytes) {
        return words(readBytes) * t.sramReadPj(b.bankBytes()) + words(writeBytes) * t.sramWritePj(b.bankBytes());
    }

    private static double words(long bytes) {
        return Math.ceil(bytes / 8.0);
    }
}
