// One sweep constraint, "<column> <op> <value>" (e.g. "power_w <= 15", "caches.L2.size <= 2MiB", "kernel != tl2"):
// the whole constraint language. A point is feasible when every constraint holds.
package org.ternsim.sim.sweep;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ternsim.sim.config.ConfigException;

/**
 * {@code column op value}, op one of {@code <= < >= > == !=}. Numbers may carry any config unit; both sides are
 * compared in base units. A value that is not a number (a kernel name) allows only {@code ==} and {@code !=}.
 *
 * @param origin where it was written, to prefix errors found later ({@code "sweep.yaml:7:14: constraints"},
 *     {@code "--constraint"}); empty if unknown. Not part of the plan: {@link #toString} leaves it out.
 */
public record Constraint(String column, String op, String value, String origin) {
    public static final String FORM = "a constraint such as \"power_w <= 15\" or \"caches.L2.size <= 2MiB\"";
    private static final Pattern SYNTAX =
            Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.\\[\\]-]*)\\s*(<=|>=|==|!=|<|>)\\s*([^<>=!\\s].*?)\\s*");

    public static Constraint parse(String text) {
        return parse(text, "");
    }

    public static Constraint parse(String text, String origin) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) throw new ConfigException("'" + text + "' is not a constraint; expected " + FORM);
        Constraint c = new Constraint(m.group(1), m.group(2), m.group(3), origin);
        if (Quantity.parse(c.value).isEmpty() && !c.op.equals("==") && !c.op.equals("!=")) {
            throw new ConfigException("'" + c.value + "' is not a number, so only == and != apply; expected " + FORM);
        }
        return c;
    }

    /** Whether the constraint holds for a point's columns; the caller checks first that the column exists. */
    public boolean test(Map<String, ?> columns) {
        Object v = columns.get(column);
        String actual = String.valueOf(v);
        OptionalDouble want = Quantity.parse(value);
        OptionalDouble got = v instanceof Number n ? OptionalDouble.of(n.doubleValue()) : Quantity.parse(actual);
        if (want.isEmpty() || got.isEmpty()) {
            boolean eq = actual.equals(value);
            return op.equals("==") ? eq : op.equals("!=") ? !eq : false;
        }
        double a = got.getAsDouble();
        double b = want.getAsDouble();
        return switch (op) {
            case "<=" -> a <= b;
            case "<" -> a < b;
            case ">=" -> a >= b;
            case ">" -> a > b;
            case "==" -> a == b;
            default -> a != b;
        };
    }

    @Override
    public String toString() {
        return column + " " + op + " " + value;
    }
}
