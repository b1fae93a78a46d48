// `bench kernels` and `calibrate` on tiny shapes: the table has a row per kernel x shape x threads with the
// simulator's column where it can predict, and calibration changes only the fitted field, recording how and why.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;

class BenchAndCalibrateTest {

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    @Test
    void benchPrintsOneRowPerPointWithThePredictionWhereModelled() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("bench", "kernels", "--kernel", "i2_s,tl2,f16", "--shape", "64x256",
            "--threads", "1,2", "--warmup", "0", "--reps", "3", "--rep-time", "0.01", "--hw", "configs/hw/zen5-2c.yaml");
        assertEquals(TernSim.OK, o.code(), o.err());
        List<String> rows = o.out().lines().filter(l -> l.contains("64x256")).toList();
        assertEquals(6, rows.size(), o.out());
        String i2s1 = rows.stream().filter(l -> l.startsWith("i2_s") && l.split("\\s+")[3].equals("1")).findFirst().orElseThrow();
        assertTrue(i2s1.matches(".*[+-]\\d+\\.\\d%$"), "error column: " + i2s1);
        // every kernel has an x86 lowering and the simulator splits rows over cores: every row has a prediction
        assertTrue(rows.stream().allMatch(l -> l.matches(".*[+-]\\d+\\.\\d%$")), o.out());
    }

    @Test
    void calibrationChangesOnlyTheFittedFieldAndRecordsTheFit(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cal.yaml");
        TernSimCliTest.Outcome o = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit",
            "dram.bandwidth=10GB/s..60GB/s", "--shape", "64x256", "--rounds", "1", "--evals", "4", "-o", out.toString());
        assertEquals(TernSim.OK, o.code(), o.err());
        String text = Files.readString(out);
        assertTrue(text.startsWith("# Calibrated from "), text);
        assertTrue(text.contains("# RMS relative error") && text.contains("measured"), text);
        HardwareConfig before = HardwareConfigLoader.load(Path.of("../configs/hw/zen5-2c.yaml"));
        HardwareConfig after = HardwareConfigLoader.load(out);
        assertEquals("zen5-2c-calibrated", after.name());
        assertEquals(before.core(), after.core());
        assertEquals(before.caches(), after.caches());
        assertEquals(before.dram().latencyNs(), after.dram().latencyNs());
        double bw = after.dram().bandwidthBytesPerSec();
        assertTrue(bw >= 10e9 && bw <= 60e9, "within the bounds: " + bw);
        assertTrue(after.provenance().source("dram.bandwidth").orElseThrow().startsWith("ternsim calibrate: fitted"));
        assertNotEquals(before.provenance().source("dram.bandwidth"), after.provenance().source("dram.bandwidth"));
        assertEquals(before.provenance().source("core.freq"), after.provenance().source("core.freq"));
    }

    @Test
    void aFitFromTheRecordedMeasurementsRepeatsTheFitWithoutMeasuring(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.yaml");
        TernSimCliTest.Outcome o = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit",
            "dram.bandwidth=10GB/s..60GB/s", "--shape", "64x256", "--rounds", "1", "--evals", "4", "-o", first.toString());
        assertEquals(TernSim.OK, o.code(), o.err());
        Path csv = dir.resolve("first-measurements.csv");
        assertTrue(Files.readString(csv).startsWith("kernel,shape,threads,seconds,harness,statistic,calls\ni2_s,64x256,1,"));
        Path again = dir.resolve("again.yaml");
        TernSimCliTest.Outcome r = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit",
            "dram.bandwidth=10GB/s..60GB/s", "--measured", csv.toString(), "--rounds", "1", "--evals", "4", "-o",
            again.toString());
        assertEquals(TernSim.OK, r.code(), r.err());
        assertFalse(r.out().contains("measured  "), "nothing is measured again: " + r.out());
        assertEquals(HardwareConfigLoader.load(first).dram().bandwidthBytesPerSec(),
            HardwareConfigLoader.load(again).dram().bandwidthBytesPerSec());
        assertTrue(Files.readString(again).contains("read from " + csv), Files.readString(again));

        Files.writeString(csv, "kernel,shape,threads,seconds,harness,statistic,calls\ni2_s,64x256,one,1e-6,java,median,7\n");
        TernSimCliTest.Outcome bad = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--measured",
            csv.toString(), "--fit", "core.freq");
        assertEquals(TernSim.USAGE, bad.code(), bad.err());
        assertTrue(bad.err().strip().lines().count() == 1 && bad.err().contains(csv + ":2: threads"), bad.err());
    }

    @Test
    void severalRecordedRunsAreFittedToTheirMedianPerPoint(@TempDir Path dir) throws Exception {
        String header = "kernel,shape,threads,seconds,harness,statistic,calls\n";
        double[][] runs = {{3e-6, 40e-6}, {1e-6, 38e-6}, {2e-6, 44e-6}};
        List<Path> files = new java.util.ArrayList<>();
        for (int r = 0; r < runs.length; r++) {
            Path csv = dir.resolve("run" + r + ".csv");
            Files.writeString(csv, header + "i2_s,64x256,1," + runs[r][0] + ",java,median,7\n"
                + "i2_s,128x256,1," + runs[r][1] + ",java,median,7\n");
            files.add(csv);
        }
        Path out = dir.resolve("median.yaml");
        String all = files.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(","));
        TernSimCliTest.Outcome o = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit",
            "core.freq", "--measured", all, "--rounds", "1", "--evals", "3", "-o", out.toString());
        assertEquals(TernSim.OK, o.code(), o.err());
        String text = Files.readString(out);
        assertTrue(text.contains("i2_s 64x256 1 thread: measured 2.0 us") && text.contains("i2_s 128x256 1 thread: measured 40.0 us")
            && text.contains("median per point of the runs in " + files.get(0)), text);
        // each point's fastest and slowest run, and how many spread by more than the 20 % the fit is judged by:
        // (3 - 1) / 2 does, (44 - 38) / 40 does not
        assertTrue(o.out().contains("i2_s 64x256 1 thread: measured 2.0 us (runs 1.0-3.0), simulated")
            && o.out().contains("i2_s 128x256 1 thread: measured 40.0 us (runs 38.0-44.0), simulated")
            && o.out().contains("; runs of 1 of 2 points spread by more than 20% of their median"), o.out());

        Files.writeString(files.get(2), header + "i2_s,64x256,1,2e-6,java,median,7\n");
        TernSimCliTest.Outcome bad = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit",
            "core.freq", "--measured", all);
        assertEquals(TernSim.USAGE, bad.code(), bad.err());
        assertTrue(bad.err().strip().lines().count() == 1 && bad.err().contains("--measured " + files.get(2)
            + ": expected the points of " + files.get(0)), bad.err());
    }

    @Test
    void severalMeasurementPassesAreKeptAndFittedToTheirMedian(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("passes-calibrated.yaml");
        TernSimCliTest.Outcome o = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit",
            "core.freq", "--shape", "64x256", "--runs", "3", "--rounds", "1", "--evals", "3", "-o", out.toString());
        assertEquals(TernSim.OK, o.code(), o.err());
        assertTrue(o.out().contains("measurement pass 3 of 3"), o.out());
        double[] passes = new double[3];
        for (int k = 1; k <= 3; k++) {
            passes[k - 1] = HostMeasurements.read(dir.resolve("passes-measurements-" + k + ".csv")).points().get(0).seconds();
        }
        java.util.Arrays.sort(passes);
        HostMeasurements median = HostMeasurements.read(dir.resolve("passes-measurements.csv"));
        assertEquals(passes[1], median.points().get(0).seconds());
        assertTrue(Files.readString(out).contains("median per point of the runs in "
            + dir.resolve("passes-measurements-1.csv").toAbsolutePath()), Files.readString(out));

        TernSimCliTest.Outcome none = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit",
            "core.freq", "--runs", "0");
        assertEquals(TernSim.USAGE, none.code(), none.err());
        assertEquals("ternsim: --runs must be >= 1, got 0", none.err().strip());
        TernSimCliTest.Outcome both = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit",
            "core.freq", "--runs", "2", "--measured", dir.resolve("passes-measurements.csv").toString());
        assertEquals(TernSim.USAGE, both.code(), both.err());
        assertEquals("ternsim: --runs 2: with --measured the runs are the files given", both.err().strip());
    }

    @Test
    void pointsSimulatedInParallelGiveTheSameFit(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("native.csv");
        Files.writeString(csv, "kernel,shape,threads,seconds,harness,statistic,calls\n"
            + "i2_s,64x2560,1,2.4e-6,native-avx2,median,51\n" + "i2_s,64x2560,2,1.5e-6,native-avx2,median,51\n"
            + "f16,64x2560,1,11.0e-6,native-avx2,median,51\n" + "f16,64x2560,2,6.0e-6,native-avx2,median,51\n");
        List<String> fitted = new java.util.ArrayList<>();
        for (String jobs : List.of("1", "3")) {
            Path out = dir.resolve("jobs" + jobs + ".yaml");
            TernSimCliTest.Outcome o = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit",
                "core.freq=2GHz..5GHz", "--fit", "caches.L2.mshrs=8..64", "--measured", csv.toString(), "--rounds", "1",
                "--evals", "4", "--jobs", jobs, "-o", out.toString());
            assertEquals(TernSim.OK, o.code(), o.err());
            fitted.add(Files.readString(out));
        }
        assertTrue(fitted.get(0).contains("f16 64x2560 2 threads: measured 6.0 us"), fitted.get(0));
        assertEquals(fitted.get(0), fitted.get(1));
        // the fitted fields' source names every kernel measured, and the agreement count matches the table rows
        assertTrue(fitted.get(0).contains("host measurements of i2_s, f16 (native avx2 programs"), fitted.get(0));
        java.util.regex.Matcher row = java.util.regex.Pattern.compile(", after [0-9.]+ us \\(([+-][0-9.]+)%\\)")
            .matcher(fitted.get(0));
        int rows = 0;
        int within = 0;
        while (row.find()) {
            rows++;
            within += Math.abs(Double.parseDouble(row.group(1))) <= 20 ? 1 : 0;
        }
        assertEquals(4, rows, fitted.get(0));
        assertTrue(fitted.get(0).contains("within 20%: ") && fitted.get(0).contains(" of 4 points before, " + within
            + " after"), fitted.get(0));

        TernSimCliTest.Outcome bad = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit",
            "core.freq", "--measured", csv.toString(), "--jobs", "0");
        assertEquals(TernSim.USAGE, bad.code(), bad.err());
        assertEquals("ternsim: --jobs must be >= 1, got 0", bad.err().strip());
    }

    @Test
    void calibrationRefusesFieldsItCannotFit() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit", "caches.L2.size");
        assertEquals(TernSim.USAGE, o.code(), o.err());
        assertTrue(o.err().contains("--fit caches.L2.size: not a fit-able field"), o.err());
    }

    @Test
    void nativeCalibrationFitsToTheProgramsRunOnThisCpu(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.ternsim.cli.bench.NativeProgram.unavailableReason("avx2") == null,
            "needs Linux on x86-64 with AVX2 and a C compiler");
        Path out = dir.resolve("cal.yaml");
        TernSimCliTest.Outcome o = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--native",
            "--kernel", "i2_s,f16", "--threads", "1,2", "--fit", "core.freq=2GHz..5GHz", "--shape", "64x2560",
            "--rounds", "1", "--evals", "3", "--reps", "5", "--stat", "best", "-o", out.toString());
        assertEquals(TernSim.OK, o.code(), o.err());
        String text = Files.readString(out);
        assertTrue(text.contains("bench native: the same avx2 programs on this CPU, fastest of 5 calls"), text);
        assertTrue(text.contains("i2_s 64x2560 2 threads: measured") && text.contains("f16 64x2560 1 thread"), text);
        double ghz = HardwareConfigLoader.load(out).core().freqHz() / 1e9;
        assertTrue(ghz >= 2 && ghz <= 5, "within the bounds: " + ghz);
    }

    @Test
    void moreThanOneThreadNeedsNativeRuns() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--threads", "2");
        assertEquals(TernSim.USAGE, o.code(), o.err());
        assertTrue(o.err().contains("use --native"), o.err());
    }

    @Test
    void theFastestCallIsANativeStatistic() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--stat", "best");
        assertEquals(TernSim.USAGE, o.code(), o.err());
        assertTrue(o.err().contains("--stat best: only native runs"), o.err());
    }
}
