// The "vec" loop of tools/native/row-chain.py on the core model: cycles per row when each row ends in a chain of k
// dependent vpmaddwd (3 cycles each on Zen 4), so that the model's hiding of an end-of-row chain can be set beside
// the host's.
//
// Run from the repository root after `mvn -B -q -o install -DskipTests`:
//   java --add-modules jdk.incubator.vector -cp simulator/target/test-classes:cli/target/ternsim.jar \
//     org.ternsim.sim.bench.RowChainProbeMain [configs/hw/zen4-2c.yaml]
package org.ternsim.sim.bench;

import java.nio.file.Path;
import org.ternsim.isa.AsmText;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;
import org.ternsim.isa.uarch.UarchLoader;
import org.ternsim.isa.x86.X86Semantics;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.core.OutOfOrderCore;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.run.GemvSimulation;
import org.ternsim.sim.run.MachineBuilder;

public final class RowChainProbeMain {

    private static final int ROWS = 512;

    private RowChainProbeMain() {
    }

    public static void main(String[] args) {
        HardwareConfig hw = HardwareConfigLoader.load(Path.of(args.length > 0 ? args[0] : "configs/hw/zen4-2c.yaml"));
        double plain = 0;
        for (int k : new int[] {0, 2, 4, 8, 12, 16, 24, 32}) {
            Program p = AsmText.parse(program(k));
            MemoryHierarchy memory = MachineBuilder.memory(hw);
            for (Region r : p.regions()) {
                memory.warm(r.base(), r.bytes());
            }
            OutOfOrderCore core = new OutOfOrderCore(p, UarchLoader.load(hw.core().uarch()), memory);
            GemvSimulation.execute(p, X86Semantics.table(), new Memory(p.regions()), core);
            double perRow = core.stats().cycles() / (double) ROWS;
            if (k == 0) {
                plain = perRow;
            }
            System.out.printf("%s k=%2d: %.1f cycles per row (+%.1f)%n", hw.name(), k, perRow, perRow - plain);
        }
    }

    /** Rows of a 20-iteration, 19-instruction loop, then k vpmaddwd on the row's sum and its store. */
    static String program(int k) {
        return ".program row-chain\n.isa x86-64\n.region buf 0x100000000 4096 input\n"
            + ".region consts 0x300000000 96 constant\n.region output 0x400000000 " + ROWS * 4 + " output\n"
            + "    mov r9, 12884901888\n    vmovdqu ymm15, ymmword ptr [r9]\n    vmovdqu ymm14, ymmword ptr [r9 + 32]\n"
            + "    vmovdqu ymm13, ymmword ptr [r9 + 64]\n    mov rdx, 17179869184\n    mov r8, " + ROWS + "\n.Lrow:\n"
            + "    vpxor ymm4, ymm4, ymm4\n    vpxor ymm5, ymm5, ymm5\n    mov rsi, 4294967296\n    mov rcx, 20\n.Lloop:\n"
            + "    vmovdqu ymm0, ymmword ptr [rsi]\n    vmovdqu ymm1, ymmword ptr [rsi + 32]\n"
            + "    vpand ymm2, ymm0, ymm15\n    vpand ymm3, ymm1, ymm15\n    vpsrlw ymm0, ymm0, 2\n    vpsrlw ymm1, ymm1, 2\n"
            + "    vpmaddubsw ymm2, ymm14, ymm2\n    vpmaddubsw ymm3, ymm14, ymm3\n    vpand ymm0, ymm0, ymm15\n"
            + "    vpand ymm1, ymm1, ymm15\n    vpmaddubsw ymm0, ymm14, ymm0\n    vpmaddubsw ymm1, ymm14, ymm1\n"
            + "    vpaddw ymm4, ymm4, ymm2\n    vpaddw ymm5, ymm5, ymm3\n    vpaddw ymm6, ymm6, ymm0\n"
            + "    vpaddw ymm7, ymm7, ymm1\n    add rsi, 64\n    dec rcx\n    jne .Lloop\n"
            + "    vpaddw ymm4, ymm4, ymm5\n" + "    vpmaddwd ymm4, ymm4, ymm13\n".repeat(k)
            + "    vmovss dword ptr [rdx], xmm4\n    add rdx, 4\n    dec r8\n    jne .Lrow\n";
    }
}
