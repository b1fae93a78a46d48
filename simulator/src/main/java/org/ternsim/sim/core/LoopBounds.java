// Analytic per-iteration bounds of one loop body: port pressure, dispatch and retire width, loop-carried dependency chain.
package org.ternsim.sim.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.uarch.CoreParams;
import org.ternsim.isa.uarch.Microarchitecture;

/**
 * Lower bounds on cycles per iteration, each assuming every other resource is unlimited (llvm-mca's bottleneck
 * view). {@code portPorts} names the port set whose demand gives the port bound. The dependency bound is the slope
 * of the latest result-ready time over many iterations with unlimited ports: the loop-carried recurrence, including
 * L1 load-to-use latency for loads. Memory beyond L1 is not part of these bounds (see the in-program steady state).
 *
 * @param port       cycles per iteration demanded of the busiest port set, divided by its size
 * @param portPorts  that port set
 * @param dispatch   dispatch slots per iteration / dispatch width (a fused jcc takes no slot)
 * @param retire     instructions per iteration / retire width
 * @param dependency loop-carried dependency chain, cycles per iteration
 */
public record LoopBounds(double port, List<String> portPorts, double dispatch, double retire, double dependency) {

    private static final int CHAIN_ITERATIONS = 64;

    /** The binding constraint: "ports", "dispatch", "retire" or "dependency" (the largest bound). */
    public String binding() {
        String name = "ports";
        double best = port;
        if (dispatch > best) {
            name = "dispatch";
            best = dispatch;
        }
        if (retire > best) {
            name = "retire";
            best = retire;
        }
        if (dependency > best) {
            name = "dependency";
        }
        return name;
    }

    public double max() {
        return Math.max(Math.max(port, dispatch), Math.max(retire, dependency));
    }

    /** Per-port-set demand in cycles per iteration, for reports: port names joined by ',' to cycles. */
    public static Map<String, Double> portDemand(Program program, Microarchitecture uarch, Loop loop) {
        Map<Long, Double> byMask = demandByMask(decode(program, uarch, loop));
        Map<String, Double> out = new LinkedHashMap<>();
        byMask.forEach((mask, cycles) -> out.put(String.join(",", names(mask, uarch)), cycles));
        return out;
    }

    public static LoopBounds of(Program program, Microarchitecture uarch, Loop loop) {
        List<StaticInstruction> body = decode(program, uarch, loop);
        CoreParams core = uarch.core();
        Map<Long, Double> byMask = demandByMask(body);
        List<Long> masks = new ArrayList<>(byMask.keySet());
        if (masks.size() > 20) {
            throw new IllegalStateException("too many distinct port sets for the exact bound: " + masks.size());
        }
        double port = 0;
        long portUnion = 0;
        for (int subset = 1; subset < 1 << masks.size(); subset++) {
            long union = 0;
            for (int i = 0; i < masks.size(); i++) {
                if ((subset & 1 << i) != 0) {
                    union |= masks.get(i);
                }
            }
            double demand = 0;
            for (Map.Entry<Long, Double> e : byMask.entrySet()) {
                if ((e.getKey() & ~union) == 0) {
                    demand += e.getValue();
                }
            }
            double bound = demand / Long.bitCount(union);
            if (bound > port + 1e-12 || bound > port - 1e-12 && Long.bitCount(union) < Long.bitCount(portUnion)) {
                port = bound;
                portUnion = union;
            }
        }
        int slots = 0;
        for (StaticInstruction si : body) {
            slots += si.fusedWithPrevious() ? 0 : 1;
        }
        return new LoopBounds(port, names(portUnion, uarch), (double) slots / core.dispatchWidth(),
            (double) body.size() / core.retireWidth(), dependency(body, core));
    }

    private static List<StaticInstruction> decode(Program program, Microarchitecture uarch, Loop loop) {
        List<StaticInstruction> body = new ArrayList<>();
        List<Instruction> code = program.code();
        for (int pc = loop.startPc(); pc <= loop.branchPc(); pc++) {
            body.add(StaticInstruction.decode(code.get(pc), pc == 0 ? null : code.get(pc - 1), uarch));
        }
        return body;
    }

    private static Map<Long, Double> demandByMask(List<StaticInstruction> body) {
        Map<Long, Double> byMask = new HashMap<>();
        for (StaticInstruction si : body) {
            if (si.zeroIdiom()) {
                continue;
            }
            for (int t = 0; t < si.portMasks().length; t++) {
                byMask.merge(si.portMasks()[t], (double) si.portCounts()[t] * si.desc().occupancy(), Double::sum);
            }
        }
        return byMask;
    }

    /** Slope of the latest result time with unlimited resources: the loop-carried chain per iteration. */
    private static double dependency(List<StaticInstruction> body, CoreParams core) {
        long[] ready = new long[Reg.DEPENDENCY_IDS];
        long[] accReady = new long[Reg.DEPENDENCY_IDS]; // late-forwarded accumulator, as in OutOfOrderCore
        String[] accGroup = new String[Reg.DEPENDENCY_IDS];
        long half = 0;
        long end = 0;
        for (int it = 0; it < CHAIN_ITERATIONS; it++) {
            for (StaticInstruction si : body) {
                long start = 0;
                for (int r : si.reads()) {
                    start = Math.max(start, ready[r]);
                }
                long loadLatency = !si.desc().load() ? 0 : si.vectorLoad() ? core.loadToUseVec() : core.loadToUseInt();
                for (int r : si.lateReads()) { // load-op data operands join after the load (ReadAdvance)
                    start = Math.max(start, ready[r] - loadLatency);
                }
                String group = si.desc().accumulateGroup();
                if (si.accumulator() >= 0) {
                    int a = si.accumulator();
                    start = Math.max(start, group.equals(accGroup[a]) ? accReady[a] : ready[a]);
                }
                long done = start + (si.zeroIdiom() ? 0 : si.desc().latency()) + loadLatency;
                for (int w : si.writes()) {
                    ready[w] = done;
                    accReady[w] = start + si.desc().accumulateLatency();
                    accGroup[w] = group.isEmpty() ? null : group;
                }
                end = Math.max(end, done);
            }
            if (it == CHAIN_ITERATIONS / 2 - 1) {
                half = end;
            }
        }
        return (double) (end - half) / (CHAIN_ITERATIONS / 2);
    }

    private static List<String> names(long mask, Microarchitecture uarch) {
        List<String> names = new ArrayList<>();
        for (int p = 0; p < uarch.ports().size(); p++) {
            if ((mask & 1L << p) != 0) {
                names.add(uarch.ports().get(p));
            }
        }
        return names;
    }
}
