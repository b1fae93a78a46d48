// Runs llvm-mca input files (one loop in Intel syntax, as `ternsim explain --mca-asm` prints) on TernSim's core model.
// Usage (java source-file mode, the CLI jar on the class path):
//   java --add-modules jdk.incubator.vector -cp cli/target/ternsim.jar tools/mca/LoopSim.java HW.yaml UARCH FILE.s...
// UARCH is a bundled table name (zen4) or a .yaml file; prints "file cycles/iter bottleneck" per file, measured as
// `ternsim explain` does (200 back-to-back iterations, every memory operand an L1 hit).
import java.nio.file.Files;
import java.nio.file.Path;
import org.ternsim.isa.AsmText;
import org.ternsim.isa.Program;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.explain.LoopExplainer;
import org.ternsim.sim.explain.LoopExplanation;
import org.ternsim.sim.run.MachineBuilder;

public class LoopSim {
    public static void main(String[] a) throws Exception {
        HardwareConfig hw = HardwareConfigLoader.load(Path.of(a[0]));
        Microarchitecture uarch = a[1].endsWith(".yaml") ? UarchLoader.load(Path.of(a[1])) : UarchLoader.load(a[1]);
        for (int i = 2; i < a.length; i++) {
            StringBuilder s = new StringBuilder(".program v\n.isa x86-64\n");
            for (String line : Files.readAllLines(Path.of(a[i]))) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith(".intel")) {
                    s.append(t.endsWith(":") ? "" : "    ").append(t).append('\n');
                }
            }
            Program p = AsmText.parse(s.toString());
            LoopExplanation e = LoopExplainer.explain(p, uarch, MachineBuilder.memory(hw), LoopExplainer.hotLoop(p), 200,
                10, 0);
            System.out.printf("%-24s %8.2f  %s%n", Path.of(a[i]).getFileName(), e.cyclesPerIteration(), e.bottleneck());
        }
    }
}
