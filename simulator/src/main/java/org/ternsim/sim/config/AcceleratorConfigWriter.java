// Writes a loaded accelerator design fully resolved (every default filled in, units normalised, each value's source
// beside it) as YAML that AcceleratorConfigLoader reads back to the same design: what an accelerator run simulated.
package org.ternsim.sim.config;

import static org.ternsim.sim.config.ResolvedConfigWriter.bandwidth;
import static org.ternsim.sim.config.ResolvedConfigWriter.bytes;
import static org.ternsim.sim.config.ResolvedConfigWriter.hz;
import static org.ternsim.sim.config.ResolvedConfigWriter.plain;
import static org.ternsim.sim.config.ResolvedConfigWriter.quote;

import java.util.Locale;
import org.ternsim.sim.accel.AccelEnergyTable;
import org.ternsim.sim.accel.AcceleratorConfig;
import org.ternsim.sim.accel.AreaEntry;
import org.ternsim.sim.accel.BufferConfig;
import org.ternsim.sim.accel.PublishedFigures;
import org.ternsim.sim.accel.SramPoint;

/**
 * Resolved accelerator config writer. The energy table stays a reference by name (the loader reads it from
 * {@code ../energy/}), so the file re-loads from a {@code configs/hw} directory; the table's values as used are listed
 * after it as comments, so the file still records every number of the run. Byte-identical for the same input.
 */
public final class AcceleratorConfigWriter {
    private AcceleratorConfigWriter() {}

    /** The resolved design as YAML text (LF line endings). */
    public static String toYaml(AcceleratorConfig c) {
        ResolvedConfigWriter.Out o = new ResolvedConfigWriter.Out(c.provenance());
        o.raw("# Resolved accelerator config '" + c.name() + "': all defaults filled in, units normalised.");
        o.raw("# Loaded from " + (c.file() == null ? "(built in code)" : c.file().getFileName())
                + "; source: \"default\" marks a value the file did not set.");
        o.raw("# Re-loadable: AcceleratorConfigLoader.load(this file in a configs/hw directory) gives the same design.");
        o.raw("kind: accelerator");
        o.leaf(0, "name", "name", quote(c.name()));
        o.leaf(0, "description", "description", quote(c.description()));
        o.leaf(0, "clock", "clock", hz(c.clockHz()));
        o.leaf(0, "energy", "energy", c.energy().name());
        o.raw("pe:");
        o.leaf(1, "unit", "pe.unit", c.pe().unit().id());
        o.leaf(1, "rows", "pe.rows", Integer.toString(c.pe().rows()));
        o.leaf(1, "cols", "pe.cols", Integer.toString(c.pe().cols()));
        o.leaf(1, "pipelineStages", "pe.pipelineStages", Integer.toString(c.pe().pipelineStages()));
        o.leaf(1, "lutBuildAddersPerCycle", "pe.lutBuildAddersPerCycle", Integer.toString(c.pe().lutBuildAddersPerCycle()));
        o.raw("  activations: [" + String.join(", ", c.pe().activations().stream()
                .map(a -> a.name().toLowerCase(Locale.ROOT)).toList()) + "]");
        o.leaf(1, "blockRegister", "pe.blockRegister", Boolean.toString(c.pe().blockRegister()));
        o.leaf(1, "int4PerLane", "pe.int4PerLane", Integer.toString(c.pe().int4PerLane()));
        o.raw("buffers:");
        for (BufferConfig b : c.lut() == null ? new BufferConfig[] {c.weight(), c.activation(), c.output()}
                : new BufferConfig[] {c.weight(), c.activation(), c.lut(), c.output()}) {
            String p = "buffers." + b.name() + ".";
            o.raw("  " + b.name() + ":");
            o.leaf(2, "size", p + "size", bytes(b.sizeBytes()));
            o.leaf(2, "banks", p + "banks", Integer.toString(b.banks()));
            o.leaf(2, "width", p + "width", bytes(b.widthBytes()));
            o.leaf(2, "ports", p + "ports", Integer.toString(b.ports()));
        }
        o.raw("dma:");
        o.leaf(1, "dram", "dma.dram", quote(c.dma().dramType()));
        o.leaf(1, "bandwidth", "dma.bandwidth", bandwidth(c.dma().bandwidthBytesPerSec()));
        o.leaf(1, "latency", "dma.latency", plain(c.dma().latencyNs()) + "ns");
        o.leaf(1, "burst", "dma.burst", bytes(c.dma().burstBytes()));
        o.leaf(1, "energyPerBit", "dma.energyPerBit", plain(c.dma().energyPerBitPj()) + "pJ");
        o.leaf(0, "doubleBuffering", "doubleBuffering", Boolean.toString(c.doubleBuffering()));
        o.raw("epilogue:");
        o.leaf(1, "lanes", "epilogue.lanes", Integer.toString(c.epilogue().lanes()));
        o.leaf(1, "pipelineStages", "epilogue.pipelineStages", Integer.toString(c.epilogue().pipelineStages()));
        o.raw("sparsity:");
        o.leaf(1, "zeroWeightGating", "sparsity.zeroWeightGating", Boolean.toString(c.sparsity().zeroWeightGating()));
        o.leaf(1, "zeroWeightFraction", "sparsity.zeroWeightFraction", plain(c.sparsity().zeroWeightFraction()));
        o.leaf(1, "skipZeroActivations", "sparsity.skipZeroActivations",
                Boolean.toString(c.sparsity().skipZeroActivations()));
        o.leaf(1, "skipGroup", "sparsity.skipGroup", Integer.toString(c.sparsity().skipGroup()));
        o.leaf(1, "skipIndexCycles", "sparsity.skipIndexCycles", Integer.toString(c.sparsity().skipIndexCycles()));
        PublishedFigures p = c.published();
        if (p != null) {
            o.raw("published:");
            o.raw("  source: " + quote(p.source()));
            o.raw("  model: " + quote(p.model()));
            o.raw("  hidden: " + p.hidden());
            o.raw("  ffn: " + p.ffn());
            o.raw("  layers: " + p.layers());
            o.raw("  projections: " + p.projections());
            o.raw("  decodeTokensPerSecond: " + plain(p.decodeTokensPerSecond()));
            if (!Double.isNaN(p.powerW())) o.raw("  power: " + plain(p.powerW()) + "W");
            if (!Double.isNaN(p.areaMm2())) o.raw("  area: " + plain(p.areaMm2()) + "mm2");
            o.raw("  note: " + quote(p.note()));
        }
        energyComments(o, c.energy());
        return o.sb.toString();
    }

    /** The energy table's values as used, one comment line each, with their sources. */
    private static void energyComments(ResolvedConfigWriter.Out o, AccelEnergyTable e) {
        o.raw("# energy table '" + e.name() + "' (" + e.nodeNm() + " nm) as used:");
        e.actions().values().forEach(a -> o.raw("#   " + a.name() + ": " + plain(a.energyPj()) + "pJ  source: "
                + flat(a.source()) + (a.estimate() ? " [estimate]" : "")));
        for (SramPoint s : e.sram()) {
            o.raw("#   sram " + bytes(s.sizeBytes()) + ": read " + plain(s.readPj()) + "pJ, write " + plain(s.writePj())
                    + "pJ, leakage " + plain(s.leakageW()) + "W, area " + plain(s.areaMm2()) + "mm2  source: "
                    + flat(s.source()));
        }
        for (AreaEntry a : e.areas().values()) {
            o.raw("#   area " + a.name() + ": " + plain(a.mm2()) + "mm2  source: " + flat(a.source())
                    + (a.estimate() ? " [estimate]" : ""));
        }
    }

    private static String flat(String s) {
        return s.replace('\n', ' ');
    }
}
