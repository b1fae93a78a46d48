// The progress reporter: bar with percentage and ETA, plain periodic lines, quiet mode, unknown totals, thread safety.
package org.ternsim.reports.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgressTest {

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final AtomicLong clock = new AtomicLong();

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void barShowsPercentAndEta() {
        Progress p = new Progress("sweep", 100, Progress.Mode.BAR, out, clock::get, 10_000_000_000L);
        clock.set(2_000_000_000L);
        p.advance(25);
        assertTrue(text().contains("sweep [#######.......................]  25% 25/100  elapsed 2.0 s, ETA 6.0 s"), text());
        p.close();
        assertTrue(text().endsWith("100% ".replace("100% ", "") + System.lineSeparator()), "the bar ends its line");
        assertTrue(text().contains("25/100  done in 2.0 s"), text());
    }

    @Test
    void plainLinesAreThrottledToTheInterval() {
        Progress p = new Progress("simulate", 10, Progress.Mode.LINES, out, clock::get, 10_000_000_000L);
        for (int i = 1; i <= 10; i++) {
            clock.set(i * 3_000_000_000L);
            p.advance();
        }
        p.close();
        // lines at 12 s (4 done) and 24 s (8 done), then the final line
        assertEquals(3, text().lines().count(), text());
        assertTrue(text().startsWith("simulate: 4/10 (40%), elapsed 12.0 s, ETA 18.0 s"), text());
        assertTrue(text().contains("simulate: 10/10 (100%), done in 30.0 s"), text());
        assertTrue(!text().contains("\r"), "no carriage returns off a terminal");
    }

    @Test
    void quietPrintsNothing() {
        try (Progress p = new Progress("x", 5, Progress.Mode.QUIET, out, clock::get, 0)) {
            p.advance(5);
        }
        assertEquals("", text());
    }

    @Test
    void unknownTotalCountsWithoutEta() {
        try (Progress p = new Progress("read", 0, Progress.Mode.LINES, out, clock::get, 0)) {
            clock.set(1_000_000_000L);
            p.advance(3);
        }
        assertTrue(text().startsWith("read: 3, elapsed 1.0 s"), text());
    }

    @Test
    void concurrentAdvancesAreAllCounted() {
        Progress p = new Progress("par", 10_000, Progress.Mode.LINES, out, System::nanoTime, Long.MAX_VALUE);
        IntStream.range(0, 10_000).parallel().forEach(i -> p.advance());
        p.close();
        assertTrue(text().contains("10000/10000"), text());
    }

    @Test
    void autoModeOffATerminalIsPlainLines() {
        // Under the test runner stdout is not a terminal.
        assertEquals(Progress.Mode.LINES, Progress.start("x", 1, false).mode());
        assertEquals(Progress.Mode.QUIET, Progress.start("x", 1, true).mode());
    }

    @Test
    void timesAreReadable() {
        assertEquals("59.5 s", Progress.time(59.5));
        assertEquals("2:05", Progress.time(125));
        assertEquals("1:01:01", Progress.time(3661));
    }
}
