// Picks an SI prefix so axis numbers stay readable (0.23 ms, not 0.00023 s) and names the unit for the axis label.
package org.ternsim.reports.chart;

public record SiScale(double factor, String unit) {

    private static final String[] PREFIX = {"p", "n", "µ", "m", "", "k", "M", "G", "T"};

    /** The scale for values up to {@code max} of {@code baseUnit} (e.g. "s", "J"); divide values by factor. */
    public static SiScale of(double max, String baseUnit) {
        if (!(max > 0) || Double.isInfinite(max)) {
            return new SiScale(1, baseUnit);
        }
        int exp3 = (int) Math.floor(Math.log10(max) / 3);
        exp3 = Math.max(-4, Math.min(4, exp3));
        return new SiScale(Math.pow(1000, exp3), PREFIX[exp3 + 4] + baseUnit);
    }

    public double apply(double value) {
        return value / factor;
    }
}
