// Bad option values and options that do not apply: one line per offending option naming it, the value and the
// expected form, exit 2, before anything runs or is written.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionErrorsTest {

    private static final String FLUX = "configs/workloads/flux-dev-1.58bit.yaml";
    private static final String MEASURED = "../configs/calibration/host/zen4-2c-native-median-2026-12-03.csv";

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    private static TernSimCliTest.Outcome simulate(Path dir, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = dir.resolve("out").toString();
        return TernSimCliTest.run(all);
    }

    @Test
    void eachPhaseOptionHasItsOwnMessage(@TempDir Path dir) throws IOException {
        UserErrors.line(simulate(dir, "--batch", "0"), "--batch 0: expected an integer >= 1");
        UserErrors.line(simulate(dir, "--context", "-1"), "--context -1: expected an integer >= 0");
        UserErrors.line(simulate(dir, "--phase", "prefill", "--tokens", "0"), "--tokens 0: expected an integer >= 1");
        UserErrors.line(simulate(dir, "--workload", FLUX, "--steps", "0"), "--steps 0: expected an integer >= 1");
        UserErrors.line(simulate(dir, "--workload", FLUX, "--resolution", "8"),
            "--resolution 8: expected an integer >= 16");
        UserErrors.nothingIn(dir.resolve("out"));
    }

    @Test
    void theNodeIsCheckedWhateverTheEnergyModel(@TempDir Path dir) throws IOException {
        UserErrors.line(simulate(dir, "--node", "banana"), "--node 'banana': expected one of 45nm, 7nm");
        UserErrors.line(simulate(dir, "--node", "3nm"), "--node '3nm': expected one of 45nm, 7nm");
        UserErrors.line(simulate(dir, "--energy-model", "arithmetic", "--node", "3nm"), "--node '3nm'");
        UserErrors.nothingIn(dir.resolve("out"));
    }

    @Test
    void optionsAPhaseOrModeDoesNotUseAreRejected(@TempDir Path dir) throws IOException {
        UserErrors.line(simulate(dir, "--steps", "5"), "--steps applies to diffusion workloads",
            "bitnet-b1.58-2b4t is an LLM");
        UserErrors.line(simulate(dir, "--tokens", "64"), "--tokens applies to --phase prefill, not decode");
        UserErrors.line(simulate(dir, "--phase", "prefill", "--batch", "4"), "--batch applies to --phase decode");
        UserErrors.line(simulate(dir, "--workload", FLUX, "--context", "64"), "--context applies to LLM workloads");
        UserErrors.line(simulate(dir, "--cache", "cold"), "--cache applies to single-kernel runs");
        UserErrors.line(simulate(dir, "--op", "stream", "--shape", "256x2560"), "--shape does not apply to --op stream");
        UserErrors.line(simulate(dir, "--op", "stream", "--threads", "1"), "--threads does not apply to --op stream");
        UserErrors.line(simulate(dir, "--shape", "16x128", "--steps", "5"), "--steps applies to workload runs");
        UserErrors.line(simulate(dir, "--shape", "16x128", "--format", "json"), "--format applies to workload runs");
        UserErrors.nothingIn(dir.resolve("out"));
    }

    @Test
    void cpuOptionsAreRejectedOnAnAccelerator(@TempDir Path dir) throws IOException {
        String accel = "configs/hw/accel-edge.yaml";
        for (String[] o : new String[][] {{"--isa", "avx2"}, {"--threads", "2"}, {"--cache", "cold"},
                {"--input-sparsity", "0.5"}}) {
            UserErrors.line(simulate(dir, "--hw", accel, "--op", "gemv", "--shape", "256x2560", o[0], o[1]),
                o[0] + " does not apply to accelerator configs", "accel-edge.yaml is kind: accelerator");
        }
        UserErrors.nothingIn(dir.resolve("out"));
    }

    @Test
    void exactIsRejectedOnSingleKernelRuns(@TempDir Path dir) throws IOException {
        UserErrors.line(simulate(dir, "--op", "gemv", "--shape", "16x128", "--exact"),
            "--exact applies to workload runs", "a single-kernel run already simulates every row");
        UserErrors.line(simulate(dir, "--shape", "16x128", "--exact"), "--exact applies to workload runs");
        UserErrors.line(simulate(dir, "--hw", "configs/hw/accel-edge.yaml", "--op", "gemv", "--shape", "256x2560",
            "--exact"), "--exact applies to workload runs");
        UserErrors.nothingIn(dir.resolve("out"));
    }

    @Test
    void explainOptionsNameTheirValue() {
        UserErrors.line(TernSimCliTest.run("explain", "--iterations", "0", "--no-program-run"),
            "--iterations 0: expected an integer >= 2");
        UserErrors.line(TernSimCliTest.run("explain", "--iterations", "-5", "--no-program-run"), "--iterations -5");
        UserErrors.line(TernSimCliTest.run("explain", "--timeline", "-1", "--no-program-run"),
            "--timeline -1: expected an integer >= 0");
        UserErrors.line(TernSimCliTest.run("explain", "--timeline-from", "99999", "--no-program-run"),
            "--timeline-from 99999: expected 0..97", "--iterations 100");
    }

    @Test
    void benchAndCalibrateOptionsNameTheirValue() {
        String[] bench = {"bench", "kernels", "--kernel", "i2_s", "--shape", "64x256"};
        UserErrors.line(TernSimCliTest.run(concat(bench, "--reps", "0")), "--reps 0: expected an integer >= 1");
        UserErrors.line(TernSimCliTest.run(concat(bench, "--warmup", "-1")), "--warmup -1.0: expected a number of"
            + " seconds >= 0");
        UserErrors.line(TernSimCliTest.run(concat(bench, "--rep-time", "0")), "--rep-time 0.0: expected a number of"
            + " seconds > 0");
        String[] calibrate = {"calibrate", "--hw", "configs/hw/zen5-2c.yaml", "--fit", "core.freq", "--measured",
            MEASURED};
        TernSimCliTest.Outcome evals = TernSimCliTest.run(concat(calibrate, "--evals", "2"));
        UserErrors.line(evals, "--evals 2: expected an integer >= 3");
        assertEquals("", evals.out(), "nothing was simulated");
        UserErrors.line(TernSimCliTest.run(concat(calibrate, "--rounds", "0")), "--rounds 0: expected an integer >= 1");
    }

    @Test
    void aValidateSelectionWithoutLoweringsIsAnError() {
        TernSimCliTest.Outcome o = TernSimCliTest.run("validate", "--kernel", "i2_s-vnni", "--isa", "neon", "--shapes",
            "64x256");
        UserErrors.line(o, "--kernel i2_s-vnni --isa neon: no lowering", "i2_s-vnni/avx512", "i2_s/neon");
        assertEquals("", o.out());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
