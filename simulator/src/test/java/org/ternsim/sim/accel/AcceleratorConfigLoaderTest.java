// Accelerator configs load with provenance, and bad input gives one located line per problem.
package org.ternsim.sim.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.isa.accel.ActType;
import org.ternsim.sim.config.AcceleratorConfigLoader;
import org.ternsim.sim.config.ConfigException;

class AcceleratorConfigLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void shippedConfigsLoad() throws IOException {
        for (String n : List.of("accel-edge", "accel-edge-lut", "accel-large", "accel-vitallm", "accel-tereffic-hbm")) {
            AcceleratorConfig c = AccelConfigs.load(n);
            assertEquals(n, c.name());
            assertTrue(AcceleratorConfigLoader.isAccelerator(AccelConfigs.dir().resolve(n + ".yaml")));
            assertTrue(c.provenance().source("clock").isPresent(), n);
            assertFalse(c.energy().actions().isEmpty());
        }
        assertFalse(AcceleratorConfigLoader.isAccelerator(AccelConfigs.dir().resolve("zen5-2c.yaml")));
        AcceleratorConfig v = AccelConfigs.load("accel-vitallm");
        assertEquals(1e9, v.clockHz());
        assertEquals(List.of(ActType.INT8), v.pe().activations());
        assertEquals(120 * 1024, v.sramBytes());
        assertEquals(72.46, v.publishedFigures().orElseThrow().decodeTokensPerSecond());
        assertNotNull(AccelConfigs.load("accel-edge-lut").lut());
    }

    @Test
    void everyNodeTableLoadsAndEnergiesFallWithTheNode() {
        double previous = Double.MAX_VALUE;
        for (int node : new int[] {45, 22, 16, 7}) {
            AccelEnergyTable t = org.ternsim.sim.config.AcceleratorEnergyLoader.load(
                    AccelConfigs.dir().resolveSibling("energy").resolve("accel-" + node + "nm.yaml"));
            assertEquals(node, t.nodeNm());
            double e = t.pj(AccelActions.TERNARY_MAC) + t.sramReadPj(32 * 1024);
            assertTrue(e < previous, node + " nm");
            previous = e;
            // Interpolation passes through the tabulated points and is monotone in size.
            assertEquals(t.sram().get(1).readPj(), t.sramReadPj(t.sram().get(1).sizeBytes()), 1e-9);
            assertTrue(t.sramReadPj(16 * 1024) > t.sramReadPj(8 * 1024) && t.sramReadPj(16 * 1024) < t.sramReadPj(32 * 1024));
        }
    }

    private Path write(String yaml) throws IOException {
        Path hw = Files.createDirectories(tmp.resolve("hw"));
        Path energy = Files.createDirectories(tmp.resolve("energy"));
        Path table = AccelConfigs.dir().resolveSibling("energy").resolve("accel-16nm.yaml");
        Files.copy(table, energy.resolve("accel-16nm.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path f = hw.resolve("accel-test.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static final String GOOD = String.join("\n",
            "kind: accelerator",
            "name: t",
            "clock: {value: 1GHz, source: test}",
            "energy: accel-16nm",
            "pe: {unit: ternary-adder-tree, rows: 4, cols: 16}",
            "buffers:",
            "  weight: {size: 8KiB, banks: 4}",
            "  activation: {size: 4KiB, banks: 4}",
            "  output: {size: 4KiB}",
            "dma: {dram: LPDDR5, bandwidth: 20GB/s, latency: 100ns, energyPerBit: 5pJ}",
            "");

    private List<String> problems(String yaml) throws IOException {
        Path f = write(yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> AcceleratorConfigLoader.load(f));
        for (String p : e.problems()) {
            assertFalse(p.contains("\n"), p);
            assertTrue(p.startsWith(f.toString() + ":"), p);
            assertTrue(p.contains("; expected "), p);
        }
        return e.problems();
    }

    @Test
    void aMinimalConfigLoadsWithDefaults() throws IOException {
        AcceleratorConfig c = AcceleratorConfigLoader.load(write(GOOD));
        assertTrue(c.doubleBuffering());
        assertEquals(64, c.dma().burstBytes());
        assertEquals(16, c.epilogue().lanes());
        assertEquals(4, c.pe().activations().size());
        assertTrue(c.pe().blockRegister());
        AccelResult r = AcceleratorSimulation.run(c, AccelRequest.of("i2_s", 256, 512, 1, 1, true));
        assertTrue(r.checkPassed(), r.check());
    }

    @Test
    void unknownKeyIsLocatedAndSuggested() throws IOException {
        List<String> p = problems(GOOD.replace("rows: 4,", "rowz: 4,"));
        assertTrue(p.stream().anyMatch(s -> s.contains(":5:") && s.contains("pe.rowz") && s.contains("did you mean 'rows'")), p.toString());
    }

    @Test
    void badUnitsAndValues() throws IOException {
        List<String> p = problems(GOOD.replace("1GHz", "1000").replace("unit: ternary-adder-tree", "unit: adder-tree"));
        assertTrue(p.stream().anyMatch(s -> s.contains(":3:") && s.contains("clock") && s.contains("no unit")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("pe.unit") && s.contains("ternary-adder-tree")), p.toString());
    }

    @Test
    void kindIsRequired() throws IOException {
        List<String> p = problems(GOOD.replace("kind: accelerator\n", "kind: cpu\n"));
        assertTrue(p.stream().anyMatch(s -> s.contains(":1:") && s.contains("kind")), p.toString());
    }

    @Test
    void lutUnitNeedsALutBufferAndBuilder() throws IOException {
        List<String> p = problems(GOOD.replace("unit: ternary-adder-tree", "unit: lut"));
        assertTrue(p.stream().anyMatch(s -> s.contains("buffers.lut") && s.contains("missing")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("pe.lutBuildAddersPerCycle")), p.toString());
    }

    @Test
    void missingEnergyTableIsReportedAtTheEnergyLine() throws IOException {
        List<String> p = problems(GOOD.replace("energy: accel-16nm", "energy: accel-3nm"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains(":4:") && p.get(0).contains("accel-3nm.yaml not found"), p.get(0));
    }

    @Test
    void bufferTooSmallForItsBanks() throws IOException {
        List<String> p = problems(GOOD.replace("output: {size: 4KiB}", "output: {size: 16B, banks: 4}"));
        assertTrue(p.stream().anyMatch(s -> s.contains("buffers.output.size") && s.contains("banks")), p.toString());
    }

    @Test
    void aDesignThatCannotRunTheKernelSaysWhy() throws IOException {
        AcceleratorConfig c = AcceleratorConfigLoader.load(write(GOOD.replace("cols: 16}", "cols: 16, activations: [int8]}")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AcceleratorSimulation.run(c, AccelRequest.of("tl2", 64, 2560, 1, 1, false)));
        assertTrue(e.getMessage().contains("needs pe.unit: lut"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AcceleratorSimulation.run(c, AccelRequest.of("ternary-a16", 64, 2560, 1, 1, false)));
        assertTrue(e.getMessage().contains("f16"), e.getMessage());
    }

    @Test
    void buffersMustHoldTheMinimumTile() throws IOException {
        // 4 PE rows x one 128-value block of 2-bit weights = 128 B per slot, 256 B double buffered.
        List<String> p = problems(GOOD.replace("weight: {size: 8KiB, banks: 4}", "weight: {size: 128B, banks: 4}"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains(":7:") && p.get(0).contains("buffers.weight.size") && p.get(0).contains("minimum tile")
                && p.get(0).endsWith("expected size >= 256 B"), p.get(0));
        // Without double buffering one slot is enough; the loaded design then maps the smallest GEMV.
        AcceleratorConfig single = AcceleratorConfigLoader.load(write(GOOD.replace("weight: {size: 8KiB, banks: 4}",
                "weight: {size: 128B, banks: 4}") + "doubleBuffering: false\n"));
        assertTrue(AcceleratorSimulation.run(single, AccelRequest.of("i2_s", 4, 128, 1, 1, true)).checkPassed());
        // W1.58A16 needs 2 x 128 x 2 B of activations and 2 x 4 x (64 + 4) B of output; both are reported at once.
        p = problems(GOOD.replace("activation: {size: 4KiB, banks: 4}", "activation: {size: 256B, banks: 4}")
                .replace("output: {size: 4KiB}", "output: {size: 512B}"));
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).contains("buffers.activation.size") && p.get(0).endsWith("size >= 512 B"), p.get(0));
        assertTrue(p.get(1).contains("buffers.output.size") && p.get(1).endsWith("size >= 544 B"), p.get(1));
        // The same buffers suffice for a design that only takes int8 (128 B of activations, 4 x 8 B of output).
        AcceleratorConfigLoader.load(write(GOOD.replace("activation: {size: 4KiB, banks: 4}",
                "activation: {size: 256B, banks: 4}").replace("output: {size: 4KiB}", "output: {size: 512B}")
                .replace("cols: 16}", "cols: 16, activations: [int8]}")));
    }

    @Test
    void zeroSkippingAndInt4LanesAreChecked() throws IOException {
        List<String> p = problems(GOOD + "sparsity: {skipZeroActivations: true, skipGroup: 3}\n");
        assertTrue(p.stream().anyMatch(s -> s.contains("sparsity.skipGroup") && s.contains("power of two")), p.toString());
        p = problems(GOOD.replace("cols: 16}", "cols: 16, activations: [int8], int4PerLane: 2}"));
        assertTrue(p.stream().anyMatch(s -> s.contains("pe.int4PerLane") && s.contains("int4")), p.toString());
        AcceleratorConfig c = AcceleratorConfigLoader.load(write(GOOD.replace("cols: 16}", "cols: 16, int4PerLane: 2}")
                + "sparsity: {skipZeroActivations: true, skipGroup: 8, skipIndexCycles: 2}\n"));
        assertEquals(2, c.pe().int4PerLane());
        assertEquals(new SparsityConfig(false, 1.0 / 3, true, 8, 2), c.sparsity());
    }
}
