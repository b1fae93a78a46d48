// Every x86 lowering, assembled and run on this host's CPU, gives the functional engine's bits (skipped where it cannot run).
package org.ternsim.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvLowerings;
import org.ternsim.sim.multicore.MultiCoreGemv;

class NativeProgramTest {

    static Stream<GemvLowering> x86Lowerings() {
        return GemvLowerings.all().stream().filter(l -> List.of("avx2", "avx512").contains(l.isa()));
    }

    /** The smallest of a few 2B4T-like widths the lowering accepts. */
    private static int validCols(GemvLowering lowering) {
        for (int cols : new int[] {768, 1536, 2560, 3072, 6912}) {
            try {
                lowering.checkShape(MultiCoreGemv.granularity(lowering, 64, cols), cols);
                return cols;
            } catch (IllegalArgumentException e) {
                // next width
            }
        }
        throw new IllegalStateException(lowering.kernel() + " accepts none of the test widths");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("x86Lowerings")
    void realSiliconAgreesWithTheEngine(GemvLowering lowering, @TempDir Path work) throws Exception {
        String why = NativeProgram.unavailableReason(lowering.isa());
        assumeTrue(why == null, why);
        int cols = validCols(lowering);
        int rows = 2 * Math.max(8, MultiCoreGemv.granularity(lowering, 64, cols));
        NativeProgram.Result r = NativeProgram.run(lowering, rows, cols, 2, 3, 11, work);
        assertEquals(0, r.mismatches(), lowering.kernel() + "/" + lowering.isa() + " on this CPU vs " + r.reference());
        assertEquals(rows * lowering.activationColumns(), r.outputs());
        assertTrue(r.medianNs() > 0);
        // no x86 core runs below 0.5 or above 7 GHz: outside that, the probe did not time one add per cycle
        assertTrue(r.clockGHz() > 0.5 && r.clockGHz() < 7, "probed core clock of " + r.clockGHz() + " GHz");
    }
}
