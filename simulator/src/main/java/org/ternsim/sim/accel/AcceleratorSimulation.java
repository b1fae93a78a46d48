// Public entry point: maps, lowers, times and (optionally) executes one GEMV/GEMM on an accelerator config.
package org.ternsim.sim.accel;

import org.ternsim.isa.accel.AccelCheck;
import org.ternsim.isa.accel.AccelLowering;
import org.ternsim.isa.accel.AccelMachine;
import org.ternsim.isa.accel.AccelMapper;
import org.ternsim.isa.accel.AccelShape;
import org.ternsim.isa.accel.ActType;
import org.ternsim.isa.accel.TileMapping;

/**
 * {@link #run} is what the CLI and the workload runner call per operator. The mapper picks the mapping by the
 * analytic {@link MappingCost}; the program is then streamed through the {@link AccelScheduler} (never stored, so any
 * shape is cheap: one pass over its tiles). With {@code functional} the same program is executed on generated data
 * while it is timed, and compared with the functional engine bit for bit ({@link AccelCheck}). Timing and energy do
 * not depend on the data, so both modes report the same cycles and joules, except on a design that skips zero
 * activations: there a functional run times the zeros the detector sees in its data and a timing-only run the
 * expected count for the request's zero fraction ({@link ExpectedZeros}).
 */
public final class AcceleratorSimulation {

    private AcceleratorSimulation() {
    }

    /**
     * @throws IllegalArgumentException if the design cannot run the kernel (wrong PE unit or activation type, nothing
     *                                  fits its buffers) or a functional run's shape breaks the weight format's rules
     */
    public static AccelResult run(AcceleratorConfig c, AccelRequest r) {
        return run(c, r, null);
    }

    /** As {@link #run(AcceleratorConfig, AccelRequest)}, sending each timed instruction to {@code listener}. */
    public static AccelResult run(AcceleratorConfig c, AccelRequest r, AccelScheduler.Listener listener) {
        AccelShape s = new AccelShape(r.kernel(), r.act(), r.rows(), r.cols(), r.tokens(), skipGroup(c, r));
        checkSupported(c, s);
        TileMapping map = map(c, s);
        AccelScheduler sched;
        String check = "not run";
        Boolean passed = null;
        if (r.functional()) {
            AccelMachine[] machine = new AccelMachine[1];
            AccelScheduler timed = new AccelScheduler(c, ZeroGroups.observed(() -> machine[0]));
            timed.listen(listener);
            AccelCheck.Result res = AccelCheck.run(s, map, c.slots(r.kernel().accumulatorBytes()), AccelCheck.Data.RANDOM,
                    r.seed(), r.zeroFraction(), (in, m) -> {
                        machine[0] = m;
                        timed.accept(in);
                    });
            sched = timed;
            passed = res.passed();
            check = passed ? "bit-exact (" + res.outputs() + " outputs vs " + res.reference() + ")"
                    : Math.max(res.mismatches(), res.mismatchesVsScalar()) + " of " + res.outputs()
                    + " outputs differ from " + res.reference() + " or the scalar reference";
        } else {
            sched = new AccelScheduler(c, new ExpectedZeros(r.cols(), r.zeroFraction()));
            sched.listen(listener);
            AccelLowering.lower(s, map, 1f, sched::accept);
        }
        long cycles = sched.cycles();
        double seconds = cycles / c.clockHz();
        AccelCounters n = sched.counters();
        return new AccelResult(c.name(), r.kernel().id() + (r.act() == ActType.BF16 ? "/bf16" : ""), r.rows(), r.cols(),
                r.tokens(), map.toString(), cycles, seconds, AccelEnergy.joules(c, n, seconds), n.dramReadBytes(),
                n.dramWriteBytes(), bound(sched), Roofline.of(c, s), AccelEnergy.areaMm2(c), sched.busy(), n.macs(),
                n.skippedMacs(), n.instructions(), check, passed);
    }

    /**
     * The skip group the program uses: the design's, when it skips zero activations and the operator's input is
     * declared sparse with integer codes on the ternary-MAC array; 0 (dense) otherwise, so a dense operator's program
     * and time do not change.
     */
    static int skipGroup(AcceleratorConfig c, AccelRequest r) {
        boolean applies = c.sparsity().skipZeroActivations() && r.zeroFraction() > 0 && !r.act().isFloat()
                && !r.kernel().isLut();
        return applies ? c.sparsity().skipGroup() : 0;
    }

    /** The mapping the mapper picks for {@code s} on {@code c}. */
    public static TileMapping map(AcceleratorConfig c, AccelShape s) {
        MappingCost cost = new MappingCost(c);
        return AccelMapper.choose(s, c.slots(s.kernel().accumulatorBytes()), c.pe().rows(), t -> cost.of(s, t));
    }

    static void checkSupported(AcceleratorConfig c, AccelShape s) {
        boolean lutKernel = s.kernel().isLut();
        if (lutKernel != (c.pe().unit() == PeUnit.LUT)) {
            throw new IllegalArgumentException("design " + c.name() + " has PE unit " + c.pe().unit().id() + ", which"
                    + " cannot run kernel " + s.kernel().id() + (lutKernel ? " (needs pe.unit: lut)"
                    : " (needs pe.unit: ternary-adder-tree or int8-mac)"));
        }
        if (!c.pe().activations().contains(s.act())) {
            throw new IllegalArgumentException("design " + c.name() + " does not accept " + s.act().name().toLowerCase(
                    java.util.Locale.ROOT) + " activations (pe.activations: " + c.pe().activations() + ")");
        }
    }

    private static String bound(AccelScheduler sched) {
        String best = "compute";
        long most = -1;
        for (String e : new String[] {"array", "dma", "lut-build", "epilogue"}) {
            long b = sched.busy().get(e);
            if (b > most) {
                most = b;
                best = e;
            }
        }
        return best.equals("array") ? "compute" : best.equals("dma") ? "dram" : best;
    }
}
