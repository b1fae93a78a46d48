// Reproduces published bitnet.cpp numbers with the bundled configs and reports the errors (Commons Math statistics).
package org.ternsim.sim.calibration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.ternsim.sim.config.ConfigException;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.config.WorkloadLoader;
import org.ternsim.sim.target.CpuTarget;
import org.ternsim.sim.target.OperatorCost;
import org.ternsim.sim.workload.EnergyOptions;
import org.ternsim.sim.workload.Formats;
import org.ternsim.sim.workload.KernelChoice;
import org.ternsim.sim.workload.OpClass;
import org.ternsim.sim.workload.Operator;
import org.ternsim.sim.workload.Phase;
import org.ternsim.sim.workload.Workload;
import org.ternsim.sim.workload.WorkloadResult;
import org.ternsim.sim.workload.WorkloadRunner;

/**
 * Data-driven: every row of {@code configs/calibration/*.csv} whose hardware config exists is simulated; the others
 * are listed as pending. Decode rows use context 64 (llama-bench tg128 generates 128 tokens from an empty cache, so
 * the mean context is ~64); prefill rows a prompt of n tokens at context 0 (pp128). Nothing is fitted: the table
 * shows what the configs predict.
 */
public final class Calibration {

    /** Within this relative error a point counts as reproduced (issue 7 acceptance: 25%). */
    public static final double TOLERANCE = 0.25;
    /** The section of the reference a source cites: "kernels.md §8.3" of "kernels.md §8.3: tg128 latest, ...". */
    private static final Pattern SECTION = Pattern.compile("^([\\w.-]+\\.md §[0-9]+(?:\\.[0-9]+)*)");

    /** A point with its prediction; {@code predicted} is NaN when the hardware config does not exist yet. */
    public record Row(PublishedPoint point, double predicted, String note) {
        public boolean pending() {
            return Double.isNaN(predicted);
        }

        /** Signed relative error (predicted / published - 1). */
        public double error() {
            return predicted / point.published() - 1;
        }
    }

    /** Error statistics over the simulated rows. */
    public record Stats(int points, int pending, double meanAbsError, double medianAbsError, double maxAbsError,
            double meanSignedError, int withinTolerance) {
    }

    /**
     * The kernel column's name for bitnet.cpp's "no parallel" prompt timing (kernels.md §2.5): the 1x1 kernel, TernSim's
     * {@code i2_s} GEMV, called once per token. It names a way of running a calibration row, not a simulate kernel:
     * {@code simulate} costs an {@code i2_s} prompt with the Nx1 GEMM, as bitnet.cpp's default build runs it.
     */
    static final String ONE_TOKEN_AT_A_TIME = "i2_s-1x1";

    /** The CSV's columns, in order. */
    public static final List<String> COLUMNS = List.of("hw", "kind", "workload", "threads", "m", "k", "n", "kernel",
        "lmHead", "published", "unit", "source");

    private Calibration() {
    }

    public static List<PublishedPoint> read(Path csv) {
        List<PublishedPoint> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int no = 0;
        boolean header = true;
        for (String line : lines) {
            no++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            List<String> f = fields(line);
            if (f.size() != COLUMNS.size()) {
                throw new ConfigException(csv + ":" + no + ":1: row has " + f.size() + " fields; expected "
                    + COLUMNS.size() + ": " + String.join(",", COLUMNS));
            }
            try {
                out.add(new PublishedPoint(f.get(0), f.get(1), f.get(2), Integer.parseInt(f.get(3)), num(f.get(4)),
                    num(f.get(5)), num(f.get(6)), f.get(7), f.get(8), Double.parseDouble(f.get(9)), f.get(10),
                    f.get(11)));
            } catch (NumberFormatException e) {
                throw new ConfigException(csv + ":" + no + ":1: " + e.getMessage() + "; expected numbers in threads,"
                    + " m, k, n and published");
            }
        }
        return out;
    }

    public static List<Row> run(Path home, List<PublishedPoint> points) {
        return run(home, points, org.ternsim.sim.target.RunProgress.NONE);
    }

    /** As {@link #run(Path, List)}, telling {@code progress} of each published point predicted. */
    public static List<Row> run(Path home, List<PublishedPoint> points, org.ternsim.sim.target.RunProgress progress) {
        progress.planned(points.size());
        List<Row> rows = new ArrayList<>();
        for (PublishedPoint p : points) {
            if (!rows.isEmpty()) {
                progress.done();
            }
            Path hwFile = home.resolve("configs/hw/" + p.hw() + ".yaml");
            if (!Files.isRegularFile(hwFile)) {
                rows.add(new Row(p, Double.NaN, "pending: no configs/hw/" + p.hw() + ".yaml"));
                continue;
            }
            HardwareConfig hw = HardwareConfigLoader.load(hwFile);
            if (p.threads() > hw.cores()) {
                rows.add(new Row(p, Double.NaN, "pending: " + p.hw() + " has " + hw.cores() + " cores"));
                continue;
            }
            String unknown = unknownKernel(p);
            if (unknown != null) {
                rows.add(new Row(p, Double.NaN, "pending: TernSim has no " + unknown + " kernel"));
                continue;
            }
            rows.add(predict(home, hw, p));
        }
        if (!rows.isEmpty()) {
            progress.done();
        }
        return rows;
    }

    /** The first kernel or LM-head format the point names that TernSim does not know, or null. */
    private static String unknownKernel(PublishedPoint p) {
        for (String k : List.of(p.kernel(), p.lmHead())) {
            if (!k.isBlank() && !Formats.KERNELS.contains(k) && !k.equals(ONE_TOKEN_AT_A_TIME)) {
                return k;
            }
        }
        return null;
    }

    private static Row predict(Path home, HardwareConfig hw, PublishedPoint p) {
        if (p.kind().equals("kernel")) {
            boolean perToken = p.kernel().equals(ONE_TOKEN_AT_A_TIME);
            String kernel = p.kernel().isBlank() || perToken ? "i2_s" : p.kernel();
            long tokens = perToken ? 1 : p.n();
            Operator op = new Operator("kernel", 0, "", OpClass.LINEAR, kernel, p.m(), p.k(), tokens, 0, 0, 0, kernel,
                0);
            // A kernel benchmark repeats one matrix: it stays cached when it fits.
            CpuTarget t = new CpuTarget(hw, p.threads(), false, op.weightBytes(), 1);
            OperatorCost c = t.cost(op);
            double calls = perToken ? p.n() : 1;
            return new Row(p, calls * c.seconds() * 1e3, (perToken && p.n() > 1 ? p.n() + " x " : "") + c.model()
                + ", " + c.bound());
        }
        Workload w = WorkloadLoader.load(home.resolve("configs/workloads/" + p.workload() + ".yaml"));
        Phase phase = p.kind().equals("decode") ? new Phase(Phase.Kind.DECODE, 64, 1, 1, 1, 1024)
            : new Phase(Phase.Kind.PREFILL, 0, p.n(), 1, 1, 1024);
        KernelChoice kernels = new KernelChoice(p.kernel().isBlank() ? null : p.kernel(),
            p.lmHead().isBlank() ? null : p.lmHead());
        WorkloadResult r = WorkloadRunner.run(hw, w, phase, kernels, p.threads(), false,
            EnergyOptions.FULL, 1, false);
        double analytic = r.summary().secondsByModel().getOrDefault(OperatorCost.ANALYTIC, 0.0)
            / r.summary().latencySeconds();
        return new Row(p, r.summary().tokensPerSecond(), String.format(Locale.ROOT, "%.0f%% of time analytic",
            100 * analytic));
    }

    public static Stats stats(List<Row> rows) {
        DescriptiveStatistics abs = new DescriptiveStatistics();
        DescriptiveStatistics signed = new DescriptiveStatistics();
        int pending = 0;
        int within = 0;
        for (Row r : rows) {
            if (r.pending()) {
                pending++;
                continue;
            }
            abs.addValue(Math.abs(r.error()));
            signed.addValue(r.error());
            if (Math.abs(r.error()) <= TOLERANCE) {
                within++;
            }
        }
        boolean any = abs.getN() > 0;
        return new Stats((int) abs.getN(), pending, any ? abs.getMean() : Double.NaN,
            any ? abs.getPercentile(50) : Double.NaN, any ? abs.getMax() : Double.NaN,
            any ? signed.getMean() : Double.NaN, within);
    }

    /**
     * The statistics of each cited section of the reference, in order of first appearance: the rows whose source
     * starts with the same "kernels.md §N.N" (the part before the first colon otherwise). Issue acceptance lists name
     * sections (the EPYC 7V13 and Cobalt 100 figures of kernels.md §2.5 and §8.3), so each gets its own line.
     */
    public static Map<String, Stats> bySection(List<Row> rows) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(section(r.point().source()), k -> new ArrayList<>()).add(r);
        }
        Map<String, Stats> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, stats(v)));
        return out;
    }

    static String section(String source) {
        Matcher m = SECTION.matcher(source);
        if (m.find()) {
            return m.group(1);
        }
        int colon = source.indexOf(':');
        return colon < 0 ? source : source.substring(0, colon);
    }

    /** The "End-to-end vs published" section of docs/validation.md. */
    public static String markdown(List<Row> rows, Stats s) {
        StringBuilder sb = new StringBuilder();
        sb.append("## End-to-end vs published\n\n");
        sb.append("Written by `ternsim validate published --write docs/validation.md` from `configs/calibration/*.csv`; rows whose\n");
        sb.append("hardware config does not exist yet are pending. Nothing is fitted to these numbers. Kernel rows of one\n");
        sb.append("token compare with bitnet.cpp's \"no parallel\" (1x1) column and rows of N > 1 tokens with its\n");
        sb.append("\"activation parallel\" (Nx1) column, the kernels TernSim lowers for decode and prompts, and rows named\n");
        sb.append("i2_s-1xn with its \"weight parallel\" column (the 1xN kernel; N > 1 tokens as N warm GEMVs), rows named i2_s-1x1\n");
        sb.append("with its \"no parallel\" column (N > 1 tokens as N calls of the 1x1 GEMV, costed once); decode rows use\n");
        sb.append("context 64 (tg128), prefill rows a 128-token prompt (pp128). A kernel named after the workload is the one\n");
        sb.append("the measurement ran instead of the workload's own (T-MAC's rows, kernels.md §8.5); a kernel TernSim does not\n");
        sb.append("have keeps its row pending.\n\n");
        sb.append("| hw | kind | workload / shape | threads | published | predicted | error | how | source |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            PublishedPoint p = r.point();
            String what = (p.kind().equals("kernel") ? "[" + p.n() + "," + p.k() + "]x[" + p.k() + "," + p.m() + "]"
                : p.workload()) + (p.kernel().isBlank() ? "" : ", " + p.kernel())
                + (p.lmHead().isBlank() ? "" : ", head " + p.lmHead());
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.3f %s | %s | %s | %s | %s |%n", p.hw(),
                p.kind(), what, p.threads(), p.published(), p.unit(),
                r.pending() ? "-" : String.format(Locale.ROOT, "%.3f", r.predicted()),
                r.pending() ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * r.error()), r.note(), p.source()));
        }
        sb.append(String.format(Locale.ROOT, "%nSimulated points: %d, pending: %d. ", s.points(), s.pending()));
        if (s.points() > 0) {
            sb.append(String.format(Locale.ROOT, "|error| mean %.1f%%, median %.1f%%, max %.1f%%; signed mean %+.1f%%; "
                + "within %.0f%%: %d of %d (Apache Commons Math DescriptiveStatistics).%n", 100 * s.meanAbsError(),
                100 * s.medianAbsError(), 100 * s.maxAbsError(), 100 * s.meanSignedError(), 100 * TOLERANCE,
                s.withinTolerance(), s.points()));
        } else {
            sb.append("No statistics yet.\n");
        }
        Map<String, Stats> sections = bySection(rows);
        if (sections.size() > 1 && s.points() > 0) {
            sb.append(String.format(Locale.ROOT, "%nBy the section of the reference each row cites:%n%n"));
            sb.append(String.format(Locale.ROOT, "| source | points | within %.0f%% | median abs. error | mean abs. error "
                + "| signed mean |%n|---|---|---|---|---|---|%n", 100 * TOLERANCE));
            sections.forEach((name, st) -> sb.append(st.points() == 0
                ? String.format(Locale.ROOT, "| %s | 0 (%d pending) | - | - | - | - |%n", name, st.pending())
                : String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% | %.1f%% | %+.1f%% |%n", name, st.points(),
                    st.withinTolerance(), 100 * st.medianAbsError(), 100 * st.meanAbsError(),
                    100 * st.meanSignedError())));
        }
        return sb.toString();
    }

    private static int num(String s) {
        return s.isBlank() ? 0 : Integer.parseInt(s);
    }

    /** Splits one CSV line; double-quoted fields may hold commas. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
