// Renders report.html: one self-contained page (inline SVG charts and CSS, no external resources) with summary
// tables, per-operator results, validation status, the provenance of every hardware number and the resolved config.
// Several runs make a comparison: one column per run and ratios against the first.
package org.ternsim.reports.html;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.ternsim.reports.chart.Palette;
import org.ternsim.reports.chart.RenderedChart;
import org.ternsim.reports.data.OperatorResult;
import org.ternsim.reports.data.RunSummary;
import org.ternsim.reports.data.SourcedValue;
import org.ternsim.reports.data.ValidationPoint;

public final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * @param runs     the runs, the first is the baseline of comparisons
     * @param charts   rendered charts (their PNG/SVG files are linked relative to {@code reportDir})
     * @param reportDir where report.html goes, for relative links
     */
    public static String render(List<RunSummary> runs, ReportCharts.Result charts, Path reportDir) {
        StringBuilder b = new StringBuilder(64 * 1024);
        String title = "TernSim report: " + String.join(" vs ", runs.stream().map(RunSummary::label).toList());
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(Html.esc(title))
            .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body data-charts=\"")
            .append(charts.charts().size()).append("\" data-runs=\"").append(runs.size()).append("\">\n");
        b.append("<h1>").append(Html.esc(title)).append("</h1>\n");
        b.append("<nav><a href=\"#summary\">Summary</a> <a href=\"#charts\">Charts</a> <a href=\"#operators\">Operators</a>")
            .append(" <a href=\"#validation\">Validation</a> <a href=\"#provenance\">Provenance</a>")
            .append(" <a href=\"#config\">Resolved config</a></nav>\n");
        summary(b, runs);
        energy(b, runs);
        chartSection(b, charts, reportDir);
        operators(b, runs);
        validation(b, runs);
        provenance(b, runs);
        config(b, runs);
        b.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void summary(StringBuilder b, List<RunSummary> runs) {
        b.append("<section id=\"summary\">\n<h2>Summary</h2>\n<table id=\"summary-table\" class=\"summary\">\n");
        String[] head = new String[runs.size() + 1];
        head[0] = "";
        for (int i = 0; i < runs.size(); i++) {
            head[i + 1] = runs.get(i).label();
        }
        b.append(Html.head(head));
        rowPerRun(b, "workload", runs, r -> Html.text(r.id().workload()));
        rowPerRun(b, "phase", runs, r -> Html.text(r.id().phase()));
        rowPerRun(b, "hardware", runs, r -> Html.text(r.id().hardware()));
        rowPerRun(b, "threads", runs, r -> Html.count(r.id().threads()));
        rowPerRun(b, "kernel", runs, r -> Html.text(r.id().kernel()));
        rowPerRun(b, "latency", runs, r -> Html.si(r.totals().latencySeconds(), "s"));
        rowPerRun(b, "tokens/s", runs, r -> Html.num(r.totals().tokensPerSecond(), "%.2f"));
        rowPerRun(b, "seconds per step", runs, r -> Html.si(r.totals().secondsPerStep(), "s"));
        rowPerRun(b, "seconds per image", runs, r -> Html.si(r.totals().secondsPerImage(), "s"));
        rowPerRun(b, "energy (same unit of work)", runs, r -> Html.si(r.totals().energyJoules(), "J"));
        rowPerRun(b, "area", runs, r -> r.totals().areaMm2() == null ? Html.NA
            : String.format(Locale.ROOT, "%.3g mm²", r.totals().areaMm2()));
        rowPerRun(b, "operators", runs, r -> Html.count(r.operators().size()));
        rowPerRun(b, "functional check", runs, r -> status(r.functional().passed(), r.functional().text()));
        rowPerRun(b, "results schema", runs, r -> Html.text(r.schemaVersion()));
        if (runs.size() > 1) {
            RunSummary base = runs.get(0);
            rowPerRun(b, "speed vs " + base.label(), runs, r -> ratio(base.totals().latencySeconds(),
                r.totals().latencySeconds(), "x faster"));
            rowPerRun(b, "energy vs " + base.label(), runs, r -> ratio(r.totals().energyJoules(),
                base.totals().energyJoules(), "x"));
        }
        b.append("</table>\n</section>\n");
    }

    private static void energy(StringBuilder b, List<RunSummary> runs) {
        Set<String> components = new LinkedHashSet<>();
        runs.forEach(r -> components.addAll(r.totals().energyByComponent().keySet()));
        b.append("<section id=\"energy\">\n<h2>Energy by component</h2>\n");
        if (components.isEmpty()) {
            b.append("<p>").append(Html.NA).append(": no run has an energy breakdown.</p>\n</section>\n");
            return;
        }
        b.append("<table id=\"energy-table\">\n");
        String[] head = new String[runs.size() + 1];
        head[0] = "component";
        for (int i = 0; i < runs.size(); i++) {
            head[i + 1] = runs.get(i).label();
        }
        b.append(Html.head(head));
        for (String c : org.ternsim.reports.chart.ComponentOrder.sorted(components)) {
            rowPerRun(b, swatch(c) + Html.esc(c), runs, r -> {
                Double v = r.totals().energyByComponent().get(c);
                double total = r.totals().energyByComponent().values().stream().mapToDouble(Double::doubleValue).sum();
                return v == null ? Html.NA : Html.si(v, "J") + String.format(Locale.ROOT, " (%.1f%%)", 100 * v / total);
            });
        }
        b.append("</table>\n</section>\n");
    }

    private static void chartSection(StringBuilder b, ReportCharts.Result charts, Path reportDir) {
        b.append("<section id=\"charts\">\n<h2>Charts</h2>\n");
        for (RenderedChart c : charts.charts()) {
            b.append("<figure class=\"chart\" id=\"chart-").append(Html.esc(c.name())).append("\" data-series=\"")
                .append(Html.esc(String.join("|", c.series()))).append("\">\n").append(c.svg()).append("\n<figcaption>")
                .append(Html.esc(c.title())).append(" &mdash; <a href=\"").append(Html.esc(link(reportDir, c.png())))
                .append("\">PNG</a> <a href=\"").append(Html.esc(link(reportDir, c.svgFile())))
                .append("\">SVG</a></figcaption>\n</figure>\n");
        }
        if (!charts.notAvailable().isEmpty()) {
            b.append("<h3>Not available for these runs</h3>\n<ul class=\"na-list\">\n");
            charts.notAvailable().forEach((k, v) -> b.append("<li><b>").append(Html.esc(k)).append("</b>: ")
                .append(Html.esc(v)).append("</li>\n"));
            b.append("</ul>\n");
        }
        b.append("</section>\n");
    }

    private static void operators(StringBuilder b, List<RunSummary> runs) {
        b.append("<section id=\"operators\">\n<h2>Operators</h2>\n");
        for (RunSummary r : runs) {
            b.append("<details open><summary>").append(Html.esc(r.label())).append(": ").append(r.operators().size())
                .append(" operators</summary>\n<table class=\"operators\">\n");
            b.append(Html.head("operator", "layer", "class", "kernel", "shape", "cycles", "time", "energy", "bound",
                "bytes", "MACs", "GMAC/s"));
            for (OperatorResult o : r.operators()) {
                Double rate = o.macsPerSecond();
                b.append(Html.row(Html.text(o.name()), Html.text(o.layer()), swatch(o.opClass()) + Html.text(o.opClass()),
                    swatch(o.kernel()) + Html.text(o.kernel()), Html.text(o.shape()), Html.count(o.cycles()),
                    Html.si(o.seconds(), "s"), Html.si(o.energyJoules(), "J"), Html.text(o.bound()), Html.count(o.bytes()),
                    Html.count(o.macs()), Html.num(rate == null ? null : rate / 1e9, "%.1f")));
            }
            b.append("</table>\n</details>\n");
        }
        b.append("</section>\n");
    }

    private static void validation(StringBuilder b, List<RunSummary> runs) {
        b.append("<section id=\"validation\">\n<h2>Validation status</h2>\n<table id=\"functional-table\">\n")
            .append(Html.head("run", "functional check (simulated program vs functional engine)"));
        for (RunSummary r : runs) {
            b.append(Html.row(Html.esc(r.label()), status(r.functional().passed(), r.functional().text())));
        }
        b.append("</table>\n");
        List<ValidationPoint> points = runs.stream().flatMap(r -> r.validation().stream()).toList();
        if (points.isEmpty()) {
            b.append("<p>Predicted vs measured: ").append(Html.NA)
                .append(" in these runs (see docs/validation.md for the calibration tables).</p>\n");
        } else {
            b.append("<table id=\"validation-table\">\n")
                .append(Html.head("case", "unit", "predicted", "measured", "measured range", "error", "source"));
            for (ValidationPoint p : points) {
                b.append(Html.row(Html.esc(p.name()), Html.text(p.unit()), fmt(p.predicted()), fmt(p.measured()),
                    fmt(p.measuredLow()) + " &ndash; " + fmt(p.measuredHigh()),
                    String.format(Locale.ROOT, "%+.1f%%", 100 * p.relativeError()), Html.text(p.source())));
            }
            b.append("</table>\n");
        }
        b.append("</section>\n");
    }

    private static void provenance(StringBuilder b, List<RunSummary> runs) {
        b.append("<section id=\"provenance\">\n<h2>Provenance of hardware numbers</h2>\n");
        for (RunSummary r : runs) {
            long estimates = r.provenance().stream().filter(SourcedValue::estimate).count();
            b.append("<details><summary>").append(Html.esc(r.label())).append(": ").append(r.provenance().size())
                .append(" values, ").append(estimates).append(" marked as estimates</summary>\n");
            if (r.provenance().isEmpty()) {
                b.append("<p>").append(Html.NA).append(": the run directory has no resolved-config.yaml.</p>\n");
            } else {
                b.append("<table class=\"provenance\">\n").append(Html.head("field", "value", "source", "estimate"));
                for (SourcedValue v : r.provenance()) {
                    b.append(Html.row("<code>" + Html.esc(v.field()) + "</code>", Html.esc(v.value()), Html.text(v.source()),
                        v.estimate() ? "<span class=\"est\">estimate</span>" : ""));
                }
                b.append("</table>\n");
            }
            if (r.roofline().peakSource() != null || r.roofline().bandwidthSource() != null) {
                b.append("<p class=\"roofs\">Roofline: compute roof from ").append(Html.text(r.roofline().peakSource()))
                    .append("; memory roof from ").append(Html.text(r.roofline().bandwidthSource())).append(".</p>\n");
            }
            b.append("</details>\n");
        }
        b.append("</section>\n");
    }

    private static void config(StringBuilder b, List<RunSummary> runs) {
        b.append("<section id=\"config\">\n<h2>Resolved config</h2>\n");
        for (RunSummary r : runs) {
            b.append("<details><summary>").append(Html.esc(r.label())).append(": resolved-config.yaml</summary>\n");
            b.append(r.resolvedConfig() == null ? "<p>" + Html.NA + "</p>\n"
                : "<pre>" + Html.esc(r.resolvedConfig()) + "</pre>\n");
            b.append("</details>\n");
        }
        b.append("</section>\n");
    }

    private static void rowPerRun(StringBuilder b, String label, List<RunSummary> runs, Function<RunSummary, String> cell) {
        String[] cells = new String[runs.size() + 1];
        cells[0] = label.startsWith("<") ? label : "<b>" + Html.esc(label) + "</b>";
        for (int i = 0; i < runs.size(); i++) {
            cells[i + 1] = cell.apply(runs.get(i));
        }
        b.append(Html.row(cells));
    }

    private static String ratio(Double num, Double den, String suffix) {
        return num == null || den == null || den == 0 ? Html.NA
            : String.format(Locale.ROOT, "%.3g%s", num / den, suffix);
    }

    private static String status(Boolean passed, String text) {
        String cls = passed == null ? "na" : passed ? "pass" : "fail";
        return "<span class=\"" + cls + "\">" + Html.esc(passed == null ? text : (passed ? "PASS " : "FAIL ") + text)
            + "</span>";
    }

    private static String swatch(String name) {
        return name == null ? "" : "<span class=\"sw\" style=\"background:" + Palette.css(name) + "\"></span>";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String link(Path reportDir, Path file) {
        Path rel = reportDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return rel.toString().replace('\\', '/');
    }

    private static final String CSS = """
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 24px; color: #222; max-width: 1400px; }
        h1 { font-size: 24px; } h2 { font-size: 20px; border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 32px; }
        nav a { margin-right: 12px; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
        th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        td:not(:first-child) { font-variant-numeric: tabular-nums; }
        figure.chart { margin: 16px 0; } figure.chart svg { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { font-size: 13px; color: #555; }
        .na { color: #888; font-style: italic; } .pass { color: #1a7f37; font-weight: bold; } .fail { color: #c00; font-weight: bold; }
        .est { color: #a15c00; } .sw { display: inline-block; width: 10px; height: 10px; margin-right: 5px; border: 1px solid #888; }
        pre { background: #f7f7f7; padding: 8px; overflow-x: auto; font-size: 12px; }
        code { font-size: 12px; }
        """;

    // Marks the page as complete for tests and readers: every chart figure holds an SVG and the summary table exists.
    private static final String SCRIPT = """
        (function () {
          var expected = parseInt(document.body.getAttribute('data-charts'), 10);
          var svgs = document.querySelectorAll('figure.chart svg').length;
          var summary = document.getElementById('summary-table') !== null;
          document.body.setAttribute('data-report-ready', svgs === expected && summary ? 'ok' : 'incomplete');
        })();
        """;
}
