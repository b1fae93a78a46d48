// Progress of a long job for any command: a bar with ETA on a terminal, plain periodic lines otherwise, or nothing.
// Thread-safe: workers call advance() concurrently; output is throttled so it never dominates the run time.
package org.ternsim.reports.progress;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

public final class Progress implements AutoCloseable {

    /** AUTO picks BAR when stdout is a terminal, else LINES; QUIET prints nothing (the commands' --quiet). */
    public enum Mode { AUTO, BAR, LINES, QUIET }

    private static final int BAR_WIDTH = 30;
    private static final long BAR_REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final Mode mode;
    private final PrintWriter out;
    private final LongSupplier clock;
    private final long lineIntervalNanos;
    private final long startNanos;
    private final AtomicLong done = new AtomicLong();
    private long lastPrintNanos;
    private boolean closed;

    Progress(String label, long total, Mode mode, PrintStream out, LongSupplier clock, long lineIntervalNanos) {
        this(label, total, mode, new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), clock,
            lineIntervalNanos);
    }

    Progress(String label, long total, Mode mode, PrintWriter out, LongSupplier clock, long lineIntervalNanos) {
        this.label = label;
        this.total = total;
        this.mode = mode == Mode.AUTO ? (isTerminal() ? Mode.BAR : Mode.LINES) : mode;
        this.out = out;
        this.clock = clock;
        this.lineIntervalNanos = lineIntervalNanos;
        this.startNanos = clock.getAsLong();
        this.lastPrintNanos = startNanos;
    }

    /**
     * @param label what is being done, e.g. {@code "sweep"}
     * @param total units of work, or 0 when unknown (then no percentage or ETA)
     * @param quiet the command's --quiet
     */
    public static Progress start(String label, long total, boolean quiet) {
        return new Progress(label, total, quiet ? Mode.QUIET : Mode.AUTO, System.err, System::nanoTime, 10_000_000_000L);
    }

    public static Progress start(String label, long total, Mode mode, PrintStream out) {
        return new Progress(label, total, mode, out, System::nanoTime, 10_000_000_000L);
    }

    /** To a command's error stream (stderr in the CLI), never stdout: progress is not part of any result. */
    public static Progress start(String label, long total, boolean quiet, PrintWriter err) {
        return new Progress(label, total, quiet ? Mode.QUIET : Mode.AUTO, err, System::nanoTime, 10_000_000_000L);
    }

    public Mode mode() {
        return mode;
    }

    public void advance() {
        advance(1);
    }

    public void advance(long units) {
        long now = done.addAndGet(units);
        if (mode == Mode.QUIET) {
            return;
        }
        long t = clock.getAsLong();
        long interval = mode == Mode.BAR ? BAR_REDRAW_NANOS : lineIntervalNanos;
        synchronized (this) {
            if (!closed && t - lastPrintNanos >= interval) {
                lastPrintNanos = t;
                print(now, t, false);
            }
        }
    }

    /** Stops without a final line: the job failed, and its error message should stand alone. */
    public synchronized void abandon() {
        if (!closed && mode == Mode.BAR && lastPrintNanos != startNanos) {
            out.print(System.lineSeparator());
            out.flush();
        }
        closed = true;
    }

    /** Prints the final state (the bar completes and ends its line; plain mode prints one "done" line). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (mode != Mode.QUIET) {
            print(done.get(), clock.getAsLong(), true);
        }
    }

    private void print(long n, long t, boolean last) {
        double elapsed = (t - startNanos) / 1e9;
        String count = total > 0 ? n + "/" + total : Long.toString(n);
        String eta = last ? "done in " + time(elapsed) : total > 0 && n > 0
            ? "elapsed " + time(elapsed) + ", ETA " + time(elapsed / n * (total - n)) : "elapsed " + time(elapsed);
        if (mode == Mode.BAR) {
            String bar = "";
            if (total > 0) {
                int fill = (int) Math.min(BAR_WIDTH, BAR_WIDTH * n / total);
                bar = "[" + "#".repeat(fill) + ".".repeat(BAR_WIDTH - fill) + "] "
                    + String.format(Locale.ROOT, "%3d%% ", 100 * n / total);
            }
            out.print("\r" + label + " " + bar + count + "  " + eta + "   " + (last ? System.lineSeparator() : ""));
        } else {
            String pct = total > 0 ? String.format(Locale.ROOT, " (%d%%)", 100 * n / total) : "";
            out.println(label + ": " + count + pct + ", " + eta);
        }
        out.flush();
    }

    static String time(double seconds) {
        long s = Math.round(seconds);
        if (seconds < 59.95) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /**
     * Whether the process talks to a terminal. Before JDK 22 System.console() is null when redirected; from 22 on it
     * may exist regardless, and Console.isTerminal() (not in the Java 17 API, so called reflectively) tells.
     */
    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method m = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
