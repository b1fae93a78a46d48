// CLI bench that times two or more builds of the simulator in one JVM, call for call, for A/B tests on a noisy host.
//
// Build each tree (`mvn -B -q -o install -DskipTests`, or with -Dmaven.install.skip=true for a second worktree), then
// run from a repository root (the configs are read from configs/hw or ../configs/hw):
//   java --add-modules jdk.incubator.vector -cp simulator/target/test-classes \
//     org.ternsim.sim.bench.PairedBuildsMain /tmp/base,/work/main[:name=value...] zen5-2c/f16/avx512 detailed 20 [4]
// Arguments: build trees (comma-separated; each may carry system properties after colons, e.g.
// /work/main:ternsim.replay=false), hw/kernel/isa, mode (functional or detailed), timed rounds, warm-up CPU seconds
// per build (default 4). Shape 2560x2560.
package org.ternsim.sim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Each build's {@code SimulatorSpeedBench} is loaded by a class loader of its own (its test classes and shaded CLI
 * jar), so the JVM compiles each build's code separately; the rounds then run one call of every build, in a rotating
 * order, and each build's speed is compared with the first build's in the same round. Whatever slows the host during
 * a round slows every build in it, which separate JVMs run minutes apart do not share: on this 2-vCPU VM their medians
 * moved by up to 30 % between runs, where paired ratios stay within a few per cent. Two copies of one build still
 * differ by up to about 7 % at 10 rounds (each JVM compiles each copy its own way), so a smaller difference needs
 * more rounds, or a copy of the first build as a third one to show the spread.
 *
 * <p>System properties given with a build are set before each of its calls, and those of the other builds cleared,
 * so a property read once per class, per object or per call applies to that build alone.
 */
public final class PairedBuildsMain {

    private PairedBuildsMain() {
    }

    /** One build: its tree, its system properties, and its loaded bench with the timed method. */
    private record Build(String tree, Map<String, String> properties, Object bench, Method call) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: PairedBuildsMain TREE[:name=value...],TREE... hw/kernel/isa "
                + "functional|detailed ROUNDS [WARMUP_SECONDS]");
        }
        String[] trees = args[0].split(",");
        String kernel = args[1];
        String mode = args[2];
        int rounds = Integer.parseInt(args[3]);
        double warmupSeconds = args.length > 4 ? Double.parseDouble(args[4]) : 4;
        TreeSet<String> allKeys = new TreeSet<>();
        Build[] builds = new Build[trees.length];
        long instructions = 0;
        for (int i = 0; i < trees.length; i++) {
            String[] parts = trees[i].split(":");
            Map<String, String> properties = new LinkedHashMap<>();
            for (int p = 1; p < parts.length; p++) {
                String[] nameValue = parts[p].split("=", 2);
                properties.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "true");
            }
            allKeys.addAll(properties.keySet());
            URL[] urls = {Path.of(parts[0], "simulator/target/test-classes").toUri().toURL(),
                Path.of(parts[0], "cli/target/ternsim.jar").toUri().toURL()};
            ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass(SimulatorSpeedBench.class.getName());
            Object bench = type.getConstructor().newInstance();
            type.getField("shape").set(bench, "2560x2560");
            type.getField("kernel").set(bench, kernel);
            builds[i] = new Build(parts[0], properties, bench, type.getMethod(mode));
            use(builds[i], allKeys);
            type.getMethod("setup").invoke(bench);
            instructions = (long) type.getMethod("functional").invoke(bench);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // warm-up in rounds as well: the JDK's own classes (the Vector API's, collections) are shared by the builds
        long warmed = 0;
        for (int r = 0; r < 3 || warmed < warmupSeconds * 1e9 * builds.length; r++) {
            for (Build b : builds) {
                warmed += time(b, allKeys, threads);
            }
        }
        long[][] nanos = PairedRounds.run(builds.length, rounds, i -> time(builds[i], allKeys, threads));
        for (int i = 0; i < builds.length; i++) {
            PairedRounds.Summary s = PairedRounds.summary(nanos, i);
            System.out.printf(Locale.ROOT, "%s%s %s %s: median %.2f MIPS per CPU second, fastest %.2f; speed against "
                    + "the first build, paired by round: median %.3f (quartiles %.3f-%.3f)%n", builds[i].tree(),
                builds[i].properties().isEmpty() ? "" : " " + builds[i].properties(), kernel, mode,
                instructions / (s.median() / 1e3), instructions / (s.fastest() / 1e3), s.speed(), s.speedLowQuartile(),
                s.speedHighQuartile());
        }
    }

    /** One call of {@code b} with its properties set; returns its thread CPU nanoseconds. */
    private static long time(Build b, TreeSet<String> allKeys, ThreadMXBean threads) throws Exception {
        use(b, allKeys);
        long start = threads.getCurrentThreadCpuTime();
        b.call().invoke(b.bench());
        return threads.getCurrentThreadCpuTime() - start;
    }

    private static void use(Build b, TreeSet<String> allKeys) {
        for (String key : allKeys) {
            System.clearProperty(key);
        }
        b.properties().forEach(System::setProperty);
    }
}
