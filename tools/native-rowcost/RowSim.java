// Runs gen.py's variant .s files on TernSim's core model (the hardware config's core table) and prints cycles per row.
// Usage: see model.sh (java source-file mode with the CLI jar on the class path).
import java.nio.file.*;
import java.util.*;
import org.ternsim.isa.*;
import org.ternsim.isa.uarch.*;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.sim.config.*;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.*;

public class RowSim {
    public static void main(String[] a) throws Exception {
        HardwareConfig hw = HardwareConfigLoader.load(Path.of(a[0]));
        Microarchitecture uarch = UarchLoader.load(hw.core().uarch());
        for (int i = 1; i < a.length; i++) {
            String[] nameFile = a[i].split("@", 2);
            StringBuilder s = new StringBuilder(".program v\n.isa x86-64\n");
            s.append(".region w 0x100000000 1048576 input\n.region x 0x200000000 65536 input\n");
            s.append(".region c 0x300000000 16 constant\n.region c2 0x300010000 64 constant\n.region y 0x400000000 4096 output\n");
            for (String line : Files.readAllLines(Path.of(nameFile[1]))) {
                String t = line.trim();
                if (t.isEmpty() || t.startsWith(".intel") || t.startsWith(".text") || t.startsWith(".globl") || t.startsWith(".section")
                    || t.startsWith("push") || t.startsWith("pop") || t.equals("ret") || t.equals("vzeroupper") || t.matches("[A-Za-z_]\\w*:")) continue;
                s.append("    ").append(t.replace(".L", "L").replaceAll("^lea (r\\w+), \\[", "lea $1, qword ptr [")).append('\n');
            }
            Program p = AsmText.parse(s.toString());
            long best = run(p, hw, uarch, 1), best2 = run(p, hw, uarch, 2);
            System.out.printf("%-24s %7.1f /row%n", nameFile[0], (best2 - best) / 32.0);
        }
    }
    /** Cycles of `reps` back-to-back copies of the program; the difference of 2 and 1 removes the warm-up. */
    static long run(Program p0, HardwareConfig hw, Microarchitecture uarch, int reps) {
        String text = AsmText.print(p0);
        // repeat the body reps times: the prologue is cheap, so just concatenate the whole program
        String body = text.substring(text.indexOf('\n', text.lastIndexOf(".region")) + 1);
        StringBuilder all = new StringBuilder(text.substring(0, text.indexOf('\n', text.lastIndexOf(".region")) + 1));
        for (int r = 0; r < reps; r++) all.append(body.replaceAll("(L\\w+)", "$1_" + r));
        Program p = AsmText.parse(all.toString());
        MemoryHierarchy h = MachineBuilder.memory(hw);
        for (Region r : p.regions()) h.warm(r.base(), r.bytes());
        OutOfOrderCore core = new OutOfOrderCore(p, uarch, h);
        Memory m = new Memory(p.regions());
        GemvSimulation.execute(p, X86Semantics.table(), m, core);
        return core.stats().cycles();
    }
}
