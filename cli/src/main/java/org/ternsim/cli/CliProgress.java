// Progress of a long command on its error stream (a bar on a terminal, periodic lines otherwise, nothing with
// --quiet): started when the amount of work is known, closed with a "done" line on success, dropped on failure so an
// error message stands alone.
package org.ternsim.cli;

import java.io.PrintWriter;
import org.ternsim.reports.progress.Progress;
import org.ternsim.sim.target.RunProgress;

final class CliProgress implements RunProgress {

    private final String label;
    private final boolean quiet;
    private final PrintWriter err;
    private volatile Progress progress;

    private CliProgress(String label, boolean quiet, PrintWriter err) {
        this.label = label;
        this.quiet = quiet;
        this.err = err;
    }

    /** A progress that starts when {@link #planned} tells how many simulations there are (none shown for 0). */
    static CliProgress lazy(String label, boolean quiet, PrintWriter err) {
        return new CliProgress(label, quiet, err);
    }

    /** A progress over {@code total} units, started now. */
    static CliProgress started(String label, long total, boolean quiet, PrintWriter err) {
        CliProgress p = new CliProgress(label, quiet, err);
        p.planned(total);
        return p;
    }

    @Override
    public synchronized void planned(long simulations) {
        if (progress == null && simulations > 0) {
            progress = Progress.start(label, simulations, quiet, err);
        }
    }

    @Override
    public void done() {
        Progress p = progress;
        if (p != null) {
            p.advance();
        }
    }

    /** Whether a bar is drawn (then per-item lines on stdout would only break it up). */
    boolean drawsBar() {
        Progress p = progress;
        return p != null && p.mode() == Progress.Mode.BAR;
    }

    /** The work finished: the final line. */
    void finish() {
        Progress p = progress;
        if (p != null) {
            p.close();
        }
    }

    /** The work failed: no final line. */
    void abandon() {
        Progress p = progress;
        if (p != null) {
            p.abandon();
        }
    }
}
