// Every NEON lowering's program is real AArch64: no immediate or offset that no A64 encoding holds (issue 4).
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.arm.ArmAsmText;
import org.ternsim.isa.arm.ArmEncoding;
import org.ternsim.isa.arm.ArmRegs;
import org.ternsim.isa.arm.ArmSemantics;

class NeonEncodableTest {

    /** The 2B4T projections, the LM head, and awkward shapes (each lowering skips those it rejects). */
    static final int[][] SHAPES = {{2560, 2560}, {640, 2560}, {6912, 2560}, {2560, 6912}, {128256, 2560},
        {96, 1000}, {17, 33}};
    static final String LLVM_MC = "llvm-mc-19";

    /** The programs of every NEON lowering x shape, named kernel_isa_MxK. */
    static List<Object[]> programs() {
        List<Object[]> out = new ArrayList<>();
        for (GemvLowering l : GemvLowerings.all()) {
            if (!l.isa().startsWith("neon")) {
                continue;
            }
            for (int[] s : SHAPES) {
                try {
                    l.checkShape(s[0], s[1]);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                out.add(new Object[] {l.kernel() + "_" + l.isa() + "_" + s[0] + "x" + s[1], l.lower(s[0], s[1])});
            }
        }
        return out;
    }

    @Test
    void everyNeonProgramEncodes() {
        List<String> problems = new ArrayList<>();
        List<Object[]> programs = programs();
        for (Object[] p : programs) {
            ArmEncoding.problems((Program) p[1]).forEach(why -> problems.add(p[0] + " pc " + why));
        }
        assertEquals(92, programs.size(),
            "lowerings x shapes (87 on 2026-12-03, + 5 tmac-w4); update when lowerings change");
        assertTrue(problems.isEmpty(), problems.size() + " lines no A64 encoding holds:\n"
            + problems.stream().limit(40).collect(Collectors.joining("\n")));
    }

    /** A64Imm.mov and A64Imm.add compute the value they are asked for, with encodable instructions only. */
    @Test
    void constantsAndAddsBuildTheirValueEncodably() {
        Random r = new Random(4);
        List<Long> values = new ArrayList<>(List.of(0L, 1L, 4095L, 4096L, 16000L, 128256L, 0x3_0001_0000L,
            0x1_0438_0000L, -1L, -4097L, 0xFFFF_FFFFL, 0x1234_5678_9ABC_DEF0L, Long.MIN_VALUE, 1L << 24, (1L << 24) - 1));
        for (int i = 0; i < 2000; i++) {
            values.add(i % 3 == 0 ? r.nextLong() : i % 3 == 1 ? r.nextInt(1 << 26) : 0x1_0000_0000L + r.nextInt(1 << 28));
        }
        Reg d = ArmRegs.x(5);
        Reg n = ArmRegs.x(6);
        for (long v : values) {
            Program.Builder b = new Program.Builder("t", ArmSemantics.NEON);
            A64Imm.mov(b, d, v);
            assertEquals(v, run(b.build(), 0L)[5], "mov " + v);
            Program.Builder a = new Program.Builder("t", ArmSemantics.NEON);
            A64Imm.add(a, d, n, v);
            assertEquals(0x2_0000_0000L + v, run(a.build(), 0x2_0000_0000L)[5], "add " + v);
        }
        Program.Builder w = new Program.Builder("t", ArmSemantics.NEON);
        A64Imm.mov(w, ArmRegs.w(5), 0x1234_5678L);
        assertEquals(0x1234_5678L, run(w.build(), 0L)[5]);
        Program.Builder loop = new Program.Builder("t", ArmSemantics.NEON);
        assertEquals(ArmRegs.x(17), A64Imm.addend(loop, 16000, ArmRegs.x(17)));
        assertEquals(1, loop.build().code().size(), "16000 fits one mov (MOVZ), loaded once before the loop");
    }

    private static long[] run(Program p, long x6) {
        MachineState s = new MachineState(new Memory(List.of()));
        s.gpr[5] = 0x5A5A_5A5A_5A5A_5A5AL;
        s.gpr[6] = x6;
        for (Instruction in : p.code()) {
            assertEquals(null, ArmEncoding.problem(in), ArmAsmText.print(in));
            ArmSemantics.neon().lookup(in.mnemonic()).execute(in, s);
        }
        return s.gpr;
    }

    /** Past M = 21792 the sparse epilogue stores through plane base registers: still exact (it runs nowhere else). */
    @Test
    void sparsePlaneBaseRegistersAreExact() {
        for (boolean dotprod : new boolean[] {true, false}) {
            SparseNeonLowering l = new SparseNeonLowering(dotprod);
            assertTrue(ArmAsmText.print(l.lower(21888, 33)).contains("add x19, x2, x22"), "plane bases in use");
            assertTrue(GemvRun.allExact(l, l.semantics(), 21888, 33, 3), "dotprod=" + dotprod);
        }
    }

    /** Optional: the real assembler agrees (skipped where llvm-mc-19 is not on PATH, as in CI). */
    @Test
    void llvmMcAssemblesEveryNeonProgram(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(onPath(LLVM_MC), LLVM_MC + " not on PATH");
        List<String> failed = new ArrayList<>();
        for (Object[] p : programs()) {
            StringBuilder text = new StringBuilder();
            for (String line : ArmAsmText.print((Program) p[1]).split("\n")) {
                // .program, .isa and .region are TernSim's directives, not the assembler's.
                if (!line.startsWith(".program") && !line.startsWith(".isa") && !line.startsWith(".region")) {
                    text.append(line).append('\n');
                }
            }
            Path s = dir.resolve(p[0] + ".s");
            Files.writeString(s, text, StandardCharsets.UTF_8);
            Process mc = new ProcessBuilder(LLVM_MC, "-triple=aarch64", "-mattr=+neon,+dotprod,+fullfp16",
                "-filetype=obj", "-o", "/dev/null", s.toString()).redirectErrorStream(true).start();
            String out = new String(mc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!mc.waitFor(60, TimeUnit.SECONDS) || mc.exitValue() != 0) {
                failed.add(p[0] + ": " + out.lines().limit(4).collect(Collectors.joining(" | ")));
            }
        }
        assertTrue(failed.isEmpty(), failed.size() + " programs fail to assemble:\n" + String.join("\n", failed));
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
