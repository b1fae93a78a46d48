// `ternsim bench kernels`: times functional-engine GEMVs on the host (1..N threads, row split) and, with --hw, puts
// the simulator's prediction for the same work beside each measurement with the error.
package org.ternsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.config.Units;
import org.ternsim.sim.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "kernels", mixinStandardHelpOptions = true,
    description = {"Time the functional engine's GEMV kernels on this host with an in-process harness (warm-up, then",
        "repetitions; median and spread), for each kernel x shape x thread count (rows split across threads).",
        "Reports time per call, GMAC/s and GB/s (weights + activations read once per call). With --hw, the simulator's",
        "time for the same GEMV (warm caches) and its error against the measurement."})
final class BenchKernelsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--kernel", split = ",", defaultValue = "i2_s,tl2,f16", description = "Kernels: i2_s, tl2, f16 (default: ${DEFAULT-VALUE}).")
    List<String> kernels;

    @Option(names = "--shape", split = ",", converter = SimulateCommand.ShapeConverter.class,
        defaultValue = "2560x2560,640x2560,6912x2560,2560x6912",
        description = "MxK shapes (default: the 2B4T linears ${DEFAULT-VALUE}).")
    List<Shape> shapes;

    @Option(names = "--threads", split = ",", paramLabel = "<n>", description = "Thread counts (default: 1 up to the machine's cores).")
    List<Integer> threads;

    @Option(names = "--hw", paramLabel = "<yaml>", description = "Also simulate each point on this hardware config.")
    Path hw;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "<s>", description = "Warm-up seconds per point (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--reps", defaultValue = "7", description = "Measured repetitions per point (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--rep-time", defaultValue = "0.2", paramLabel = "<s>", description = "Seconds per repetition (default: ${DEFAULT-VALUE}).")
    double repTime;

    @Option(names = "--max-memory", paramLabel = "<size>", description = "Refuse points whose data would need more (e.g. 2GiB; default: 80% of the free heap).")
    String maxMemory;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random data (default: ${DEFAULT-VALUE}).")
    long seed;

    /** One measured point, with the prediction when --hw is given. */
    record Point(KernelWork work, int threads, BenchHarness.Timing timing, KernelPrediction prediction) {
        double gmacPerSecond() {
            return work.macs() / timing.median() / 1e9;
        }

        double gbPerSecond() {
            return (work.weightBytes() + work.activationBytes()) / timing.median() / 1e9;
        }

        /** (simulated - measured) / measured, or NaN. */
        double error() {
            return prediction == null || !prediction.available() ? Double.NaN
                : (prediction.seconds() - timing.median()) / timing.median();
        }
    }

    @Override
    public Integer call() {
        for (String k : kernels) {
            if (!KernelWork.KERNELS.contains(k)) {
                throw new UserError("--kernel: unknown kernel '" + k + "'; valid: " + String.join(", ", KernelWork.KERNELS));
            }
        }
        List<Integer> ts = threads != null ? threads : range(Runtime.getRuntime().availableProcessors());
        for (int t : ts) {
            if (t < 1) throw new UserError("--threads must be >= 1, got " + t);
        }
        OptionValues.atLeast("--reps", reps, 1);
        if (!(warmup >= 0)) {
            throw new UserError("--warmup " + warmup + ": expected a number of seconds >= 0");
        }
        OptionValues.positive("--rep-time", repTime, "a number of seconds");
        long limit = memoryLimit(maxMemory);
        for (String k : kernels) {
            for (Shape s : shapes) {
                checkShape(k, s);
                long need = KernelWork.bytesNeeded(k, s.rows(), s.cols());
                if (need > limit) {
                    throw new UserError(String.format(Locale.ROOT, "%s %s needs about %.2f GiB for functional execution,"
                        + " more than the %.2f GiB allowed (--max-memory, or the free heap: raise -Xmx); use a smaller --shape",
                        k, s, need / 1073741824.0, limit / 1073741824.0));
                }
            }
        }
        HardwareConfig config = null;
        if (hw != null) {
            Path p = Home.resolve(hw);
            InputFile.require(p, "hardware config");
            config = HardwareConfigLoader.load(p);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-5s %-16s %-10s %3s %12s %7s %8s %7s%s%n", "kernel", "implementation", "shape", "thr",
            "median us", "spread", "GMAC/s", "GB/s", config == null ? "" : String.format(Locale.ROOT, " %12s %8s  %s",
                "sim us", "error", "(" + config.name() + ")"));
        for (String k : kernels) {
            for (Shape s : shapes) {
                for (int t : ts) {
                    Point p = measure(k, s, t, config);
                    print(out, p);
                }
            }
        }
        out.println("harness: in-process (not JMH), " + reps + " repetitions of >= " + repTime + " s after " + warmup
            + " s warm-up; median per call; spread = (max - min) / median");
        out.flush();
        return TernSim.OK;
    }

    Point measure(String kernel, Shape s, int t, HardwareConfig config) {
        KernelWork work = KernelWork.prepare(kernel, s.rows(), s.cols(), t, seed);
        BenchHarness.Timing timing = BenchHarness.time(work.slices(), warmup, reps, repTime);
        KernelPrediction pred = config == null ? null : KernelPrediction.of(config, kernel, s.rows(), s.cols(), t);
        return new Point(work, t, timing, pred);
    }

    static void print(PrintWriter out, Point p) {
        String sim = "";
        if (p.prediction() != null) {
            sim = p.prediction().available()
                ? String.format(Locale.ROOT, " %12.1f %+7.1f%%", p.prediction().seconds() * 1e6, 100 * p.error())
                : String.format(Locale.ROOT, " %12s %8s  %s", "-", "-", p.prediction().note());
        }
        out.printf(Locale.ROOT, "%-5s %-16s %-10s %3d %12.1f %6.1f%% %8.1f %7.1f%s%n", p.work().kernel(),
            p.work().implementation(), p.work().rows() + "x" + p.work().cols(), p.threads(), p.timing().median() * 1e6,
            p.timing().spreadPercent(), p.gmacPerSecond(), p.gbPerSecond(), sim);
        out.flush();
    }

    static void checkShape(String kernel, Shape s) {
        try {
            if (kernel.equals("tl2")) {
                org.ternsim.kernels.lut.LutShapes.checkTl2(s.cols(), org.ternsim.kernels.lut.Tl2Packer.DEFAULT_BK);
            } else if (kernel.equals("i2_s") && s.cols() % 128 != 0) {
                throw new IllegalArgumentException("i2_s needs K a multiple of 128, got " + s.cols());
            }
        } catch (IllegalArgumentException e) {
            throw new UserError("--shape " + s + ": " + e.getMessage());
        }
    }

    /** --max-memory as bytes, or 80% of what the heap can still grow to. */
    static long memoryLimit(String text) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (text == null) return (long) (0.8 * free);
        try {
            return Units.bytes(text);
        } catch (ConfigException e) {
            throw new UserError("--max-memory: " + e.getMessage());
        }
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(i);
        return out;
    }
}
