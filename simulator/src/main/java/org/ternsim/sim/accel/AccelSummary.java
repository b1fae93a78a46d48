// Human-readable lines for accelerator results and published-design comparisons (for the CLI and docs).
package org.ternsim.sim.accel;

import java.util.Locale;
import java.util.Map;

/** Formats {@link AccelResult} and {@link DecodeEstimate}s in the style of {@code ternsim simulate}'s CPU output. */
public final class AccelSummary {

    private AccelSummary() {
    }

    /** A multi-line summary of one operator run. */
    public static String result(AccelResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s %dx%dx%d on %s (%s)%n", r.kernel(), r.rows(), r.cols(), r.tokens(),
                r.design(), r.mapping()));
        b.append(String.format(Locale.ROOT, "  cycles      %,d  (%.3f us), %,d instructions%n", r.cycles(),
                r.seconds() * 1e6, r.instructions()));
        b.append(String.format(Locale.ROOT, "  bounds      compute %,.0f | dram %,.0f cycles -> %s-bound (busiest engine: %s)%n",
                r.roofline().computeCycles(), r.roofline().dramCycles(), r.roofline().bound(), r.bound()));
        b.append(String.format(Locale.ROOT, "  DRAM        %,d B read, %,d B written%n", r.dramReadBytes(), r.dramWriteBytes()));
        if (r.skippedMacs() > 0) {
            b.append(String.format(Locale.ROOT, "  zero skip   %,d of %,d MACs skipped (%.1f%%)%n", r.skippedMacs(), r.macs(),
                    100.0 * r.skippedMacs() / r.macs()));
        }
        b.append(String.format(Locale.ROOT, "  energy      %.3f uJ: %.3f pJ/op, %.2f TOPS/W, %.1f tokens/J (ops = 2 x MACs)%n",
                r.totalEnergyJ() * 1e6, r.pjPerOp(), r.topsPerWatt(), r.tokensPerJoule()));
        b.append("             ").append(shares(r.energyJ(), r.totalEnergyJ())).append(System.lineSeparator());
        b.append(String.format(Locale.ROOT, "  area        %.4f mm2: %s%n", r.totalAreaMm2(), shares(r.areaMm2(), r.totalAreaMm2())));
        b.append("  functional  ").append(r.check()).append(System.lineSeparator());
        return b.toString();
    }

    /** One line comparing a reproduction's decode estimate with the published figure. */
    public static String published(AcceleratorConfig c) {
        PublishedFigures p = c.publishedFigures().orElseThrow(() ->
                new IllegalArgumentException(c.name() + " has no published figures"));
        DecodeEstimate d = DecodeEstimate.of(c, p);
        double dram = d.energyJ().getOrDefault("dram", 0.0);
        return String.format(Locale.ROOT, "%s (%s, %.2f G ternary weights): %.1f tok/s pipelined, %.1f isolated;"
                + " published %.2f (%+.1f%%); roofs compute %.3f ms, dram %.3f ms per token; %.2f mJ/token on chip"
                + " + %.2f mJ DRAM", c.name(), p.model(), p.ternaryParams() / 1e9, d.tokensPerSecond(),
                d.isolatedTokensPerSecond(), p.decodeTokensPerSecond(),
                100 * (d.tokensPerSecond() / p.decodeTokensPerSecond() - 1), d.computeSeconds() * 1e3,
                d.dramSeconds() * 1e3, (d.joulesPerToken() - dram) * 1e3, dram * 1e3);
    }

    private static String shares(Map<String, Double> parts, double total) {
        StringBuilder b = new StringBuilder();
        parts.entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(e -> e.getValue() > 0).forEach(e ->
                b.append(String.format(Locale.ROOT, "%s %.1f%% ", e.getKey(), 100 * e.getValue() / total)));
        return b.toString().strip();
    }
}
