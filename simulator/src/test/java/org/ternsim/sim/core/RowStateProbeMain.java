// Why a kernel's rows do not replay: the core's timing state at each row head against the states of the rows before.
//
// Run from the repository root after `mvn -B -q -o install -DskipTests`:
//   java --add-modules jdk.incubator.vector -cp simulator/target/test-classes:cli/target/ternsim.jar \
//     org.ternsim.sim.core.RowStateProbeMain SHAPE hw/kernel/isa [LAGS=8] [--each]
// Every instruction is timed (no replay), and at every row head the state a replay would have to find again
// (StateImage, cycles relative to the dispatch cycle) is compared value by value with the states at the LAGS heads of
// the same row loop before it (a replay looks a row up by its head's pc and the state). A row can only be replayed
// from a state seen before, so a kernel whose states differ at every lag cannot replay its rows, however its memo is
// tuned; the sections that differ say which part of the model keeps the state from coming back. --each prints one
// line per row head as well as the summary.
package org.ternsim.sim.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ternsim.isa.Reg;
import org.ternsim.isa.uarch.CoreParams;
import org.ternsim.sim.bench.SimulatorSpeedBench;
import org.ternsim.sim.run.GemvSimulation;

public final class RowStateProbeMain {

    /** The parts of an image, in the order OutOfOrderCore.capture writes them. */
    private static final String[] SECTIONS = {"dispatch/retire", "registers", "ROB", "load queue", "store queue",
        "vector registers, FP queue, ports"};

    private RowStateProbeMain() {
    }

    public static void main(String[] args) {
        SimulatorSpeedBench bench = SimulatorSpeedBench.of(args[0], args[1]);
        int lags = args.length > 2 && !args[2].startsWith("--") ? Integer.parseInt(args[2]) : 8;
        boolean each = Arrays.asList(args).contains("--each");
        SimulatorSpeedBench.Machine machine = bench.machine();
        OutOfOrderCore core = new OutOfOrderCore(bench.program(), bench.uarch(), machine.hierarchy());
        core.timeEveryInstruction();
        int[] ends = sectionEnds(bench.uarch().core());
        Map<Integer, ArrayDeque<long[]>> beforeAt = new HashMap<>(); // per row-head pc, latest first
        List<int[]> best = new ArrayList<>(); // per head after the first lags: the best lag's differences per section
        int[] repeatsAtLag = new int[lags + 1];
        StateImage image = new StateImage();
        GemvSimulation.execute(bench.program(), bench.semantics(), machine.memory(), (pc, address, bytes, store) -> {
            if ((core.flags(pc) & OutOfOrderCore.ROW_HEAD) != 0) {
                image.clear();
                core.capture(image);
                long[] now = values(image);
                checkLayout(now, ends, bench.uarch().core());
                ArrayDeque<long[]> before = beforeAt.computeIfAbsent(pc, p -> new ArrayDeque<>());
                int[] closest = null;
                int closestLag = 0;
                int lag = 0;
                for (long[] then : before) {
                    lag++;
                    int[] diff = differences(then, now, ends);
                    if (closest == null || total(diff) < total(closest)) {
                        closest = diff;
                        closestLag = lag;
                    }
                }
                if (before.size() == lags) {
                    best.add(closest);
                    repeatsAtLag[total(closest) == 0 ? closestLag : 0]++;
                    if (each) {
                        System.out.println("head at " + core.sequence() + ": closest lag " + closestLag + ", "
                            + describe(closest));
                    }
                }
                before.addFirst(now);
                if (before.size() > lags) {
                    before.removeLast();
                }
            }
            core.retired(pc, address, bytes, store);
        });
        summarise(bench.kernel + " " + bench.shape, best, repeatsAtLag);
    }

    /** Where each section of an image ends; the last one (variable length) runs to the image's end. */
    private static int[] sectionEnds(CoreParams p) {
        int head = 4;
        int registers = head + 3 * Reg.DEPENDENCY_IDS;
        int rob = registers + 1 + p.robSize();
        int loads = rob + 1 + p.loadQueue();
        int stores = loads + 1 + p.storeQueue();
        return new int[] {head, registers, rob, loads, stores, Integer.MAX_VALUE};
    }

    /** Each ring starts with its length: if one is not where it is looked for, capture's layout has changed. */
    private static void checkLayout(long[] image, int[] ends, CoreParams p) {
        long[][] rings = {{ends[1], p.robSize()}, {ends[2], p.loadQueue()}, {ends[3], p.storeQueue()}};
        for (long[] ring : rings) {
            if (image[(int) ring[0]] != ring[1]) {
                throw new IllegalStateException("OutOfOrderCore.capture's layout changed: value " + ring[0] + " is "
                    + image[(int) ring[0]] + ", not a ring length of " + ring[1] + "; update sectionEnds");
            }
        }
    }

    private static long[] values(StateImage image) {
        long[] v = new long[image.size()];
        image.rewind();
        for (int i = 0; i < v.length; i++) {
            v[i] = image.next();
        }
        return v;
    }

    /** Differing values per section; the variable tail counts as wholly different when its length differs. */
    private static int[] differences(long[] then, long[] now, int[] ends) {
        int[] diff = new int[SECTIONS.length];
        int fixed = ends[ends.length - 2];
        for (int i = 0; i < fixed; i++) {
            if (then[i] != now[i]) {
                int s = 0;
                while (i >= ends[s]) {
                    s++;
                }
                diff[s]++;
            }
        }
        int last = SECTIONS.length - 1;
        if (then.length != now.length) {
            diff[last] = Math.max(then.length, now.length) - fixed;
        } else {
            for (int i = fixed; i < now.length; i++) {
                diff[last] += then[i] != now[i] ? 1 : 0;
            }
        }
        return diff;
    }

    private static int total(int[] diff) {
        return Arrays.stream(diff).sum();
    }

    private static String describe(int[] diff) {
        StringBuilder s = new StringBuilder(total(diff) + " values differ");
        String separator = " (";
        for (int i = 0; i < diff.length; i++) {
            if (diff[i] > 0) {
                s.append(separator).append(SECTIONS[i]).append(' ').append(diff[i]);
                separator = ", ";
            }
        }
        return total(diff) > 0 ? s.append(')').toString() : s.toString();
    }

    private static void summarise(String what, List<int[]> best, int[] repeatsAtLag) {
        int lags = repeatsAtLag.length - 1;
        System.out.printf(Locale.ROOT, "%s: %d row heads compared with the %d before each at the same pc%n", what,
            best.size(), lags);
        StringBuilder repeats = new StringBuilder();
        for (int lag = 1; lag <= lags; lag++) {
            if (repeatsAtLag[lag] > 0) {
                repeats.append(' ').append(repeatsAtLag[lag]).append(" at lag ").append(lag);
            }
        }
        System.out.println("  states seen again: " + (repeats.length() == 0 ? "none" : repeats.toString().trim()));
        if (best.isEmpty()) {
            return;
        }
        int[] totals = best.stream().mapToInt(RowStateProbeMain::total).sorted().toArray();
        System.out.printf(Locale.ROOT,
            "  values differing from the closest earlier state: median %d, quartiles %d-%d%n",
            totals[totals.length / 2], totals[totals.length / 4], totals[3 * totals.length / 4]);
        for (int s = 0; s < SECTIONS.length; s++) {
            final int section = s;
            int[] perHead = best.stream().mapToInt(d -> d[section]).sorted().toArray();
            long heads = Arrays.stream(perHead).filter(n -> n > 0).count();
            System.out.printf(Locale.ROOT, "    %-34s differs at %3.0f %% of heads, median %d values%n", SECTIONS[s],
                100.0 * heads / perHead.length, perHead[perHead.length / 2]);
        }
    }
}
