// Whether rows that start in the same state also run alike: each row's per-instruction timing against a row LAG before.
//
// Run from the repository root after `mvn -B -q -o install -DskipTests`:
//   java --add-modules jdk.incubator.vector -cp simulator/target/test-classes:cli/target/ternsim.jar \
//     org.ternsim.sim.core.RowTimingDiffMain SHAPE hw/kernel/isa [LAG=6]
// Every instruction is timed (no replay). A row runs from one visit to a row loop's head to the next, as the row memo
// keeps them. For each row and the row LAG before it, the probe prints whether their head states are equal
// (StateImage) and how many of their instructions differ, position by position, in the data-ready cycle of a load,
// the first issue and the retire cycle, all relative to the dispatch cycle at the row's head. Loads answering
// otherwise while nothing issues or retires otherwise is the case a replay could carry on.
package org.ternsim.sim.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ternsim.sim.bench.SimulatorSpeedBench;
import org.ternsim.sim.run.GemvSimulation;

public final class RowTimingDiffMain {

    /** Per instruction in a row: pc, first issue, data ready (loads; else 0), retire. */
    private static final int FIELDS = 4;

    private RowTimingDiffMain() {
    }

    public static void main(String[] args) {
        SimulatorSpeedBench bench = SimulatorSpeedBench.of(args[0], args[1]);
        int lag = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        SimulatorSpeedBench.Machine machine = bench.machine();
        OutOfOrderCore core = new OutOfOrderCore(bench.program(), bench.uarch(), machine.hierarchy());
        core.timeEveryInstruction();
        List<long[]> rows = new ArrayList<>();
        List<StateImage> heads = new ArrayList<>();
        long[][] row = {new long[1 << 16]};
        int[] length = {0};
        long[] base = {0};
        GemvSimulation.execute(bench.program(), bench.semantics(), machine.memory(), (pc, address, bytes, store) -> {
            if ((core.flags(pc) & OutOfOrderCore.ROW_HEAD) != 0) {
                if (!heads.isEmpty()) {
                    rows.add(Arrays.copyOf(row[0], length[0])); // the row that started at the previous head
                }
                length[0] = 0;
                base[0] = core.dispatchCycle();
                StateImage head = new StateImage();
                core.capture(head);
                heads.add(head);
            }
            core.retired(pc, address, bytes, store);
            if (length[0] + FIELDS > row[0].length) {
                row[0] = Arrays.copyOf(row[0], 2 * row[0].length);
            }
            long[] r = row[0];
            int k = length[0];
            r[k] = pc;
            r[k + 1] = core.lastIssue - base[0];
            r[k + 2] = bytes > 0 && !store ? core.lastDataReady - base[0] : 0;
            r[k + 3] = core.lastRetired - base[0];
            length[0] = k + FIELDS;
        });
        System.out.println(rows.size() + " whole rows; row k starts at the k-th row head (the instructions before the"
            + " first head and after the last are left out)");
        for (int b = lag; b < rows.size(); b++) {
            boolean sameHead = heads.get(b - lag).sameAs(heads.get(b));
            System.out.println(compare(b, rows.get(b - lag), rows.get(b), lag, sameHead));
        }
    }

    private static String compare(int index, long[] then, long[] now, int lag, boolean sameHead) {
        int n = Math.min(then.length, now.length) / FIELDS;
        int late = 0;
        int early = 0;
        int issues = 0;
        int firstIssue = -1;
        int retires = 0;
        int control = -1;
        for (int i = 0; i < n; i++) {
            int at = FIELDS * i;
            if (then[at] != now[at]) {
                control = i;
                break;
            }
            late += now[at + 2] > then[at + 2] ? 1 : 0;
            early += now[at + 2] < then[at + 2] ? 1 : 0;
            if (now[at + 1] != then[at + 1]) {
                issues++;
                firstIssue = firstIssue < 0 ? i : firstIssue;
            }
            retires += now[at + 3] != then[at + 3] ? 1 : 0;
        }
        return String.format(java.util.Locale.ROOT, "row %d vs %d: heads %s, %d / %d instructions%s, answers later %d"
                + " earlier %d, issue differs %d%s, retire differs %d", index, index - lag,
            sameHead ? "equal" : "differ", then.length / FIELDS, now.length / FIELDS,
            control >= 0 ? ", other instructions from " + control : "", late, early, issues,
            firstIssue >= 0 ? " (first at " + firstIssue + ")" : "", retires);
    }
}
