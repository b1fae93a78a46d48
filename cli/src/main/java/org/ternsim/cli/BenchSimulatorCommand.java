// `ternsim bench simulator`: the simulator's own speed on this host, in simulated instructions per CPU second.
package org.ternsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ternsim.sim.speed.HostProbe;
import org.ternsim.sim.speed.SpeedTrial;
import org.ternsim.sim.speed.SpeedTrialMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulator", mixinStandardHelpOptions = true,
    description = "Time the simulator itself: each kernel's GEMV simulated call after call as `simulate` runs it "
        + "(detailed: a fresh warm cache hierarchy, the interpreter driving the out-of-order core), one JVM per "
        + "kernel, after a warm-up for the JIT. Prints simulated million instructions per CPU second of the simulating "
        + "thread, by the median and the fastest call, how many instructions replayed an earlier identical period, "
        + "and a probe of how busy the host was (ns per load of a pointer chase through 64 MiB) before and after.")
final class BenchSimulatorCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--kernel", split = ",", paramLabel = "<hw/kernel[/isa]>",
        description = "Kernels, as a config under configs/hw, a kernel and optionally an ISA (default: the 17 "
            + "benchmark kernels of the speed criterion, zen5-2c/i2_s/avx2 ... zen5-2c/f16/avx512).")
    List<String> kernels;

    @Option(names = "--shape", converter = SimulateCommand.ShapeConverter.class, defaultValue = "2560x2560",
        description = "MxK of the GEMV (default: ${DEFAULT-VALUE}).")
    Shape shape;

    @Option(names = "--calls", defaultValue = "20", description = "Timed calls per kernel (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--warmup", defaultValue = "6", paramLabel = "<seconds>",
        description = "CPU seconds of untimed calls first, at least three calls (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--mode", defaultValue = "detailed", paramLabel = "detailed|functional",
        description = "detailed (timing model, caches, DRAM) or functional (interpreter alone) (default: "
            + "${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--json", description = "Print one JSON document at the end instead of the table (each kernel's "
        + "call times, MIPS, replayed instructions and host probe readings).")
    boolean json;

    @Option(names = "--same-jvm", description = "Run every kernel in this JVM (quicker to start; the kernels run "
        + "before shape the JIT's code for the ones after).")
    boolean sameJvm;

    @Option(names = "--attempts", defaultValue = "1", description = "Runs of a kernel at most: a kernel whose host "
        + "probe read more than 10 % above the quietest probe of the run so far runs again, and the run whose worse "
        + "probe reads lowest counts (default: ${DEFAULT-VALUE}).")
    int attempts;

    /** How far above the quietest probe of the run a kernel's worse probe may read for it to count as quiet. */
    static final double QUIET = 1.10;

    @Override
    public Integer call() throws Exception {
        SpeedTrial.Mode callMode = checkedMode();
        Path configs = Home.dir().resolve("configs/hw");
        List<String> specs = checkedKernels(configs);
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf(Locale.ROOT, "bench simulator: %s mode, %s, %d timed calls per kernel after %s s of warm-up,"
                + " %s%n", mode, shape, calls, warmup, sameJvm ? "all in this JVM" : "one JVM per kernel");
            out.println("| kernel | instructions per call | replayed per call | median MIPS | fastest MIPS"
                + " | host probe before / after, ns per DRAM load | attempts |");
            out.println("|---|---|---|---|---|---|---|");
            out.flush();
        }
        HostProbe probe = new HostProbe();
        double quietest = probe.read().loadNanos();
        List<Map<String, Object>> rows = new ArrayList<>();
        int byMedian = 0;
        int byFastest = 0;
        int noisy = 0;
        int failed = 0;
        for (String k : specs) {
            Trial kept = null;
            int made = 0;
            while (made < attempts && (kept == null || kept.reading != null && !kept.quiet(quietest))) {
                Trial t = sameJvm ? inThisJvm(configs, k, callMode, probe) : inItsOwnJvm(configs, k);
                made++;
                quietest = t.reading == null ? quietest : Math.min(quietest, t.quietestLoad());
                kept = kept == null || t.reading != null && t.worseLoad() < kept.worseLoad() ? t : kept;
            }
            boolean loud = kept.reading != null && !kept.quiet(quietest);
            rows.add(kept.json(k, made, loud));
            if (kept.reading == null) {
                failed++;
                if (!json) {
                    out.printf(Locale.ROOT, "| %s | failed: %s | | | | | %d |%n", k, kept.failure, made);
                    out.flush();
                }
                continue;
            }
            SpeedTrial.Reading r = kept.reading;
            byMedian += r.medianMips() >= SpeedTrial.TARGET_MIPS ? 1 : 0;
            byFastest += r.fastestMips() >= SpeedTrial.TARGET_MIPS ? 1 : 0;
            noisy += loud ? 1 : 0;
            if (!json) {
                out.printf(Locale.ROOT, "| %s | %,d | %,d | %.2f | %.2f | %.1f / %.1f%s | %d |%n", k, r.instructions(),
                    r.replayedPerCall(), r.medianMips(), r.fastestMips(), kept.before.loadNanos(),
                    kept.after.loadNanos(), loud ? " (noisy)" : "", made);
                out.flush();
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("mode", mode);
            doc.put("shape", shape.toString());
            doc.put("calls", calls);
            doc.put("warmupSeconds", warmup);
            doc.put("jvmPerKernel", !sameJvm);
            doc.put("targetMips", SpeedTrial.TARGET_MIPS);
            doc.put("atTargetByMedianCall", byMedian);
            doc.put("atTargetByFastestCall", byFastest);
            doc.put("quietestProbeLoadNanos", quietest);
            doc.put("kernels", rows);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            out.printf(Locale.ROOT, "%d of %d kernels at %.0f MIPS or more by the median call, %d by the fastest"
                + " (%s mode); %d measured with a probe more than %.0f %% above the run's quietest (%.1f ns)%n",
                byMedian, specs.size(), SpeedTrial.TARGET_MIPS, byFastest, mode, noisy, 100 * (QUIET - 1), quietest);
            out.println("MIPS: simulated instructions per CPU second of the simulating thread. A busy host (other"
                + " tenants, a sibling hyperthread) slows it; the probe then reads a slower chase.");
        }
        out.flush();
        return failed == 0 ? TernSim.OK : TernSim.FAILURE;
    }

    private SpeedTrial.Mode checkedMode() {
        SpeedTrial.Mode callMode = switch (mode) {
            case "detailed" -> SpeedTrial.Mode.DETAILED;
            case "functional" -> SpeedTrial.Mode.FUNCTIONAL;
            default -> throw new UserError("--mode " + mode + ": expected detailed or functional");
        };
        if (calls < 1) {
            throw new UserError("--calls " + calls + ": expected at least 1");
        }
        if (attempts < 1) {
            throw new UserError("--attempts " + attempts + ": expected at least 1");
        }
        if (!(warmup >= 0) || warmup > 3600) {
            throw new UserError("--warmup " + warmup + ": expected 0 to 3600 seconds");
        }
        return callMode;
    }

    private List<String> checkedKernels(Path configs) {
        List<String> specs = kernels == null ? SpeedTrial.BENCHMARK_KERNELS : kernels;
        for (String k : specs) {
            try {
                SpeedTrial.target(configs, k).request(shape.rows(), shape.cols());
            } catch (IllegalArgumentException e) {
                throw new UserError("--kernel " + k + " at " + shape + ": " + e.getMessage());
            }
        }
        return specs;
    }

    /** One kernel's reading and the host probe around it, or why it has none. */
    record Trial(SpeedTrial.Reading reading, HostProbe.Reading before, HostProbe.Reading after, String failure) {
        double worseLoad() {
            return Math.max(before.loadNanos(), after.loadNanos());
        }

        double quietestLoad() {
            return Math.min(before.loadNanos(), after.loadNanos());
        }

        /** Whether neither probe read more than {@link #QUIET} times {@code quietest}. */
        boolean quiet(double quietest) {
            return worseLoad() <= QUIET * quietest;
        }

        /** The kernel's entry of the JSON document. */
        Map<String, Object> json(String kernel, int attempts, boolean noisy) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kernel", kernel);
            m.put("attempts", attempts);
            if (reading == null) {
                m.put("failure", failure);
                return m;
            }
            m.put("noisy", noisy);
            m.put("instructionsPerCall", reading.instructions());
            m.put("replayedPerCall", reading.replayedPerCall());
            m.put("medianMips", reading.medianMips());
            m.put("fastestMips", reading.fastestMips());
            m.put("callCpuNanos", reading.callNanos());
            m.put("hostProbeBefore", before);
            m.put("hostProbeAfter", after);
            return m;
        }
    }

    private Trial inThisJvm(Path configs, String kernel, SpeedTrial.Mode callMode, HostProbe probe) {
        SpeedTrial trial = SpeedTrial.of(configs, kernel, shape.rows(), shape.cols());
        HostProbe.Reading before = probe.read();
        SpeedTrial.Reading r = trial.measure(callMode, calls, (long) (warmup * 1e9));
        return new Trial(r, before, probe.read(), null);
    }

    private Trial inItsOwnJvm(Path configs, String kernel) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-modules", "jdk.incubator.vector", "-Dternsim.home=" + Home.dir(), "-cp",
            System.getProperty("java.class.path"), SpeedTrialMain.class.getName(), configs.toString(), kernel,
            shape.toString(), Integer.toString(calls), Double.toString(warmup), mode);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Optional<SpeedTrial.Reading> reading = Optional.empty();
        HostProbe.Reading[] probe = null;
        String unexpected = null; // the first line that is neither a reading nor the JVM's incubator warning
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Optional<SpeedTrial.Reading> r = SpeedTrialMain.parse(line);
                Optional<HostProbe.Reading[]> around = HostProbe.parse(line);
                reading = reading.or(() -> r);
                probe = around.orElse(probe);
                boolean expected = r.isPresent() || around.isPresent() || line.isBlank()
                    || line.startsWith("WARNING: Using incubator");
                unexpected = unexpected != null || expected ? unexpected : line;
            }
        }
        int code = p.waitFor();
        if (code != 0 || reading.isEmpty() || probe == null) {
            return new Trial(null, null, null, "exit code " + code + (unexpected == null ? "" : ", " + unexpected));
        }
        return new Trial(reading.get(), probe[0], probe[1], null);
    }
}
