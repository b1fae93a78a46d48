// MemBandwidth: this machine's streaming-read bandwidth and idle load-to-use latency (the logic now lives in
// cli/src/main/java/org/ternsim/cli/bench/HostMemory.java, which `ternsim bench memory` runs over working sets).
//
// Run (single-file source launch with the CLI jar on the class path; build it with ./ternsim --help once):
//   java --add-modules jdk.incubator.vector -cp cli/target/ternsim.jar tools/membw/MemBandwidth.java [threads] [MiB] [windows]
//   java --add-modules jdk.incubator.vector -cp cli/target/ternsim.jar tools/membw/MemBandwidth.java latency [MiB] [steps-millions] [random|pages]
//
// Same arguments as before; the method is bench memory's (HostMemory): an array per thread read from a 64-B aligned
// start with LongVector at the preferred species and four accumulators, best of short windows in which the threads
// overlapped (before 2026-12-02: median of whole repetitions). Latency: best of short pointer-chase runs.
public final class MemBandwidth {
    public static void main(String[] args) throws Exception {
        org.ternsim.cli.bench.HostMemory.main(args);
    }
}
