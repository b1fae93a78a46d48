// A speed trial counts what it simulates, reads back through its printed line, and names what is wrong with a spec.
package org.ternsim.sim.speed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SpeedTrialTest {

    private static final Path CONFIGS = Path.of("../configs/hw");

    @Test
    void theMedianAndFastestCallAreTakenFromTheCallTimes() {
        SpeedTrial.Reading r = new SpeedTrial.Reading(2_000_000, 5, new long[] {400_000_000, 100_000_000, 200_000_000});
        assertEquals(10.0, r.medianMips(), 1e-9);
        assertEquals(20.0, r.fastestMips(), 1e-9);
    }

    @Test
    void aPrintedReadingParsesBackUnchanged() {
        SpeedTrial.Reading r = new SpeedTrial.Reading(1_300_492, 1_286_256, new long[] {81_000_123, 79_999_999});
        SpeedTrial.Reading back = SpeedTrialMain.parse(SpeedTrialMain.line(r)).orElseThrow();
        assertEquals(r.instructions(), back.instructions());
        assertEquals(r.replayedPerCall(), back.replayedPerCall());
        assertArrayEquals(r.callNanos(), back.callNanos());
        assertTrue(SpeedTrialMain.parse("host probe: before 1 ns").isEmpty());
    }

    @Test
    void detailedCallsCountTheInstructionsTheyRunAndReplay() {
        SpeedTrial trial = SpeedTrial.of(CONFIGS, "zen5-2c/i2_s/avx2", 64, 2560);
        SpeedTrial.Reading r = trial.measure(SpeedTrial.Mode.DETAILED, 2, 0);
        assertEquals(trial.functional(), r.instructions());
        assertEquals(2, r.callNanos().length);
        assertTrue(r.replayedPerCall() > 0 && r.replayedPerCall() < r.instructions(),
            "replayed " + r.replayedPerCall());
        assertEquals(0, trial.measure(SpeedTrial.Mode.FUNCTIONAL, 1, 0).replayedPerCall());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> trial.measure(SpeedTrial.Mode.FUNCTIONAL, 0, 0))
            .getMessage().contains("calls must be >= 1"));
    }

    @Test
    void aWrongSpecIsNamedInTheMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpeedTrial.target(CONFIGS, "zen5-2c"))
            .getMessage().contains("expected hw/kernel or hw/kernel/isa"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpeedTrial.target(CONFIGS, "zen5-2c//avx2"))
            .getMessage().contains("expected hw/kernel"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpeedTrial.target(CONFIGS, "zen9/i2_s"))
            .getMessage().contains("no hardware config"));
    }
}
