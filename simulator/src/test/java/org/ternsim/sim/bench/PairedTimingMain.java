// CLI bench that times the timing model alone (no interpreter) of two or more builds in one JVM, call for call.
//
// Build each tree (`mvn -B -q -o install -DskipTests`, or with -Dmaven.install.skip=true for a second worktree), then
// run from a repository root:
//   java --add-modules jdk.incubator.vector -cp simulator/target/test-classes \
//     org.ternsim.sim.bench.PairedTimingMain /tmp/base,/work/main,/tmp/base zen5-2c/i2_s/avx2 12 [--replay|--memory]
//     [ROWSxCOLS]
// Arguments: build trees (comma-separated), hw/kernel/isa, timed rounds; --replay keeps loop replay on (by default
// every instruction is timed, -Dternsim.replay=false); --memory times the memory hierarchy alone on the stream's loads
// and stores at the cycles the core issued them (TimingRound.memoryRound); shape 2560x2560 unless given.
package org.ternsim.sim.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Each build gets a class loader of its own over its shaded CLI jar, with {@link TimingRound} loaded from this bench's
 * own class path, so that builds made before that class existed can be timed too. Rounds run one call of every build
 * in a rotating order, as {@code PairedBuildsMain} does, and each build is compared with the first in the same round.
 * Two copies of one build still differed by up to 5 % at 8-12 rounds on the 2-vCPU development VM, so a copy of the
 * first build as a third one shows the spread. The cycles printed must agree between builds that model alike.
 */
public final class PairedTimingMain {

    private PairedTimingMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        if (args.length < 3) {
            throw new IllegalArgumentException(
                "usage: PairedTimingMain TREE,TREE... hw/kernel/isa ROUNDS [--replay|--memory] [ROWSxCOLS]");
        }
        String[] trees = args[0].split(",");
        int rounds = Integer.parseInt(args[2]);
        String shape = options.stream().skip(3).filter(a -> !a.startsWith("--")).findFirst().orElse("2560x2560");
        String[] rowsCols = shape.split("x");
        System.setProperty("ternsim.replay", Boolean.toString(options.contains("--replay")));
        boolean memoryAlone = options.contains("--memory");
        URL own = TimingRound.class.getProtectionDomain().getCodeSource().getLocation();
        Object[] benches = new Object[trees.length];
        Method[] round = new Method[trees.length];
        Method[] cycles = new Method[trees.length];
        long instructions = 0;
        long accesses = 0;
        for (int i = 0; i < trees.length; i++) {
            URL[] urls = {own, Path.of(trees[i], "cli/target/ternsim.jar").toUri().toURL()};
            ClassLoader loader = new java.net.URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass(TimingRound.class.getName());
            benches[i] = type.getConstructor(String.class, int.class, int.class)
                .newInstance(args[1], Integer.parseInt(rowsCols[0]), Integer.parseInt(rowsCols[1]));
            round[i] = type.getMethod(memoryAlone ? "memoryRound" : "round");
            cycles[i] = type.getMethod(memoryAlone ? "answers" : "cycles");
            instructions = (long) type.getMethod("instructions").invoke(benches[i]);
            accesses = memoryAlone ? (long) type.getMethod("accesses").invoke(benches[i]) : 0;
        }
        for (int warm = 0; warm < 3; warm++) {
            for (int i = 0; i < trees.length; i++) {
                round[i].invoke(benches[i]);
            }
        }
        long[][] nanos = PairedRounds.run(trees.length, rounds, i -> (long) round[i].invoke(benches[i]));
        for (int i = 0; i < trees.length; i++) {
            PairedRounds.Summary s = PairedRounds.summary(nanos, i);
            if (memoryAlone) {
                System.out.printf(Locale.ROOT, "%s %s: %,d accesses, answers summing to %,d; memory hierarchy median "
                        + "%.1f ns per access, fastest %.1f; speed against the first build, paired by round: median "
                        + "%.3f (quartiles %.3f-%.3f)%n", trees[i], args[1], accesses,
                    (long) cycles[i].invoke(benches[i]), (double) s.median() / accesses,
                    (double) s.fastest() / accesses, s.speed(), s.speedLowQuartile(), s.speedHighQuartile());
                continue;
            }
            System.out.printf(Locale.ROOT, "%s %s: %,d instructions, %,d cycles; timing model median %.1f ns per "
                    + "instruction, fastest %.1f; speed against the first build, paired by round: median %.3f "
                    + "(quartiles %.3f-%.3f)%n", trees[i], args[1], instructions, (long) cycles[i].invoke(benches[i]),
                (double) s.median() / instructions, (double) s.fastest() / instructions, s.speed(),
                s.speedLowQuartile(), s.speedHighQuartile());
        }
    }
}
