// Entry point of a JVM that runs one speed trial and prints its reading: a fresh JVM per kernel for `bench simulator`.
package org.ternsim.sim.speed;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In one JVM, the kernels run before would leave the compiled code shaped by their instructions (profiles, inlining,
 * deoptimised paths), so each kernel gets a JVM of its own. Arguments: the configs directory, hw/kernel[/isa], MxK,
 * calls, warm-up seconds, {@code functional} or {@code detailed}. Prints the host probe's line ({@link HostProbe#line})
 * and the reading's ({@link #line}); exit code 2 with one line on standard error when the arguments are wrong.
 */
public final class SpeedTrialMain {

    private static final Pattern READING = Pattern.compile(
        "speed trial: ([0-9]+) instructions, ([0-9]+) replayed per call, CPU ns per call ([0-9 ]+)$");

    private SpeedTrialMain() {
    }

    public static void main(String[] args) {
        SpeedTrial trial;
        SpeedTrial.Mode mode;
        int calls;
        long warmupNanos;
        try {
            if (args.length != 6) {
                throw new IllegalArgumentException("usage: SpeedTrialMain CONFIGS HW/KERNEL[/ISA] MxK CALLS"
                    + " WARMUP_SECONDS functional|detailed");
            }
            String[] shape = args[2].split("x");
            mode = SpeedTrial.Mode.valueOf(args[5].toUpperCase(Locale.ROOT));
            calls = Integer.parseInt(args[3]);
            warmupNanos = (long) (Double.parseDouble(args[4]) * 1e9);
            trial = SpeedTrial.of(Path.of(args[0]), args[1], Integer.parseInt(shape[0]), Integer.parseInt(shape[1]));
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        HostProbe probe = new HostProbe();
        HostProbe.Reading before = probe.read();
        SpeedTrial.Reading reading = trial.measure(mode, calls, warmupNanos);
        System.out.println(HostProbe.line(before, probe.read()));
        System.out.println(line(reading));
    }

    /** The line a trial's reading is printed as ({@link #parse} reads it back). */
    static String line(SpeedTrial.Reading r) {
        StringBuilder nanos = new StringBuilder();
        for (long t : r.callNanos()) {
            nanos.append(nanos.length() == 0 ? "" : " ").append(t);
        }
        return "speed trial: " + r.instructions() + " instructions, " + r.replayedPerCall() + " replayed per call,"
            + " CPU ns per call " + nanos;
    }

    /** The reading in a line printed by {@link #line}, if it is one. */
    public static Optional<SpeedTrial.Reading> parse(String text) {
        Matcher m = READING.matcher(text.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        long[] nanos = Arrays.stream(m.group(3).trim().split(" ")).mapToLong(Long::parseLong).toArray();
        return Optional.of(new SpeedTrial.Reading(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), nanos));
    }
}
