// Pins the simulated cycles and every core/cache statistic of a few kernels, so that speed work cannot change results.
package org.ternsim.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.core.CoreStats;
import org.ternsim.sim.core.OpClass;
import org.ternsim.sim.mem.CacheStats;

/**
 * The expected values were computed by running the core model as it was before the 2026-12-03 speed pass (main
 * 48a1a25), not typed by hand; a change of timing semantics must update them deliberately. The digest covers every
 * field of {@link CoreStats} (op counts and vector work in enum order, port busy cycles, bounds), every counter of
 * every cache level and the DRAM bytes; on a mismatch the message shows the full rendering.
 */
class TimingPinTest {

    @ParameterizedTest(name = "{0} {1}/{2} {3}x{4} {5} x{6}")
    @CsvSource({
        // hw, kernel, isa, rows, cols, cache, threads, cycles, digest
        "zen5-2c, i2_s, avx2, 256, 2560, WARM, 1, 20279, b9994e13b416b766",
        "zen5-2c, i2_s, avx2, 512, 2560, COLD, 1, 41925, edc20920996a718b",
        "zen5-2c, i2_s-vnni, avx512, 256, 2560, WARM, 1, 9221, da26ddda3658e881",
        "zen5-2c, tl2, avx2, 256, 2560, WARM, 1, 27894, 83ca8c59a1e6330f",
        // 2026-12-05: F16 activations, converted by vcvtph2ps in the loop as ggml does (same cycles); was e3e7fdc6aeee5384
        "zen5-2c, f16, avx2, 64, 2560, WARM, 1, 35457, be627cbfaf80e0ba",
        "zen4-2c, tl2, avx512, 256, 2560, WARM, 1, 21237, 55d0795731d8a04f",
        "zen5-2c, i2_s, avx2, 512, 2560, COLD, 2, 32681, 01cd322290c303c8",
        // 2026-12-03: N2 forwards sdot into the next sdot's accumulator after 1 cycle (N2Rd_VDOT); was 97679, 363a1e15b6f9562c
        "cobalt-100, i2_s, neon-dotprod, 256, 2560, WARM, 1, 52010, 08ec25d966358622",
        "cobalt-100, tl1, neon, 256, 2560, COLD, 1, 76211, 83bebd9932075797",
    })
    void cyclesAndStatisticsAreUnchanged(String hw, String kernel, String isa, int rows, int cols, CacheState cache,
            int threads, long cycles, String digest) {
        var config = HardwareConfigLoader.load(Path.of("../configs/hw/" + hw + ".yaml"));
        var request = new GemvSimulation.Request(config, GemvSimulation.Request.choose(config, kernel, isa), rows, cols,
            7, cache);
        RunResult r = GemvSimulation.run(request, threads);
        String rendering = render(r);
        assertEquals(cycles + " " + digest, r.cycles() + " " + sha(rendering), rendering);
    }

    /** Every statistic in a fixed order (the maps are immutable copies whose iteration order varies per JVM). */
    static String render(RunResult r) {
        CoreStats s = r.core();
        StringBuilder b = new StringBuilder();
        b.append("cycles=").append(s.cycles()).append(" instructions=").append(s.instructions())
            .append(" uops=").append(s.uops()).append(" loads=").append(s.loads()).append(" stores=").append(s.stores())
            .append(" dispatchBound=").append(s.dispatchBoundCycles()).append(" portBound=").append(s.portBoundCycles())
            .append(" dataflowBound=").append(s.dataflowBoundCycles()).append(" busiest=").append(s.busiestPort())
            .append("\nports=").append(s.ports()).append(' ').append(Arrays.toString(s.portBusyCycles()));
        for (OpClass c : OpClass.values()) {
            b.append("\n").append(c).append(' ').append(s.opCounts().get(c)).append(' ').append(s.vectorWork256().get(c));
        }
        for (CacheStats c : r.caches()) {
            b.append("\n").append(c.level).append(" r=").append(c.reads).append(" w=").append(c.writes)
                .append(" hit=").append(c.hits).append(" miss=").append(c.misses).append(" inflight=").append(c.inFlightHits)
                .append(" evict=").append(c.evictions).append(" wb=").append(c.writeBacks)
                .append(" pf=").append(c.prefetchesIssued).append('/').append(c.prefetchesDropped)
                .append(" mshrStall=").append(c.mshrStallCycles);
        }
        b.append("\ndram ").append(r.dramReadBytes()).append(' ').append(r.dramWriteBytes())
            .append(" bitExact=").append(r.check().bitExact());
        return b.toString();
    }

    private static String sha(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
