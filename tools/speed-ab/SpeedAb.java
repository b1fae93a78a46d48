// Paired A/B of simulation speed: two builds of TernSim in one JVM, their SimulatorSpeedBench calls alternated.
//
// The host's speed drifts by 1.3-1.5x within minutes (other tenants), more than most changes are worth. Calls of the
// two builds alternate within the same seconds and each is timed in thread CPU time, so the median of the per-pair
// ratios (main / base) measures the change. Run with ./run.sh (see there).
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

/** Arguments: baseRoot mainRoot shape mode calls [kernel]; mode is a SimulatorSpeedBench method (functional, detailed). */
public class SpeedAb {
    public static void main(String[] a) throws Exception {
        String shape = a[2], mode = a[3];
        int calls = Integer.parseInt(a[4]);
        String kernel = a.length > 5 ? a[5] : null;
        String jmh = System.getProperty("jmh.jar");
        Object[] bench = new Object[2];
        Method[] run = new Method[2];
        for (int i = 0; i < 2; i++) {
            String root = a[i];
            URL[] urls = {new File(root + "/simulator/target/test-classes/").toURI().toURL(),
                new File(root + "/cli/target/ternsim.jar").toURI().toURL(), new File(jmh).toURI().toURL()};
            ClassLoader cl = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Class<?> c = cl.loadClass("org.ternsim.sim.bench.SimulatorSpeedBench");
            Object b = c.getConstructor().newInstance();
            c.getField("shape").set(b, shape);
            if (kernel != null) c.getField("kernel").set(b, kernel);
            c.getMethod("setup").invoke(b);
            bench[i] = b;
            run[i] = c.getMethod(mode);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[][] t = new long[2][calls];
        for (int k = 0; k < calls; k++) {
            for (int j = 0; j < 2; j++) {
                int i = (k % 2 == 0) ? j : 1 - j;
                long t0 = mx.getCurrentThreadCpuTime();
                run[i].invoke(bench[i]);
                t[i][k] = mx.getCurrentThreadCpuTime() - t0;
            }
        }
        int skip = calls / 3; // the first third warms the compiler up
        double[] med = new double[2], best = new double[2];
        for (int i = 0; i < 2; i++) {
            long[] s = Arrays.copyOfRange(t[i], skip, calls);
            Arrays.sort(s);
            med[i] = s[s.length / 2] / 1e6; best[i] = s[0] / 1e6;
        }
        double[] r = new double[calls - skip];
        for (int k = skip; k < calls; k++) r[k - skip] = (double) t[1][k] / t[0][k];
        Arrays.sort(r);
        System.out.printf("%s %s: base median %.2f ms best %.2f | main median %.2f ms best %.2f | main/base paired median %.3f (q1 %.3f q3 %.3f)%n",
            mode, shape, med[0], best[0], med[1], best[1], r[r.length / 2], r[r.length / 4], r[3 * r.length / 4]);
    }
}
