// Runs one loop body back to back on the core model (llvm-mca style, L1-resident) and gathers what `explain` prints.
package org.ternsim.sim.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Program;
import org.ternsim.isa.uarch.InstrDesc;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.PortUsageParser;
import org.ternsim.sim.core.Loop;
import org.ternsim.sim.core.LoopBounds;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.core.SteadyState;
import org.ternsim.sim.explain.LoopExplanation.InstructionView;
import org.ternsim.sim.explain.LoopExplanation.TimelineRow;
import org.ternsim.sim.mem.MemoryHierarchy;

/**
 * The loop body is fed to {@link OutOfOrderCore} {@code iterations} times in a row, as llvm-mca does. Every memory
 * operand gets one fixed, pre-warmed cache line (so every access hits L1): this isolates the core from the memory
 * system, which the in-program steady state of a full run then adds back. Ports per instruction are averaged over
 * the second half of the run, when the loop is in steady state.
 */
public final class LoopExplainer {

    private static final long SCRATCH_BASE = 0x7000_0000_0000L;

    private LoopExplainer() {
    }

    /** The innermost loop with the largest body (the kernel's hot loop in every lowering so far). */
    public static Loop hotLoop(Program program) {
        return Loop.innermost(program).stream().max(java.util.Comparator.comparingInt(Loop::size)
                .thenComparing(l -> -l.startPc()))
            .orElseThrow(() -> new IllegalArgumentException(program.name() + " has no loop"));
    }

    public static LoopExplanation explain(Program program, Microarchitecture uarch, MemoryHierarchy memory, Loop loop,
                                          int iterations, int timelineFrom, int timelineIterations) {
        if (iterations < 2) {
            throw new IllegalArgumentException("needs at least 2 iterations, got " + iterations);
        }
        List<Instruction> code = program.code();
        int n = loop.size();
        memory.warm(SCRATCH_BASE, (long) code.size() * 64);
        OutOfOrderCore core = new OutOfOrderCore(program, uarch, memory);
        List<String> portNames = uarch.ports();
        long[][] portCounts = new long[n][portNames.size()];
        int measureFrom = iterations / 2;
        List<long[]> rows = new ArrayList<>();
        int[] iteration = {0};
        core.observe((pc, dispatch, issue, complete, retire, ports, count) -> {
            int i = pc - loop.startPc();
            if (iteration[0] >= measureFrom) {
                for (int k = 0; k < count; k++) {
                    portCounts[i][ports[k]]++;
                }
            }
            if (iteration[0] >= timelineFrom && iteration[0] < timelineFrom + timelineIterations) {
                rows.add(new long[] {iteration[0], i, dispatch, issue, complete, retire});
            }
        });
        for (int it = 0; it < iterations; it++) {
            iteration[0] = it;
            for (int pc = loop.startPc(); pc <= loop.branchPc(); pc++) {
                Instruction in = code.get(pc);
                Operand.Mem m = in.mnemonic().equals("lea") ? null : in.memOperand();
                boolean store = m != null && in.op(0) instanceof Operand.Mem;
                core.retired(pc, m == null ? 0 : SCRATCH_BASE + 64L * pc, m == null ? 0 : m.bytes(), store);
            }
        }
        SteadyState steady = core.steadyState().orElseThrow();
        LoopBounds bounds = LoopBounds.of(program, uarch, loop);
        List<InstructionView> views = new ArrayList<>();
        double measured = iterations - measureFrom;
        for (int i = 0; i < n; i++) {
            int pc = loop.startPc() + i;
            Instruction in = code.get(pc);
            InstrDesc d = uarch.desc(in.form());
            Map<String, Double> perPort = new LinkedHashMap<>();
            for (int p = 0; p < portNames.size(); p++) {
                if (portCounts[i][p] > 0) {
                    perPort.put(portNames.get(p), portCounts[i][p] / measured);
                }
            }
            boolean fused = core.fusedWithPrevious(pc);
            views.add(new InstructionView(pc, in.toString(), in.form(), d.uops(), d.latency(), d.rthr(),
                d.usage().isEmpty() ? "none" : PortUsageParser.format(d.usage()), perPort, fused));
        }
        long origin = rows.isEmpty() ? 0 : rows.get(0)[2];
        List<TimelineRow> timeline = new ArrayList<>();
        for (long[] r : rows) {
            timeline.add(new TimelineRow((int) r[0], (int) r[1], code.get(loop.startPc() + (int) r[1]).toString(),
                r[2] - origin, r[3] - origin, r[4] - origin, r[5] - origin));
        }
        String binding = bounds.binding();
        String bottleneck = binding.equals("ports") ? "ports " + String.join(",", bounds.portPorts()) : binding;
        return new LoopExplanation(program.name(), uarch.name(), loop.label(), iterations, views, steady,
            steady.cyclesPerIteration(), bounds, bottleneck, timeline);
    }
}
