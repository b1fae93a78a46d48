// Records an accelerator operator's schedule as spans per engine (DMA load/store, PE array, LUT builder, epilogue),
// with the PE array's idle gaps as stalls; keeps the first spans of each engine and folds the rest into one.
package org.ternsim.sim.target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ternsim.isa.accel.AccelInstr;
import org.ternsim.isa.accel.DmaLoad;
import org.ternsim.isa.accel.DmaStore;
import org.ternsim.isa.accel.LutAccumulate;
import org.ternsim.isa.accel.LutBuild;
import org.ternsim.isa.accel.Requantise;
import org.ternsim.isa.accel.TernaryMac;
import org.ternsim.sim.accel.AccelScheduler;
import org.ternsim.sim.timeline.SimSpan;

/**
 * A large GEMV runs thousands of tiles and a model has hundreds of operators; a trace of every tile of every
 * operator would run to hundreds of MB. So each engine keeps its first {@link #SPANS_PER_ENGINE} instructions (and
 * array gaps) as spans and folds the rest into one span "N more ..." from the first folded start to the last end,
 * which says how many instructions, busy and idle cycles it holds.
 */
final class AccelTimelineRecorder implements AccelScheduler.Listener {

    static final int SPANS_PER_ENGINE = 64;

    private final String unit;
    private final double clockHz;
    private final Map<String, Engine> engines = new LinkedHashMap<>();

    private static final class Engine {
        final List<SimSpan> spans = new ArrayList<>();
        long lastEnd = -1;
        long foldedStart = -1;
        long foldedEnd;
        long foldedCount;
        long foldedBusy;
        long foldedIdle;
    }

    AccelTimelineRecorder(String unit, double clockHz) {
        this.unit = unit;
        this.clockHz = clockHz;
    }

    @Override
    public void executed(AccelInstr in, String engine, long start, long end) {
        Engine e = engines.computeIfAbsent(engine, k -> new Engine());
        long gap = engine.equals(AccelScheduler.ARRAY) && e.lastEnd >= 0 ? start - e.lastEnd : 0;
        if (e.spans.size() + (gap > 0 ? 1 : 0) >= SPANS_PER_ENGINE || e.foldedStart >= 0) {
            if (e.foldedStart < 0) {
                e.foldedStart = gap > 0 ? e.lastEnd : start;
            }
            e.foldedEnd = Math.max(e.foldedEnd, end);
            e.foldedCount++;
            e.foldedBusy += end - start;
            e.foldedIdle += Math.max(0, gap);
        } else {
            if (gap > 0) {
                e.spans.add(new SimSpan(unit, engine, "PE array idle (waiting for operands or buffer slot)", "stall",
                    e.lastEnd / clockHz, gap / clockHz, Map.of("cycles", gap)));
            }
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("instruction", in.asm());
            args.put("cycles", end - start);
            e.spans.add(new SimSpan(unit, engine, label(in), category(engine), start / clockHz, (end - start) / clockHz,
                args));
        }
        e.lastEnd = Math.max(e.lastEnd, end);
    }

    /** The recorded spans, times relative to the operator's start. */
    List<SimSpan> spans() {
        List<SimSpan> all = new ArrayList<>();
        engines.forEach((name, e) -> {
            all.addAll(e.spans);
            if (e.foldedStart >= 0) {
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("instructions", e.foldedCount);
                args.put("busy_cycles", e.foldedBusy);
                args.put("idle_cycles", e.foldedIdle);
                args.put("note", "first " + SPANS_PER_ENGINE + " spans of this engine shown one by one, the rest folded");
                all.add(new SimSpan(unit, name, e.foldedCount + " more " + name + " instructions", category(name),
                    e.foldedStart / clockHz, (e.foldedEnd - e.foldedStart) / clockHz, args));
            }
        });
        return all;
    }

    private static String category(String engine) {
        return switch (engine) {
            case AccelScheduler.DMA_LOAD, AccelScheduler.DMA_STORE -> "dma";
            case AccelScheduler.LUT_BUILDER -> "lut-build";
            case AccelScheduler.EPILOGUE -> "epilogue";
            default -> "compute";
        };
    }

    private static String label(AccelInstr in) {
        if (in instanceof DmaLoad d) {
            return "load " + d.dst().name().toLowerCase(Locale.ROOT) + " " + d.bytes() + " B";
        }
        if (in instanceof DmaStore d) {
            return "store " + d.bytes() + " B";
        }
        if (in instanceof TernaryMac m) {
            return "MAC tile " + m.rows() + "x" + m.kLen() + "x" + m.tokens();
        }
        if (in instanceof LutAccumulate l) {
            return "LUT accumulate " + l.rows() + " rows x " + l.groups() + " groups";
        }
        if (in instanceof LutBuild b) {
            return "LUT build " + b.groups() + " tables";
        }
        if (in instanceof Requantise r) {
            return "requantise " + r.outputs();
        }
        return in.getClass().getSimpleName();
    }
}
