// How busy the host is right now: a load chase to DRAM and a dependent multiply chain, timed, beside speed readings.
package org.ternsim.sim.speed;

import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The development VM shares its physical cores and memory with other tenants, and in their bursts the simulator runs at
 * half its speed, with no sign in the VM's own load or steal time (docs/performance.md, 14th and 15th sessions). A
 * chase through 64 MiB of random pointers showed those bursts: about 106 ns per load when quiet, 124-140 ns in them.
 * Taken right before and after a kernel's timed calls, the two figures say whether that kernel was measured in one.
 * A multiply chain beside it shows a sibling thread competing for the core, which a memory probe may miss.
 */
public final class HostProbe {

    /** 64 MiB: far beyond any L3 a development VM gets, so every step of the chase is a DRAM load. */
    private static final int SLOTS = 1 << 24;
    private static final int STEPS = 2_000_000;
    private static final int MULTIPLIES = 50_000_000;

    private static final Pattern LINE = Pattern.compile("host probe: before ([0-9.]+) ns per DRAM load, ([0-9.]+) ns"
        + " per multiply-add; after ([0-9.]+) ns per DRAM load, ([0-9.]+) ns per multiply-add");

    /** Where the chains' results go (see {@link #sink}). */
    private static volatile int sunk;

    private final int[] next = new int[SLOTS];

    /** Builds the chase: one cycle through every slot in random order (Sattolo's shuffle), so no step repeats early. */
    public HostProbe() {
        for (int i = 0; i < SLOTS; i++) {
            next[i] = i;
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = SLOTS - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = next[i];
            next[i] = next[j];
            next[j] = t;
        }
    }

    /** One reading: nanoseconds per dependent DRAM load and per dependent multiply-add, fastest of three each. */
    public Reading read() {
        double load = Double.MAX_VALUE;
        double multiply = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            load = Math.min(load, chase());
            multiply = Math.min(multiply, multiplyChain());
        }
        return new Reading(load, multiply);
    }

    private double chase() {
        int at = 0;
        long start = System.nanoTime();
        for (int i = 0; i < STEPS; i++) {
            at = next[at];
        }
        long spent = System.nanoTime() - start;
        sink(at);
        return (double) spent / STEPS;
    }

    private static double multiplyChain() {
        long x = 1;
        long start = System.nanoTime();
        for (int i = 0; i < MULTIPLIES; i++) {
            x = x * 0x9E3779B97F4A7C15L + i;
        }
        long spent = System.nanoTime() - start;
        sink((int) x);
        return (double) spent / MULTIPLIES;
    }

    /** Keeps the chains' results alive, so that the JIT cannot drop the loops. */
    private static void sink(int value) {
        sunk = value;
    }

    /** The line a speed main prints for readings taken before and after its timed calls ({@link #parse} reads it). */
    public static String line(Reading before, Reading after) {
        return "host probe: before " + before + "; after " + after;
    }

    /** The readings before and after in a line that holds a {@link #line}, if it does. */
    public static Optional<Reading[]> parse(String text) {
        Matcher m = LINE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Reading[] {
            new Reading(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))),
            new Reading(Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)))});
    }

    /** Nanoseconds per DRAM load of the chase and per multiply-add of the chain. */
    public record Reading(double loadNanos, double multiplyNanos) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f ns per DRAM load, %.3f ns per multiply-add", loadNanos,
                multiplyNanos);
        }
    }
}
