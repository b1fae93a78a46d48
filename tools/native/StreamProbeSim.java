// The simulator's side of tools/native/stream-probe.c `window`: the same loops (per 64-byte line one ymm load and N
// independent vpaddd, or one load and a chain of M imul) on a modelled core streaming a cold region, so every line
// comes from DRAM; prints ns per line as the C probe does.
// Usage (java source-file mode, after `mvn -o -q install -DskipTests`):
//   java --add-modules jdk.incubator.vector -cp cli/target/ternsim.jar tools/native/StreamProbeSim.java HW.yaml [MiB]
import java.nio.file.Path;
import org.ternsim.isa.AsmText;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.MachineBuilder;

public class StreamProbeSim {
    public static void main(String[] a) throws Exception {
        HardwareConfig hw = HardwareConfigLoader.load(Path.of(a[0]));
        int mib = a.length > 1 ? Integer.parseInt(a[1]) : 8;
        long lines = (long) mib << 14;
        for (String kind : new String[] {"vpaddd", "imul"}) {
            int[] sizes = kind.equals("vpaddd") ? new int[] {0, 8, 16, 24, 32, 48, 64, 96, 128, 192}
                : new int[] {0, 4, 8, 16, 32, 64};
            for (int n : sizes) {
                StringBuilder s = new StringBuilder(".program probe\n.isa x86-64\n");
                s.append(".region data 0x100000000 ").append(lines * 64).append(" input\n");
                s.append("    mov rsi, 4294967296\n    mov rcx, ").append(lines).append("\n.Lline:\n");
                s.append("    vmovdqu ymm0, ymmword ptr [rsi]\n    vpaddd ymm1, ymm1, ymm0\n");
                for (int i = 0; i < n; i++) {
                    s.append(kind.equals("vpaddd") ? "    vpaddd ymm" + (2 + i % 8) + ", ymm" + (2 + i % 8) + ", ymm15\n"
                        : "    imul rax, rax, 3\n");
                }
                s.append("    add rsi, 64\n    dec rcx\n    jne .Lline\n");
                Program p = AsmText.parse(s.toString());
                Memory memory = new Memory(p.regions());
                OutOfOrderCore core = new OutOfOrderCore(p, UarchLoader.load(hw.core().uarch()), MachineBuilder.memory(hw));
                GemvSimulation.execute(p, X86Semantics.table(), memory, core);
                double ns = core.stats().cycles() / hw.core().freqHz() * 1e9 / lines;
                System.out.printf("%-8s %3d: %7.2f ns per line, %6.2f GB/s%n", kind, n, ns, 64 / ns);
            }
        }
    }
}
