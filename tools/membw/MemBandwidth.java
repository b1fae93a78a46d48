// MemBandwidth: this machine's streaming-read bandwidth and idle load-to-use latency (the logic now lives in
// cli/src/main/java/org/ternsim/cli/bench/HostMemory.java, which `ternsim bench memory` runs over working sets).
//
// Run (single-file source launch with the CLI jar on the class path; build it with ./ternsim --help once):
//   java --add-modules jdk.incubator.vector -cp cli/target/ternsim.jar tools/membw/MemBandwidth.java [threads] [MiB] [reps]
//   java --add-modules jdk.incubator.vector -cp cli/target/ternsim.jar tools/membw/MemBandwidth.java latency [MiB] [steps-millions]
//
// Same arguments and method as before: per-thread slices of one long[] summed with LongVector at the preferred
// species and four accumulators; median GB/s over repetitions. Latency: Sattolo pointer chase over 64-B slots.
public final class MemBandwidth {
    public static void main(String[] args) throws Exception {
        org.ternsim.cli.bench.HostMemory.main(args);
    }
}
