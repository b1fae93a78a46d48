// Cache traffic of one detailed call over time: per level, counts every EVERY instructions, and where a level misses.
//
// Run from the repository root after `mvn -B -q -o install -DskipTests`:
//   java --add-modules jdk.incubator.vector -cp simulator/target/test-classes:cli/target/ternsim.jar \
//     org.ternsim.sim.bench.CacheSeriesMain SHAPE hw/kernel/isa [EVERY=100000] [LEVEL FROM]
// Prints, every EVERY instructions of one call (replay on, as the speed benches run it), the instructions replayed so
// far and per cache level the reads, writes, hits, hits on lines still in flight, demand misses and prefetches issued
// and dropped in that stretch. With LEVEL (a level's name, e.g. L2) and FROM, it also prints each demand miss at that
// level after instruction FROM: the instruction's pc, its address and the program region the address lies in. A replay
// stops where a load answers otherwise than in the recording, so misses that no recorded row met show where and why
// a kernel's replay falls off late in a call.
package org.ternsim.sim.bench;

import java.util.Locale;
import org.ternsim.isa.Region;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.mem.Cache;
import org.ternsim.sim.mem.CacheStats;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.GemvSimulation;

public final class CacheSeriesMain {

    private CacheSeriesMain() {
    }

    public static void main(String[] args) {
        SimulatorSpeedBench bench = SimulatorSpeedBench.of(args[0], args[1]);
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        String watched = args.length > 3 ? args[3] : null;
        long from = args.length > 4 ? Long.parseLong(args[4]) : 0;
        SimulatorSpeedBench.Machine machine = bench.machine();
        MemoryHierarchy hierarchy = machine.hierarchy();
        CacheStats missed = watched == null ? null : hierarchy.levels().stream()
            .filter(c -> c.name().equals(watched)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no cache level " + watched)).stats();
        OutOfOrderCore core = new OutOfOrderCore(bench.program(), bench.uarch(), hierarchy);
        long[] executed = {0};
        long[] before = new long[hierarchy.levels().size() * COUNTS.length];
        GemvSimulation.execute(bench.program(), bench.semantics(), machine.memory(), (pc, address, bytes, store) -> {
            long misses = missed == null ? 0 : missed.misses;
            core.retired(pc, address, bytes, store);
            executed[0]++;
            if (missed != null && missed.misses != misses && executed[0] > from) {
                System.out.printf(Locale.ROOT, "%s miss at instruction %,d: pc %d, address %#x in %s%n", watched,
                    executed[0], pc, address, regionOf(bench, address));
            }
            if (executed[0] % every == 0) {
                System.out.println(counts(executed[0], core.replayedInstructions(), hierarchy, before));
            }
        });
    }

    /** What {@link #levelCounts} gives per level, in its order. */
    private static final String[] COUNTS = {"reads", "writes", "hits", "in-flight", "misses", "prefetches", "dropped"};

    /** A level's counts so far: reads, writes, hits, hits in flight, demand misses, prefetches issued and dropped. */
    static long[] levelCounts(Cache level) {
        CacheStats s = level.stats();
        return new long[] {s.reads, s.writes, s.hits, s.inFlightHits, s.misses, s.prefetchesIssued,
            s.prefetchesDropped};
    }

    /** One line of the series: per level, the counts since the last line ({@code before} holds the last totals). */
    private static String counts(long executed, long replayed, MemoryHierarchy hierarchy, long[] before) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%,11d instructions, %,11d replayed |",
            executed, replayed));
        int k = 0;
        for (Cache c : hierarchy.levels()) {
            long[] now = levelCounts(c);
            line.append(' ').append(c.name());
            for (int i = 0; i < now.length; i++, k++) {
                line.append(' ').append(COUNTS[i]).append(' ').append(now[i] - before[k]);
                before[k] = now[i];
            }
            line.append(" |");
        }
        return line.toString();
    }

    private static String regionOf(SimulatorSpeedBench bench, long address) {
        for (Region r : bench.program().regions()) {
            if (address >= r.base() && address < r.base() + r.bytes()) {
                return "region " + r.name();
            }
        }
        return "no region";
    }
}
