// Simulation speed of all 17 benchmark kernels (issue 4's 20 MIPS criterion): one fresh JVM per kernel, one table.
//
// Run from the repository root after `mvn -B -q -o install -DskipTests`:
//   java -cp simulator/target/test-classes org.ternsim.sim.bench.BenchmarkKernelsSpeedMain [calls=20] [mode=detailed]
// Each kernel runs `SimulatorSpeedMain 2560x2560 CALLS MODE KERNEL` in a JVM of its own, as the figures in
// docs/performance.md were taken: in one JVM, the kernels run before would leave the compiled code shaped by their
// instructions. Prints one row per kernel (median and fastest call, MIPS per CPU second; instructions replayed per
// call) and how many reach 20 MIPS by the median call.
package org.ternsim.sim.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class BenchmarkKernelsSpeedMain {

    /** The benchmark kernels, hw config / kernel / ISA, in the order of the tables in docs/performance.md. */
    static final List<String> KERNELS = List.of(
        "zen5-2c/i2_s/avx2", "cobalt-100/i2_s/neon-dotprod", "zen5-2c/tq2_0/avx2", "cobalt-100/q4_0/neon-dotprod",
        "zen5-2c/tmac-w4/avx2", "cobalt-100/tl1/neon", "zen4-2c/i2_s/avx2", "zen5-2c/tl2/avx2", "zen5-2c/q4_0/avx2",
        "cobalt-100/tl2/neon", "zen5-2c/tmac/avx2", "zen5-2c/tmac-w4/avx512", "zen5-2c/i2_s-vnni/avx512",
        "cobalt-100/tmac-w4/neon", "zen5-2c/i2_s-sparse/avx2", "zen5-2c/tl2/avx512", "zen5-2c/f16/avx512");

    /** The MIPS the criterion asks for. */
    private static final double TARGET = 20;

    private static final Pattern PER_CALL = Pattern.compile(
        "per call: median ([0-9.]+), fastest ([0-9.]+) MIPS per CPU second(?: \\(([0-9,]+) replayed per call\\))?");

    private BenchmarkKernelsSpeedMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String calls = args.length > 0 ? args[0] : "20";
        String mode = args.length > 1 ? args[1] : "detailed";
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = "simulator/target/test-classes" + File.pathSeparator + "cli/target/ternsim.jar";
        System.out.printf(Locale.ROOT, "| kernel | median MIPS | fastest call | replayed per call |%n");
        System.out.printf(Locale.ROOT, "|---|---|---|---|%n");
        int reaching = 0;
        for (String kernel : KERNELS) {
            Process p = new ProcessBuilder(launcher, "--add-modules", "jdk.incubator.vector", "-cp", classPath,
                SimulatorSpeedMain.class.getName(), "2560x2560", calls, mode, kernel)
                .redirectErrorStream(true).start();
            Matcher found = null;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = PER_CALL.matcher(line);
                    if (m.find()) {
                        found = m;
                    }
                }
            }
            if (p.waitFor() != 0 || found == null) {
                System.out.printf(Locale.ROOT, "| %s | failed (exit %d) | | |%n", kernel, p.exitValue());
                continue;
            }
            double median = Double.parseDouble(found.group(1));
            reaching += median >= TARGET ? 1 : 0;
            System.out.printf(Locale.ROOT, "| %s | %.2f | %s | %s |%n", kernel, median, found.group(2),
                found.group(3) == null ? "-" : found.group(3));
        }
        System.out.printf(Locale.ROOT, "%d of %d reach %.0f MIPS by the median call (%s mode)%n", reaching,
            KERNELS.size(), TARGET, mode);
    }
}
