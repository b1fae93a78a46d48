// Cycles of each accelerator instruction on a given design: DMA transfers, array tiles, LUT builds, requantisation.
package org.ternsim.sim.accel;

import org.ternsim.isa.accel.AccelInstr;
import org.ternsim.isa.accel.AccelKernel;
import org.ternsim.isa.accel.ActType;
import org.ternsim.isa.accel.DmaLoad;
import org.ternsim.isa.accel.DmaStore;
import org.ternsim.isa.accel.LutAccumulate;
import org.ternsim.isa.accel.LutBuild;
import org.ternsim.isa.accel.LutKind;
import org.ternsim.isa.accel.Requantise;
import org.ternsim.isa.accel.TernaryMac;

/**
 * Per-instruction occupancy of its engine, in cycles.
 * <ul>
 *   <li>DMA: each contiguous chunk rounded up to whole bursts, at the sustained bandwidth; the latency is added to
 *       when the data is ready, not to the engine's occupancy (requests are pipelined).</li>
 *   <li>Ternary MAC: per token, ceil(rows / PE rows) x ceil(kLen / lanes) array steps, lanes = cols (x
 *       {@link PeArrayConfig#int4PerLane} for int4), each stretched by the activation buffer's bank conflicts and by
 *       the weight buffer's bandwidth (weights of a step are held in the PEs while the instruction's tokens stream
 *       past, so their demand per step is divided by the token count). With a block register
 *       ({@link PeArrayConfig#blockRegister}) or for W1.58A16 (consecutive k) activations are read contiguously and
 *       only the buffer's bytes per cycle limit them.</li>
 *   <li>Ternary MAC with zero skipping ({@link #skipMacCycles}): per token and row group, the compaction unit packs
 *       the non-zero groups of each window of ceil(lanes / 128) I2_S blocks into ceil(groups x G / lanes) steps (a
 *       window whose groups are all zero costs nothing), plus {@link SparsityConfig#skipIndexCycles} per token and
 *       row group. With G >= lanes a step is one group and its weights stay in the PEs across tokens as in the dense
 *       case; with G < lanes a step gathers groups from different k, so its weights are read per token.</li>
 *   <li>LUT accumulate: ceil(rows / PE rows) x ceil(groups / cols) steps; 5 bits of weight per triple lookup.</li>
 *   <li>LUT build: {@link #buildAdds} adds per table at the builder's adders per cycle.</li>
 *   <li>Requantise: ceil(outputs / lanes).</li>
 * </ul>
 * Pipeline fill/drain ({@link PeArrayConfig#fillCycles}, the epilogue's stages) is latency on the result, added by the
 * scheduler.
 */
public final class AccelCosts {

    private final AcceleratorConfig c;
    private final double dmaBytesPerCycle;

    public AccelCosts(AcceleratorConfig c) {
        this.c = c;
        this.dmaBytesPerCycle = c.dma().bandwidthBytesPerSec() / c.clockHz();
    }

    /** Adds to build one table: 14 for a triple (Geens et al. V1 builder at mu = 3, accelerators.md §2.10 [C]); 4 for a pair. */
    public static int buildAdds(LutKind kind) {
        return kind == LutKind.TRIPLE ? 14 : 4;
    }

    /** Bytes the DRAM actually transfers for a DMA of {@code rows} chunks (bursts rounded up). */
    public long burstBytes(long rowBytes, long rows, boolean contiguous) {
        long burst = c.dma().burstBytes();
        if (contiguous) {
            return ceil(rowBytes * rows, burst) * burst;
        }
        return rows * ceil(rowBytes, burst) * burst;
    }

    /** DMA latency in cycles. */
    public long dmaLatency() {
        return Math.round(Math.ceil(c.dma().latencyNs() * 1e-9 * c.clockHz()));
    }

    /** Engine occupancy of one instruction. */
    public long cycles(AccelInstr in) {
        if (in instanceof DmaLoad d) {
            return dmaCycles(burstBytes(d.rowBytes(), d.rows(), d.contiguous()));
        }
        if (in instanceof DmaStore d) {
            return dmaCycles(burstBytes(d.rowBytes(), d.rows(), d.contiguous()));
        }
        if (in instanceof TernaryMac m) {
            return macCycles(m.rows(), m.kLen(), m.tokens(), m.act());
        }
        if (in instanceof LutAccumulate l) {
            long steps = ceil(l.rows(), c.pe().rows()) * ceil(l.groups(), c.pe().cols());
            double weightDemand = c.pe().rows() * (double) c.pe().cols() * 5 / 8;
            return Math.round(Math.ceil(steps * Math.max(1.0, weightDemand / c.weight().bytesPerCycle())));
        }
        if (in instanceof LutBuild b) {
            return ceil((long) b.groups() * buildAdds(b.kind()), Math.max(1, c.pe().lutBuildAddersPerCycle()));
        }
        if (in instanceof Requantise r) {
            return ceil(r.outputs(), c.epilogue().lanes());
        }
        return 0;
    }

    /** Array cycles of a dense MAC tile. */
    public long macCycles(long rows, long kLen, long tokens, ActType act) {
        int lanes = c.pe().lanes(act);
        long steps = ceil(rows, c.pe().rows()) * ceil(kLen, lanes) * tokens;
        double weightDemand = c.pe().rows() * (double) lanes / 4 / tokens;
        return Math.round(Math.ceil(steps * stretch(weightDemand, act)));
    }

    /**
     * Array cycles of a zero-skipping MAC tile whose compacted steps (summed over tokens, one row group) are
     * {@code steps}.
     */
    public long skipMacCycles(TernaryMac m, double steps) {
        int lanes = c.pe().lanes(m.act());
        double passSteps = steps + (double) m.tokens() * c.sparsity().skipIndexCycles();
        double weightDemand = c.pe().rows() * (double) lanes / 4 / (m.skipGroup() >= lanes ? m.tokens() : 1);
        return Math.round(Math.ceil(ceil(m.rows(), c.pe().rows()) * passSteps * stretch(weightDemand, m.act())));
    }

    /** Activations one compaction window spans: whole I2_S blocks, at least one array step's worth. */
    public int skipWindow(ActType act) {
        int block = AccelKernel.I2S_BLOCK;
        return (int) ceil(c.pe().lanes(act), block) * block;
    }

    /** Cycles per step: the weight buffer's and the activation buffer's limits. */
    private double stretch(double weightDemand, ActType act) {
        int lanes = c.pe().lanes(act);
        double actStretch = c.pe().blockRegister() || act.isFloat()
                ? act.bytes(lanes) / (double) c.activation().bytesPerCycle()
                : BankConflicts.factor(c.activation(), lanes, act.bits(), false);
        return Math.max(Math.max(1.0, weightDemand / c.weight().bytesPerCycle()), actStretch);
    }

    private long dmaCycles(long bytes) {
        return Math.round(Math.ceil(bytes / dmaBytesPerCycle));
    }

    static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
