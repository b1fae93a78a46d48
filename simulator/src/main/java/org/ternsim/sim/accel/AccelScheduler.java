// Times an instruction stream: DMA, array, LUT builder and epilogue engines in parallel, ordered by buffer-slot hazards.
package org.ternsim.sim.accel;

import java.util.EnumMap;
import java.util.Map;
import org.ternsim.isa.accel.AccelInstr;
import org.ternsim.isa.accel.AccelMachine;
import org.ternsim.isa.accel.Buf;
import org.ternsim.isa.accel.DmaLoad;
import org.ternsim.isa.accel.DmaStore;
import org.ternsim.isa.accel.LutAccumulate;
import org.ternsim.isa.accel.LutBuild;
import org.ternsim.isa.accel.LutKind;
import org.ternsim.isa.accel.Requantise;
import org.ternsim.isa.accel.Sync;
import org.ternsim.isa.accel.TernaryMac;

/**
 * Scoreboard timing. Each engine executes its instructions in program order; an instruction starts when its engine is
 * free and its operands are ready: a slot's data is ready when the DMA (plus latency), LUT build, MAC (plus the array's
 * fill/drain latency) or requantise (plus its pipeline) that wrote it has finished, and a slot may be overwritten once
 * every earlier reader has finished (WAR). This is what double buffering buys: the DMA fills one slot while the array
 * reads the other. Without double buffering the two slots are one physical buffer used in turn, so a load waits for all
 * readers of the buffer. Loads and stores have separate queues (read and write channels), so a store waiting for its
 * tile's epilogue does not hold back the next tile's prefetch; their bytes share the DRAM bandwidth, which bounds the
 * total time from below (the queues are not arbitrated cycle by cycle: not modelled). A zero-skipping MAC takes the
 * time of the non-zero groups its {@link ZeroGroups} reports. Also counts the events the energy model needs.
 */
public final class AccelScheduler {

    private final AcceleratorConfig c;
    private final AccelCosts costs;
    private final AccelCounters n = new AccelCounters();
    private final Map<Buf, long[]> ready = new EnumMap<>(Buf.class);
    private final Map<Buf, long[]> readEnd = new EnumMap<>(Buf.class);
    private long loadFree;
    private long storeFree;
    private long arrayFree;
    private long builderFree;
    private long epilogueFree;
    private long lastCompletion;
    private long dmaBusy;
    private long arrayBusy;
    private long builderBusy;
    private long epilogueBusy;

    private final ZeroGroups zeros;

    /** A scheduler for dense programs (a zero-skipping MAC is an error). */
    public AccelScheduler(AcceleratorConfig c) {
        this(c, null);
    }

    /** A scheduler that times zero-skipping MACs with the counts of {@code zeros}. */
    public AccelScheduler(AcceleratorConfig c, ZeroGroups zeros) {
        this.c = c;
        this.zeros = zeros;
        this.costs = new AccelCosts(c);
        for (Buf b : Buf.values()) {
            ready.put(b, new long[AccelMachine.SLOTS]);
            readEnd.put(b, new long[AccelMachine.SLOTS]);
        }
    }

    /** Receives each timed instruction with its engine and cycles, for traces (events only, no effect on timing). */
    @FunctionalInterface
    public interface Listener {
        /** @param engine {@link #DMA_LOAD}, {@link #DMA_STORE}, {@link #ARRAY}, {@link #LUT_BUILDER}, {@link #EPILOGUE} */
        void executed(AccelInstr in, String engine, long startCycle, long endCycle);
    }

    public static final String DMA_LOAD = "DMA load";
    public static final String DMA_STORE = "DMA store";
    public static final String ARRAY = "PE array";
    public static final String LUT_BUILDER = "LUT builder";
    public static final String EPILOGUE = "epilogue";

    private Listener listener;

    /** Sends every instruction timed from now on to {@code l} (null: none). */
    public void listen(Listener l) {
        this.listener = l;
    }

    /** Times one instruction (in program order). */
    public void accept(AccelInstr in) {
        if (listener == null) {
            time(in);
            return;
        }
        long busyBefore = dmaBusy + arrayBusy + builderBusy + epilogueBusy;
        time(in);
        report(in, dmaBusy + arrayBusy + builderBusy + epilogueBusy - busyBefore);
    }

    /**
     * The engine an instruction occupied and its span: it ends where that engine is now free and lasted the cycles
     * its engine's busy count grew by (which includes zero skipping).
     */
    private void report(AccelInstr in, long cycles) {
        String engine = in instanceof DmaLoad ? DMA_LOAD : in instanceof DmaStore ? DMA_STORE
            : in instanceof TernaryMac || in instanceof LutAccumulate ? ARRAY : in instanceof LutBuild ? LUT_BUILDER
            : in instanceof Requantise ? EPILOGUE : null;
        if (engine != null) {
            long end = switch (engine) {
                case DMA_LOAD -> loadFree;
                case DMA_STORE -> storeFree;
                case ARRAY -> arrayFree;
                case LUT_BUILDER -> builderFree;
                default -> epilogueFree;
            };
            listener.executed(in, engine, end - cycles, end);
        }
    }

    private void time(AccelInstr in) {
        n.instructions++;
        long cycles = costs.cycles(in);
        if (in instanceof DmaLoad d) {
            long start = Math.max(loadFree, writable(d.dst(), d.slot()));
            loadFree = start + cycles;
            dmaBusy += cycles;
            ready.get(d.dst())[d.slot()] = loadFree + costs.dmaLatency();
            n.dramReadBytes += costs.burstBytes(d.rowBytes(), d.rows(), d.contiguous());
            countWrite(d.dst(), d.bytes());
            complete(ready.get(d.dst())[d.slot()]);
        } else if (in instanceof DmaStore d) {
            long start = Math.max(storeFree, ready.get(Buf.OUT)[d.slot()]);
            storeFree = start + cycles;
            dmaBusy += cycles;
            read(Buf.OUT, d.slot(), storeFree);
            n.dramWriteBytes += costs.burstBytes(d.rowBytes(), d.rows(), d.contiguous());
            n.outSramReads += d.bytes();
            complete(storeFree + costs.dmaLatency());
        } else if (in instanceof TernaryMac m) {
            ZeroGroups.Counts skip = null;
            if (m.skipGroup() > 0) {
                if (zeros == null) {
                    throw new IllegalStateException("a zero-skipping MAC needs the zero counts (ZeroGroups)");
                }
                skip = zeros.of(m, c.pe().lanes(m.act()), costs.skipWindow(m.act()));
                cycles = costs.skipMacCycles(m, skip.steps());
            }
            long start = max(arrayFree, ready.get(Buf.WEIGHT)[m.wSlot()], ready.get(Buf.ACT)[m.aSlot()],
                    m.clear() ? writable(Buf.OUT, m.oSlot()) : ready.get(Buf.OUT)[m.oSlot()]);
            arrayFree = start + cycles;
            arrayBusy += cycles;
            read(Buf.WEIGHT, m.wSlot(), arrayFree);
            read(Buf.ACT, m.aSlot(), arrayFree);
            ready.get(Buf.OUT)[m.oSlot()] = arrayFree + c.pe().fillCycles();
            countMac(m, cycles, skip);
            complete(ready.get(Buf.OUT)[m.oSlot()]);
        } else if (in instanceof LutBuild b) {
            long start = max(builderFree, ready.get(Buf.ACT)[b.aSlot()], writable(Buf.LUT, b.lSlot()), 0);
            builderFree = start + cycles;
            builderBusy += cycles;
            read(Buf.ACT, b.aSlot(), builderFree);
            ready.get(Buf.LUT)[b.lSlot()] = builderFree + 1;
            n.lutBuildAdds += (long) b.groups() * AccelCosts.buildAdds(b.kind());
            n.actSramReads += (long) b.groups() * b.kind().activations();
            n.lutSramWrites += 32L * b.groups();
            complete(builderFree);
        } else if (in instanceof LutAccumulate l) {
            long start = max(arrayFree, ready.get(Buf.WEIGHT)[l.wSlot()], ready.get(Buf.LUT)[l.lSlot()],
                    l.clear() ? writable(Buf.OUT, l.oSlot()) : ready.get(Buf.OUT)[l.oSlot()]);
            arrayFree = start + cycles;
            arrayBusy += cycles;
            read(Buf.WEIGHT, l.wSlot(), arrayFree);
            read(Buf.LUT, l.lSlot(), arrayFree);
            ready.get(Buf.OUT)[l.oSlot()] = arrayFree + c.pe().fillCycles();
            long rowGroups = AccelCosts.ceil(l.rows(), c.pe().rows());
            n.lutReads += (long) l.rows() * l.groups();
            n.macsLut += (long) l.rows() * l.groups() * l.kind().activations();
            n.peBusyCycles += cycles;
            n.weightSramReads += l.weightBytes();
            // Each row group loads the tile's tables from the LUT SRAM into the per-column register files.
            n.lutSramReads += rowGroups * 32L * l.groups();
            n.accUpdates += l.rows();
            n.outSramReads += 4L * l.rows();
            n.outSramWrites += 4L * l.rows();
            complete(ready.get(Buf.OUT)[l.oSlot()]);
        } else if (in instanceof Requantise r) {
            long start = max(epilogueFree, ready.get(Buf.OUT)[r.oSlot()], ready.get(Buf.PARAM)[r.pSlot()], 0);
            epilogueFree = start + cycles;
            epilogueBusy += cycles;
            long done = epilogueFree + c.epilogue().pipelineStages();
            read(Buf.PARAM, r.pSlot(), done);
            read(Buf.OUT, r.oSlot(), done);
            ready.get(Buf.OUT)[r.oSlot()] = done;
            n.epilogueOutputs += r.outputs();
            boolean a16 = r.epilogue() == org.ternsim.isa.accel.Epilogue.A16;
            n.a16TreeAdds += a16 ? 15 * r.outputs() : 0;
            n.outSramReads += r.outputs() * (a16 ? 64 : 4);
            n.outSramWrites += r.outputs() * 4;
            n.paramSramBytes += 8L * r.tokens();
            complete(done);
        } else if (in instanceof Sync) {
            // Loads and stores queue separately (a DMA engine's read and write channels) but share the DRAM: the
            // program cannot end before the DRAM has carried all of their bytes.
            complete(max(Math.max(loadFree, storeFree), arrayFree, builderFree, epilogueFree));
            complete(dmaBusy + costs.dmaLatency());
        }
    }

    /** Cycles from the first instruction to the completion of the last (a Sync ends every program). */
    public long cycles() {
        return lastCompletion;
    }

    public AccelCounters counters() {
        return n;
    }

    /** Busy cycles per engine: dma, array, lut-build, epilogue. */
    public Map<String, Long> busy() {
        return Map.of("dma", dmaBusy, "array", arrayBusy, "lut-build", builderBusy, "epilogue", epilogueBusy);
    }

    private void countMac(TernaryMac m, long cycles, ZeroGroups.Counts skip) {
        // Fraction of the tile's activations in non-zero groups: what the array actually computes.
        double done = skip == null ? 1 : Math.min(1, skip.groups() * m.skipGroup() / ((double) m.tokens() * m.kLen()));
        long skipped = Math.round(m.macs() * (1 - done));
        switch (m.act()) {
            case INT8:
                n.macs += m.macs();
                n.macsSkipped += skipped;
                break;
            case INT4:
                n.macsInt4 += m.macs();
                n.macsInt4Skipped += skipped;
                break;
            default:
                n.macsFloat += m.macs();
        }
        n.peBusyCycles += cycles;
        long rowGroups = AccelCosts.ceil(m.rows(), c.pe().rows());
        if (skip == null) {
            n.weightSramReads += (long) m.rows() * m.kLen() / 4;
            n.actSramReads += rowGroups * m.tokens() * m.act().bytes(m.kLen());
        } else {
            double computed = skip.groups() * m.skipGroup();
            // Whole-step groups keep a step's weights in the PEs across tokens; compacted steps gather them per token.
            double weightValues = m.skipGroup() >= c.pe().lanes(m.act()) ? Math.min(m.kLen(), computed) : computed;
            n.weightSramReads += Math.round(m.rows() * weightValues / 4);
            n.actSramReads += Math.round(rowGroups * computed * m.act().bits() / 8);
            n.zeroDetects += (long) m.tokens() * m.kLen();
            n.skipIndices += Math.round(rowGroups * skip.groups());
        }
        int accBytes = m.act().isFloat() ? 64 : 4;
        n.accUpdates += (long) m.rows() * m.tokens() * (m.act().isFloat() ? 16 : 1);
        n.outSramReads += (m.clear() ? 0 : 1) * (long) m.rows() * m.tokens() * accBytes;
        n.outSramWrites += (long) m.rows() * m.tokens() * accBytes;
    }

    private void countWrite(Buf b, long bytes) {
        switch (b) {
            case WEIGHT:
                n.weightSramWrites += bytes;
                break;
            case ACT:
                n.actSramWrites += bytes;
                break;
            case PARAM:
                n.paramSramBytes += bytes;
                break;
            default:
                n.outSramWrites += bytes;
        }
    }

    /** When slot {@code s} of {@code b} may be overwritten. */
    private long writable(Buf b, int s) {
        long[] ends = readEnd.get(b);
        if (c.doubleBuffering()) {
            return ends[s];
        }
        long all = 0;
        for (long e : ends) {
            all = Math.max(all, e);
        }
        return all;
    }

    private void read(Buf b, int s, long end) {
        readEnd.get(b)[s] = Math.max(readEnd.get(b)[s], end);
    }

    private void complete(long t) {
        lastCompletion = Math.max(lastCompletion, t);
    }

    private static long max(long a, long b, long c2, long d) {
        return Math.max(Math.max(a, b), Math.max(c2, d));
    }
}
