// When the interpreter's Vector API forms take over from the eight-byte loops: once a run has proved long.
package org.ternsim.isa;

/**
 * The Vector API pays only once the JIT has compiled it: until then each vector operation runs as Java code that
 * builds objects, about a microsecond each. A default `ternsim simulate` interprets a few million instructions, and
 * with the vector forms from the start it took 2.2 s instead of 0.6 s (the compiled forms are 1.3-1.6x faster per
 * instruction, which a short run never earns back). So the resolved forms run their eight-byte (SWAR) loops until
 * the forms that could use vectors have executed {@link #THRESHOLD} times in this JVM, and the vector forms after.
 * The count and the switch are shared by all threads, neither synchronised nor volatile (a volatile read per
 * instruction cost 8% of an interpreted run): a thread may see the switch late, or count on its own, and either way
 * it only changes which of two equal paths runs.
 * Both paths give the same bits ({@code X86ResolvedTest}, {@code ArmResolvedTest} run each form both ways).
 */
public final class VectorWarmup {

    /** Executions of vector-capable forms before the switch; {@code -Dternsim.vectorsAfter=N} overrides it. */
    static final long THRESHOLD = Long.getLong("ternsim.vectorsAfter", 1L << 24);

    private static long executed;
    private static boolean warm = THRESHOLD <= 0;

    private VectorWarmup() {
    }

    /** Counts one execution of a form that could use vectors; true once the run is long enough to use them. */
    public static boolean warm() {
        if (warm) {
            return true;
        }
        if (++executed >= THRESHOLD) {
            warm = true;
        }
        return false;
    }

    /** For tests: switches the vector forms on or off now (off also restarts the count). */
    public static void force(boolean on) {
        executed = 0;
        warm = on || THRESHOLD <= 0;
    }
}
