// Error of a lossy LUT kernel's outputs against the exact result: max abs, max and mean relative error.
package org.ternsim.kernels.tmac;

import java.util.Locale;
import java.util.Objects;

/**
 * Errors of {@code actual} against {@code exact} (double), over the output rows. Relative error of a row is
 * |actual - exact| / |exact|; rows whose exact value is 0 have no relative error and are counted in
 * {@code zeroRows} instead (their absolute error still counts). {@code maxAbsExact} gives the scale the absolute
 * error is to be read against.
 *
 * @param rows         outputs compared
 * @param maxAbsError  max |actual - exact|
 * @param maxRelError  max relative error over rows with exact != 0 (0 if none)
 * @param meanRelError mean relative error over rows with exact != 0 (0 if none)
 * @param zeroRows     rows with exact == 0
 * @param maxAbsExact  max |exact|
 */
public record LutErrorReport(int rows, double maxAbsError, double maxRelError, double meanRelError, int zeroRows,
                             double maxAbsExact) {

    /** Compares {@code actual} with {@code exact} element by element; non-finite outputs give infinite errors. */
    public static LutErrorReport of(double[] exact, float[] actual) {
        Objects.requireNonNull(exact, "exact");
        Objects.requireNonNull(actual, "actual");
        if (exact.length != actual.length) {
            throw new IllegalArgumentException("error report needs equal lengths, got " + exact.length + " and "
                    + actual.length);
        }
        double maxAbs = 0;
        double maxRel = 0;
        double sumRel = 0;
        double maxExact = 0;
        int zero = 0;
        for (int i = 0; i < exact.length; i++) {
            double err = Float.isFinite(actual[i]) ? Math.abs(actual[i] - exact[i]) : Double.POSITIVE_INFINITY;
            maxAbs = Math.max(maxAbs, err);
            maxExact = Math.max(maxExact, Math.abs(exact[i]));
            if (exact[i] == 0) {
                zero++;
            } else {
                double rel = err / Math.abs(exact[i]);
                maxRel = Math.max(maxRel, rel);
                sumRel += rel;
            }
        }
        int counted = exact.length - zero;
        return new LutErrorReport(exact.length, maxAbs, maxRel, counted == 0 ? 0 : sumRel / counted, zero, maxExact);
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return String.format(Locale.ROOT, "rows=%d maxAbs=%.3e maxRel=%.3e meanRel=%.3e zeroRows=%d maxAbsExact=%.3e",
                rows, maxAbsError, maxRelError, meanRelError, zeroRows, maxAbsExact);
    }
}
