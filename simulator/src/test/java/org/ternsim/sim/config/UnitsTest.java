// Table tests for the unit parsers, and a property: any string either parses or fails with ConfigException.
package org.ternsim.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

    @ParameterizedTest
    @CsvSource({"48KiB,49152", "1MiB,1048576", "64B,64", "32MB,32000000", "3MiB,3145728", "1.5KiB,1536",
            "2 GiB,2147483648", "0B,0", "1TiB,1099511627776", "4kB,4000"})
    void bytes(String in, long want) {
        assertEquals(want, Units.bytes(in));
    }

    @ParameterizedTest
    @CsvSource({"3.9GHz,3.9e9", "2596.12MHz,2.59612e9", "100Hz,100", "1.5kHz,1500"})
    void hz(String in, double want) {
        assertEquals(want, Units.hz(in));
    }

    @ParameterizedTest
    @CsvSource({"37.2GB/s,3.72e10", "1GiB/s,1073741824", "576GB/s,5.76e11", "100MB/s,1e8", "1e3B/s,1000"})
    void bytesPerSec(String in, double want) {
        assertEquals(want, Units.bytesPerSec(in));
    }

    @ParameterizedTest
    @CsvSource({"0.9pJ,0.9", "1.3nJ,1300", "500fJ,0.5", "2uJ,2e6", "0pJ,0"})
    void picojoules(String in, double want) {
        assertEquals(want, Units.picojoules(in), 1e-12 * Math.max(1, want));
    }

    @ParameterizedTest
    @CsvSource({"150ns,150", "0.1us,100", "250ps,0.25", "1ms,1e6"})
    void nanoseconds(String in, double want) {
        assertEquals(want, Units.nanoseconds(in), 1e-12 * Math.max(1, want));
    }

    @ParameterizedTest
    @CsvSource({"2.5W,2.5", "300mW,0.3", "1kW,1000", "0W,0"})
    void watts(String in, double want) {
        assertEquals(want, Units.watts(in), 1e-15);
    }

    @ParameterizedTest
    @CsvSource({"16nm,16", "4nm,4", "45 nm,45"})
    void nanometres(String in, int want) {
        assertEquals(want, Units.nanometres(in));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "48|plain number '48' has no unit; expected a size such as 48KiB, 1MiB or 64B",
            "48Kib|unknown size unit 'Kib'; expected a size such as 48KiB, 1MiB or 64B",
            "0.5B|'0.5B' is not a whole number of bytes that fits in 63 bits; expected a size such as 48KiB, 1MiB or 64B",
            "-1KiB|negative size '-1KiB'; expected a size such as 48KiB, 1MiB or 64B",
            "big|'big' is not a size; expected a size such as 48KiB, 1MiB or 64B"})
    void bytesErrors(String in, String message) {
        assertEquals(message, assertThrows(ConfigException.class, () -> Units.bytes(in)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "3.9|plain number '3.9' has no unit; expected a frequency such as 3.9GHz",
            "0GHz|'0GHz' must be positive and finite; expected a frequency such as 3.9GHz",
            "3.9ghz|unknown frequency unit 'ghz'; expected a frequency such as 3.9GHz"})
    void hzErrors(String in, String message) {
        assertEquals(message, assertThrows(ConfigException.class, () -> Units.hz(in)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"37.2", "-1GB/s", "1e9999GB/s", "GB/s", "37.2GBps"})
    void bandwidthErrors(String in) {
        ConfigException e = assertThrows(ConfigException.class, () -> Units.bytesPerSec(in));
        assertTrue(e.getMessage().endsWith("; expected a bandwidth such as 37.2GB/s or 1GiB/s"), e.getMessage());
    }

    @Property(tries = 3000)
    void garbageEitherParsesOrIsAConfigException(@ForAll("garbage") String s) {
        for (Function<String, ?> parser : new Function[] {(Function<String, Long>) Units::bytes,
                (Function<String, Double>) Units::hz, (Function<String, Double>) Units::bytesPerSec,
                (Function<String, Double>) Units::picojoules, (Function<String, Double>) Units::nanoseconds,
                (Function<String, Double>) Units::watts, (Function<String, Integer>) Units::nanometres}) {
            try {
                parser.apply(s);
            } catch (ConfigException expected) {
                assertTrue(expected.getMessage().contains("; expected "), expected.getMessage());
                assertTrue(expected.getMessage().lines().count() == 1, "one line");
            }
        }
    }

    @Provide
    Arbitrary<String> garbage() {
        // Mix of arbitrary strings and near-miss quantities, so the parse path is exercised, not only rejection.
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(30);
        Arbitrary<String> number = Arbitraries.strings().withChars("0123456789.-+eE ").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> unit = Arbitraries.of("B", "KiB", "MB", "GHz", "Hz", "GB/s", "GiB/s", "pJ", "nJ", "fJ", "ns",
                "us", "W", "mW", "nm", "", "x", "µs", "B/s");
        return Arbitraries.oneOf(any, net.jqwik.api.Combinators.combine(number, unit).as((n, u) -> n + u));
    }
}
