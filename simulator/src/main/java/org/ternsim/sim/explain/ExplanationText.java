// Renders a LoopExplanation as text: instruction table with ports, cycles/iteration, bounds, llvm-mca-style timeline.
package org.ternsim.sim.explain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ternsim.sim.core.LoopBounds;
import org.ternsim.sim.core.SteadyState;
import org.ternsim.sim.explain.LoopExplanation.InstructionView;
import org.ternsim.sim.explain.LoopExplanation.TimelineRow;

public final class ExplanationText {

    /** Timeline columns beyond this are cut (a slow loop's few iterations can span hundreds of cycles). */
    static final int MAX_TIMELINE_CYCLES = 100;

    private ExplanationText() {
    }

    public static String render(LoopExplanation e) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s on %s: inner loop %s, %d instructions, %d iterations back to back"
            + " (L1-resident, as llvm-mca)%n%n", e.program(), e.uarch(), e.loopLabel(), e.instructions().size(),
            e.iterations()));
        int textWidth = e.instructions().stream().mapToInt(v -> v.text().length()).max().orElse(10);
        sb.append(String.format(Locale.ROOT, "  %4s  %-" + textWidth + "s  %4s %4s %6s  %s%n", "pc", "instruction",
            "uops", "lat", "rthr", "ports per iteration (table usage)"));
        for (InstructionView v : e.instructions()) {
            sb.append(String.format(Locale.ROOT, "  %4d  %-" + textWidth + "s  %4s %4d %6.3f  %s  (%s)%n", v.pc(),
                v.text(), v.fusedWithPrevious() ? "fuse" : Integer.toString(v.uops()), v.latency(), v.rthr(),
                ports(v.portsPerIteration()), v.usage()));
        }
        SteadyState s = e.steadyState();
        sb.append(String.format(Locale.ROOT, "%nCycles per iteration  %.2f  (%s)%n", e.cyclesPerIteration(),
            s.converged() ? "steady state after " + s.convergedAfter() + " of " + s.measured() + " measured iterations"
                : "did not converge; mean of " + s.measured() + " iterations"));
        LoopBounds b = e.bounds();
        sb.append(String.format(Locale.ROOT, "Bounds per iteration  ports %.2f (%s) | dispatch %.2f | retire %.2f"
            + " | dependency %.2f%n", b.port(), String.join(",", b.portPorts()), b.dispatch(), b.retire(),
            b.dependency()));
        sb.append(String.format(Locale.ROOT, "Bottleneck            %s%s%n", e.bottleneck(),
            e.cyclesPerIteration() > 1.1 * b.max() ? String.format(Locale.ROOT,
                " (simulated %.2f exceeds every single bound by >10%%: resources interact)", e.cyclesPerIteration())
                : ""));
        sb.append(timeline(e.timeline()));
        return sb.toString();
    }

    private static String ports(Map<String, Double> perPort) {
        if (perPort.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        perPort.forEach((p, v) -> sb.append(sb.length() == 0 ? "" : " ").append(p).append(':')
            .append(String.format(Locale.ROOT, "%.2f", v)));
        return sb.toString();
    }

    /**
     * llvm-mca's timeline letters: D dispatched, = waiting for operands or a port, e executing, E last execute cycle,
     * - done and waiting to retire, R retired; '.' marks every fifth idle column.
     */
    static String timeline(List<TimelineRow> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        long last = rows.stream().mapToLong(TimelineRow::retire).max().orElse(0);
        int width = (int) Math.min(last + 1, MAX_TIMELINE_CYCLES);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nTimeline (cycles from the first dispatch shown%s)%n",
            last + 1 > width ? ", cut at " + width : ""));
        sb.append("           ");
        for (int c = 0; c < width; c++) {
            sb.append(c % 10 == 0 ? Character.forDigit((c / 10) % 10, 10) : ' ');
        }
        sb.append('\n').append("           ");
        for (int c = 0; c < width; c++) {
            sb.append(Character.forDigit(c % 10, 10));
        }
        sb.append('\n');
        for (TimelineRow r : rows) {
            sb.append(String.format(Locale.ROOT, "%-11s", "[" + r.iteration() + "," + r.index() + "]"));
            for (int c = 0; c < width; c++) {
                sb.append(cell(r, c));
            }
            sb.append("   ").append(r.text()).append('\n');
        }
        return sb.toString();
    }

    static char cell(TimelineRow r, long c) {
        long lastExec = Math.max(r.issue(), r.complete() - 1);
        if (c == r.dispatch()) {
            return 'D';
        }
        if (c == r.retire()) {
            return 'R';
        }
        if (c > r.dispatch() && c < r.issue()) {
            return '=';
        }
        if (c >= r.issue() && c < lastExec) {
            return 'e';
        }
        if (c == lastExec && c > r.dispatch()) {
            return 'E';
        }
        if (c > lastExec && c < r.retire()) {
            return '-';
        }
        return c % 5 == 0 ? '.' : ' ';
    }
}
