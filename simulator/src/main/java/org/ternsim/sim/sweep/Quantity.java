// A number as a sweep or constraint writes it: plain ("5", "1e-3") or with any config unit ("2MiB", "3.9GHz",
// "40GB/s", "15W"), in the base unit of that kind (bytes, Hz, B/s, pJ, ns, W, nm).
package org.ternsim.sim.sweep;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.ternsim.sim.config.ConfigException;
import org.ternsim.sim.config.Units;

final class Quantity {
    private static final List<ToDoubleFunction<String>> KINDS = List.of(Units::bytes, Units::hz, Units::bytesPerSec,
            Units::picojoules, Units::nanoseconds, Units::watts, Units::nanometres);

    private Quantity() {}

    /** The value, or empty if the text is neither a plain number nor a quantity with a known unit. */
    static OptionalDouble parse(String text) {
        String t = text.trim();
        try {
            return OptionalDouble.of(Double.parseDouble(t.replace("_", "")));
        } catch (NumberFormatException e) {
            // not plain; try the units
        }
        for (ToDoubleFunction<String> kind : KINDS) {
            try {
                return OptionalDouble.of(kind.applyAsDouble(t));
            } catch (ConfigException e) {
                // another kind of unit
            }
        }
        return OptionalDouble.empty();
    }
}
