// Parses the unit-carrying strings of config files ("48KiB", "3.9GHz", "37.2GB/s", "0.9pJ", "150ns", "2.5W", "4nm")
// into base units. Arithmetic is done in BigDecimal and rounded once to double, so a value written back in any
// unit by ResolvedConfigWriter parses to exactly the same double.
package org.ternsim.sim.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unit parsers. Every method accepts {@code <number><unit>} (optional spaces between), where the number is a decimal
 * with an optional exponent, and throws {@link ConfigException} with the message
 * {@code "<problem>; expected <form>"} for anything else (plain numbers included: a unit is always required).
 * Decimal prefixes (k, M, G, T) are powers of 1000, binary ones (Ki, Mi, Gi, Ti) powers of 1024.
 */
public final class Units {
    private Units() {}

    public static final String SIZE_FORM = "a size such as 48KiB, 1MiB or 64B";
    public static final String FREQ_FORM = "a frequency such as 3.9GHz";
    public static final String BANDWIDTH_FORM = "a bandwidth such as 37.2GB/s or 1GiB/s";
    public static final String ENERGY_FORM = "an energy such as 0.9pJ or 1.3nJ";
    public static final String TIME_FORM = "a time such as 150ns or 0.1us";
    public static final String POWER_FORM = "a power such as 2.5W or 300mW";
    public static final String NODE_FORM = "a process node such as 16nm";

    // Exponent limited to 4 digits so BigDecimal never sees an absurd scale.
    private static final Pattern QUANTITY =
            Pattern.compile("\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d{1,4})?)\\s*([A-Za-zµ/]+)\\s*");

    private static final BigDecimal K = BigDecimal.valueOf(1000);
    private static final BigDecimal KI = BigDecimal.valueOf(1024);

    private static final Map<String, BigDecimal> BYTE_UNITS = Map.of(
            "B", BigDecimal.ONE, "KB", K, "MB", K.pow(2), "GB", K.pow(3), "TB", K.pow(4),
            "KiB", KI, "MiB", KI.pow(2), "GiB", KI.pow(3), "TiB", KI.pow(4), "kB", K);
    private static final Map<String, BigDecimal> HZ_UNITS = Map.of(
            "Hz", BigDecimal.ONE, "kHz", K, "KHz", K, "MHz", K.pow(2), "GHz", K.pow(3), "THz", K.pow(4));
    private static final Map<String, BigDecimal> BW_UNITS = Map.of(
            "B/s", BigDecimal.ONE, "kB/s", K, "KB/s", K, "MB/s", K.pow(2), "GB/s", K.pow(3), "TB/s", K.pow(4),
            "KiB/s", KI, "MiB/s", KI.pow(2), "GiB/s", KI.pow(3), "TiB/s", KI.pow(4));
    // Energies are in picojoules, times in nanoseconds, powers in watts.
    private static final Map<String, BigDecimal> PJ_UNITS = Map.of(
            "fJ", new BigDecimal("0.001"), "pJ", BigDecimal.ONE, "nJ", K, "uJ", K.pow(2), "µJ", K.pow(2),
            "mJ", K.pow(3), "J", K.pow(4));
    private static final Map<String, BigDecimal> NS_UNITS = Map.of(
            "ps", new BigDecimal("0.001"), "ns", BigDecimal.ONE, "us", K, "µs", K, "ms", K.pow(2), "s", K.pow(3));
    private static final Map<String, BigDecimal> W_UNITS = Map.of(
            "uW", new BigDecimal("0.000001"), "µW", new BigDecimal("0.000001"), "mW", new BigDecimal("0.001"),
            "W", BigDecimal.ONE, "kW", K);
    // Transfer rates are in MT/s.
    private static final Map<String, BigDecimal> MT_UNITS = Map.of("MT/s", BigDecimal.ONE, "GT/s", K);
    public static final String RATE_FORM = "a transfer rate such as 4800MT/s";
    private static final Map<String, BigDecimal> NM_UNITS = Map.of("nm", BigDecimal.ONE);

    /** A size in bytes ("48KiB" -> 49152); must be a whole, non-negative number of bytes. */
    public static long bytes(String s) {
        BigDecimal v = parse(s, BYTE_UNITS, SIZE_FORM, "size");
        if (v.signum() < 0) throw fail("negative size '" + show(s) + "'", SIZE_FORM);
        try {
            BigInteger whole = v.toBigIntegerExact();
            return whole.longValueExact();
        } catch (ArithmeticException e) {
            throw fail("'" + show(s) + "' is not a whole number of bytes that fits in 63 bits", SIZE_FORM);
        }
    }

    /** A frequency in Hz ("3.9GHz" -> 3.9e9); must be positive. */
    public static double hz(String s) {
        return positive(s, parse(s, HZ_UNITS, FREQ_FORM, "frequency"), FREQ_FORM);
    }

    /** A bandwidth in bytes per second ("37.2GB/s" -> 3.72e10); must be positive. */
    public static double bytesPerSec(String s) {
        return positive(s, parse(s, BW_UNITS, BANDWIDTH_FORM, "bandwidth"), BANDWIDTH_FORM);
    }

    /** An energy in picojoules ("1.3nJ" -> 1300); must be non-negative. */
    public static double picojoules(String s) {
        return nonNegative(s, parse(s, PJ_UNITS, ENERGY_FORM, "energy"), ENERGY_FORM);
    }

    /** A time in nanoseconds ("0.1us" -> 100); must be non-negative. */
    public static double nanoseconds(String s) {
        return nonNegative(s, parse(s, NS_UNITS, TIME_FORM, "time"), TIME_FORM);
    }

    /** A power in watts ("300mW" -> 0.3); must be non-negative. */
    public static double watts(String s) {
        return nonNegative(s, parse(s, W_UNITS, POWER_FORM, "power"), POWER_FORM);
    }

    /** A DRAM transfer rate in MT/s ("6.4GT/s" -> 6400); must be positive. */
    public static double megaTransfers(String s) {
        return positive(s, parse(s, MT_UNITS, RATE_FORM, "transfer rate"), RATE_FORM);
    }

    /** A process node in whole nanometres ("16nm" -> 16); must be positive. */
    public static int nanometres(String s) {
        BigDecimal v = parse(s, NM_UNITS, NODE_FORM, "process node");
        try {
            int n = v.intValueExact();
            if (n <= 0) throw fail("process node must be positive, got '" + show(s) + "'", NODE_FORM);
            return n;
        } catch (ArithmeticException e) {
            throw fail("'" + show(s) + "' is not a whole number of nanometres", NODE_FORM);
        }
    }

    /** Parses number and unit; the result is in the base unit of the table, exact. */
    private static BigDecimal parse(String s, Map<String, BigDecimal> units, String form, String what) {
        if (s == null) throw fail("missing " + what, form);
        Matcher m = QUANTITY.matcher(s);
        if (!m.matches()) {
            String shown = show(s);
            String why = isPlainNumber(s) ? "plain number '" + shown + "' has no unit" : "'" + shown + "' is not a " + what;
            throw fail(why, form);
        }
        BigDecimal factor = units.get(m.group(2));
        if (factor == null) throw fail("unknown " + what + " unit '" + m.group(2) + "'", form);
        return new BigDecimal(m.group(1)).multiply(factor);
    }

    /** The input as it may appear inside a one-line message: control characters escaped, long input cut. */
    static String show(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 40; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.length() < 40 ? b.toString() : b + "...";
    }

    private static boolean isPlainNumber(String s) {
        return s.strip().matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    }

    private static double positive(String s, BigDecimal v, String form) {
        double d = v.doubleValue();
        if (!(d > 0) || Double.isInfinite(d)) throw fail("'" + show(s) + "' must be positive and finite", form);
        return d;
    }

    private static double nonNegative(String s, BigDecimal v, String form) {
        double d = v.doubleValue();
        if (!(d >= 0) || Double.isInfinite(d)) throw fail("'" + show(s) + "' must be non-negative and finite", form);
        return d;
    }

    private static ConfigException fail(String problem, String form) {
        return new ConfigException(problem + "; expected " + form);
    }
}
