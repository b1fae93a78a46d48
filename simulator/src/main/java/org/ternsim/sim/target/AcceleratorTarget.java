// A ternary accelerator as an end-to-end target: ternary linears on its datapath model, everything else analytic.
package org.ternsim.sim.target;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ternsim.isa.accel.AccelKernel;
import org.ternsim.isa.accel.ActType;
import org.ternsim.sim.accel.AccelResult;
import org.ternsim.sim.accel.AcceleratorConfig;
import org.ternsim.sim.accel.AcceleratorSimulation;
import org.ternsim.sim.accel.AccelRequest;
import org.ternsim.sim.accel.PeUnit;
import org.ternsim.sim.workload.Formats;
import org.ternsim.sim.workload.OpClass;
import org.ternsim.sim.workload.Operator;

/**
 * Ternary linear layers run on the accelerator's cycle and energy model (timing only: {@code functional = false}; the
 * same kernels are checked bit for bit by {@code ternsim validate}). The kernel follows the PE unit: a LUT unit runs
 * {@code tl2}, other units {@code i2_s}, and W1.58A16 linears (FLUX) {@code ternary-a16} (in bf16 when the operator's
 * input is bf16 and the design takes it). A linear whose input the workload quantizes to int4 (a4.8's q/k/v/gate/up,
 * BitNet v2) runs {@code i2_s-int4} with packed int4 activations on a design that accepts int4; on one that does not
 * (and on a LUT unit) its codes run in int8 lanes, which gives the same sums. The operator's input sparsity is passed
 * on: a design with zero-activation skipping skips the zero groups. Operators the datapath does not implement
 * (attention, norms, quantizers, the
 * f16 / q6_k LM head, embeddings) are costed analytically: their bytes over the DMA bandwidth and their arithmetic over
 * the array's peak, whichever is longer, DRAM energy from the DMA's pJ/bit; marked {@code analytic}.
 */
public final class AcceleratorTarget implements Target {

    private final AcceleratorConfig config;
    private final Map<String, OperatorCost> cache = new ConcurrentHashMap<>();
    /** With {@link #recordTimelines}: per operator shape, the engines' spans and busy cycles. */
    private final Map<String, Detail> details = new ConcurrentHashMap<>();
    private volatile boolean recording;

    private record Detail(java.util.List<org.ternsim.sim.timeline.SimSpan> spans, Map<String, Long> busyCycles,
            long cycles) {
    }

    public AcceleratorTarget(AcceleratorConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String kind() {
        return "accelerator";
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public double freqHz() {
        return config.clockHz();
    }

    @Override
    public double memoryBytesPerSecond() {
        return config.dma().bandwidthBytesPerSec();
    }

    @Override
    public String isaOf(Operator op) {
        return accelKernel(op) == null ? "" : "accel";
    }

    @Override
    public OperatorCost cost(Operator op) {
        return cache.computeIfAbsent(key(op), key -> costUncached(op, key));
    }

    private static String key(Operator op) {
        return op.opClass() + "/" + op.kernel() + "/" + op.shape() + "/" + op.weightFormat() + "/" + op.inputFormat()
            + "/" + op.inputSparsity();
    }

    @Override
    public void recordTimelines() {
        recording = true;
    }

    /**
     * The operator on track "operators", what bounds it on track "bound", and for a datapath operator the engines'
     * instructions as the scheduler timed them (one track per engine, see {@link AccelTimelineRecorder}) with a counter
     * of each engine's busy share.
     */
    @Override
    public org.ternsim.sim.timeline.Timeline timeline(Operator op, OperatorCost cost) {
        var b = new org.ternsim.sim.timeline.Timeline.Builder();
        b.span(OperatorSpans.span(name(), "operators", op, cost, Map.of()));
        b.span(new org.ternsim.sim.timeline.SimSpan(name(), "bound", cost.bound(), "bound", 0, cost.seconds(),
            Map.of("operator", OperatorSpans.name(op), "model", cost.model())));
        Detail d = details.get(key(op));
        if (d != null) {
            d.spans().forEach(b::span);
            Map<String, Double> pct = new LinkedHashMap<>();
            Map<String, Double> zero = new LinkedHashMap<>();
            d.busyCycles().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                pct.put(e.getKey(), d.cycles() == 0 ? 0 : 100.0 * e.getValue() / d.cycles());
                zero.put(e.getKey(), 0.0);
            });
            b.counter(new org.ternsim.sim.timeline.SimCounter(name(), BUSY_COUNTER, 0, pct));
            b.counter(new org.ternsim.sim.timeline.SimCounter(name(), BUSY_COUNTER, cost.seconds(), zero));
        }
        return b.build();
    }

    /** Counter of {@link #timeline}: busy cycles of each engine as a share of the operator's cycles. */
    public static final String BUSY_COUNTER = "engine busy (% of operator cycles)";

    private OperatorCost costUncached(Operator op, String key) {
        AccelRequest request = request(op);
        if (request == null) {
            return analytic(op);
        }
        String kernel = request.kernel().id() + (request.act() == ActType.BF16 ? "/bf16" : "");
        AccelTimelineRecorder recorder = recording ? new AccelTimelineRecorder(name(), config.clockHz()) : null;
        AccelResult r = AcceleratorSimulation.run(config, request, recorder);
        if (recorder != null) {
            details.put(key, new Detail(recorder.spans(), r.busyCycles(), r.cycles()));
        }
        Map<String, Double> pj = new LinkedHashMap<>();
        r.energyJ().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> pj.put(e.getKey(), e.getValue() * 1e12));
        String bound = r.bound().equals("dram") ? "memory" : "compute";
        return new OperatorCost(r.cycles(), r.seconds(), pj, r.dramReadBytes() + r.dramWriteBytes(), bound,
            OperatorCost.SIMULATED, "accel", kernel + " " + r.mapping() + (r.skippedMacs() > 0
                ? String.format(java.util.Locale.ROOT, ", %.2f%% of MACs skipped (zero activations)",
                    100.0 * r.skippedMacs() / r.macs()) : ""));
    }

    /** The accelerator kernel for a ternary linear, or null for operators the datapath does not run. */
    private String accelKernel(Operator op) {
        AccelRequest r = request(op);
        return r == null ? null : r.kernel().id();
    }

    /** The timing-only request of a ternary linear: kernel and activation type from its input format; else null. */
    private AccelRequest request(Operator op) {
        if (op.opClass() != OpClass.LINEAR || !Formats.ternary(op.weightFormat())) {
            return null;
        }
        AccelKernel kernel;
        ActType act;
        if (op.kernel().endsWith("-a16")) {
            kernel = AccelKernel.TERNARY_A16;
            act = "bf16".equals(op.inputFormat()) && accepts(ActType.BF16) || !accepts(ActType.F16) ? ActType.BF16
                : ActType.F16;
        } else if (config.pe().unit() == PeUnit.LUT) {
            kernel = AccelKernel.TL2;
            act = ActType.INT8;
        } else if ("int4".equals(op.inputFormat()) && accepts(ActType.INT4)) {
            kernel = AccelKernel.I2S_INT4;
            act = ActType.INT4;
        } else {
            kernel = AccelKernel.I2S;
            act = ActType.INT8;
        }
        return new AccelRequest(kernel, act, Math.toIntExact(op.m()), Math.toIntExact(op.k()),
            Math.toIntExact(op.n()), 1, false, op.inputSparsity());
    }

    private boolean accepts(ActType act) {
        return config.pe().activations().contains(act);
    }

    private OperatorCost analytic(Operator op) {
        double bytes = op.weightBytes() + op.activationBytes();
        double memorySeconds = bytes / config.dma().bandwidthBytesPerSec();
        double ops = op.macs() + op.elementOps();
        double computeSeconds = ops / ((double) config.pe().pes() * config.clockHz());
        double seconds = Math.max(memorySeconds, computeSeconds);
        Map<String, Double> pj = new LinkedHashMap<>();
        pj.put("dram", bytes * 8.0 * config.dma().energyPerBitPj());
        return new OperatorCost(seconds * config.clockHz(), seconds, pj, bytes,
            memorySeconds >= computeSeconds ? "memory" : "compute", OperatorCost.ANALYTIC, "",
            "not run on the datapath: bytes over DMA bandwidth, ops over " + config.pe().pes() + " PEs");
    }
}
