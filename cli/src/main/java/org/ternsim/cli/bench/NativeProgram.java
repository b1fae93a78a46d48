// Runs a lowered x86 kernel program natively on this host: assembled from its text, regions mapped at their addresses, timed.
package org.ternsim.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ternsim.isa.AsmText;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;
import org.ternsim.isa.lower.GemvLowering;
import org.ternsim.isa.lower.GemvOperands;

/**
 * The simulator's programs use fixed region addresses and only caller-saved registers, so the printed Intel-syntax
 * text assembles as is into one function; a small C harness (resource {@code native-harness.c}) maps each region at
 * its address, fills it with the operands' bytes and calls the function. With N threads, N processes each run the
 * program for their contiguous chunk of rows (as the simulator's multi-core split does), released together by a
 * shared-memory barrier before every timed call; a call's time runs from the first start to the last end.
 *
 * <p>The first call's outputs are read back and compared bit for bit with the functional engine, so this also checks
 * the ISA semantics against real silicon. Needs Linux on x86-64, a C compiler ({@code cc}) and the ISA's CPU flags.
 */
public final class NativeProgram {

    /**
     * One measured point: per-call times (ns), the core clock probed right after them (GHz, the slowest process's),
     * and whether every process's outputs matched the engine.
     */
    public record Result(double[] callNs, double clockGHz, int mismatches, int outputs, String reference) {

        /** The median call in core cycles at the probed clock. */
        public double medianCycles() {
            return medianNs() * clockGHz;
        }

        public double medianNs() {
            double[] s = callNs.clone();
            Arrays.sort(s);
            return s[s.length / 2];
        }

        /** The fastest call: on a busy machine the least disturbed one. */
        public double bestNs() {
            return Arrays.stream(callNs).min().orElse(Double.NaN);
        }

        /** (max - min) / median of the calls: the spread of the repetitions. */
        public double spread() {
            double[] s = callNs.clone();
            Arrays.sort(s);
            return (s[s.length - 1] - s[0]) / medianNs();
        }
    }

    private NativeProgram() {
    }

    /** Why this host cannot run {@code isa} programs natively, or null if it can. */
    public static String unavailableReason(String isa) {
        if (requiredFlags(isa) == null) {
            return "--isa " + isa + ": native runs take x86 programs (avx2, avx512)";
        }
        String arch = System.getProperty("os.arch", "");
        if (!System.getProperty("os.name", "").startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "native runs need Linux on x86-64 (this is " + System.getProperty("os.name") + " " + arch + ")";
        }
        if (compiler() == null) {
            return "native runs need a C compiler: none of cc, gcc, clang is on PATH";
        }
        Set<String> flags = cpuFlags();
        for (String f : requiredFlags(isa)) {
            if (!flags.contains(f)) {
                return "this host's CPU lacks " + f + ", which " + isa + " programs use";
            }
        }
        return null;
    }

    private static List<String> requiredFlags(String isa) {
        return switch (isa) {
            case "avx2" -> List.of("avx2", "fma", "f16c", "bmi2");
            case "avx512" -> List.of("avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni",
                "avx512vbmi");
            default -> null;
        };
    }

    private static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            // no cpuinfo: report every flag as missing
        }
        return Set.of();
    }

    private static String compiler() {
        for (String cc : List.of("cc", "gcc", "clang")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, cc))) {
                    return cc;
                }
            }
        }
        return null;
    }

    /**
     * Runs {@code lowering}'s program for rows x cols on {@code threads} processes, {@code reps} timed calls after
     * one checked call and one warm-up call. {@code work} is a scratch directory (deleted by the caller).
     */
    public static Result run(GemvLowering lowering, int rows, int cols, int threads, int reps, long seed, Path work)
            throws IOException, InterruptedException {
        int grain = org.ternsim.sim.multicore.MultiCoreGemv.granularity(lowering, rows, cols);
        int chunk = (((rows + threads - 1) / threads) + grain - 1) / grain * grain;
        List<Integer> chunks = new ArrayList<>();
        for (int first = 0; first < rows; first += chunk) {
            chunks.add(Math.min(chunk, rows - first));
        }
        Path exe = build(lowering, chunks, cols, work);
        List<Path> dirs = new ArrayList<>();
        List<GemvOperands> data = new ArrayList<>();
        List<Program> programs = new ArrayList<>();
        for (int k = 0; k < chunks.size(); k++) {
            Program p = lowering.lower(chunks.get(k), cols);
            GemvOperands ops = lowering.random(chunks.get(k), cols, seed + k);
            Path dir = Files.createDirectories(work.resolve("proc" + k));
            writeRegions(p, ops, dir);
            dirs.add(dir);
            data.add(ops);
            programs.add(p);
        }
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), Integer.toString(reps)));
        dirs.forEach(d -> cmd.add(d.toString()));
        exec(cmd, work, "the native run");

        int mismatches = 0;
        int outputs = 0;
        String reference = "";
        for (int k = 0; k < dirs.size(); k++) {
            Memory m = new Memory(programs.get(k).regions());
            for (Region r : programs.get(k).regions()) {
                if (r.role() == Region.Role.OUTPUT) {
                    byte[] out = Files.readAllBytes(dirs.get(k).resolve("out-" + Long.toHexString(r.base()) + ".bin"));
                    m.write(r.base(), out, 0, out.length);
                }
            }
            GemvOperands ops = data.get(k);
            float[] expected = ops.vector() != null ? ops.vector() : ops.scalar();
            reference = ops.vector() != null ? ops.vectorName() : "scalar reference";
            float[] actual = ops.readOutput(m);
            for (int i = 0; i < expected.length; i++) {
                if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                    mismatches++;
                }
            }
            outputs += expected.length;
        }
        double clock = Double.MAX_VALUE;
        for (Path d : dirs) {
            clock = Math.min(clock, Double.parseDouble(Files.readString(d.resolve("clock.txt")).trim()));
        }
        return new Result(callTimes(dirs, reps), clock, mismatches, outputs, reference);
    }

    private static double[] callTimes(List<Path> dirs, int reps) throws IOException {
        long[] first = new long[reps];
        long[] last = new long[reps];
        Arrays.fill(first, Long.MAX_VALUE);
        Arrays.fill(last, Long.MIN_VALUE);
        for (Path d : dirs) {
            List<String> lines = Files.readAllLines(d.resolve("times.txt"));
            for (int k = 0; k < reps; k++) {
                String[] f = lines.get(k).trim().split(" ");
                first[k] = Math.min(first[k], Long.parseLong(f[0]));
                last[k] = Math.max(last[k], Long.parseLong(f[1]));
            }
        }
        double[] ns = new double[reps];
        for (int k = 0; k < reps; k++) {
            ns[k] = last[k] - first[k];
        }
        return ns;
    }

    /** One executable serves every process, so the chunks must share one shape (the program text holds it). */
    private static Path build(GemvLowering lowering, List<Integer> chunks, int cols, Path work)
            throws IOException, InterruptedException {
        if (chunks.stream().distinct().count() > 1) {
            throw new IllegalArgumentException(chunks.size() + " threads would get unequal row counts " + chunks
                + "; choose rows that split evenly");
        }
        Program p = lowering.lower(chunks.get(0), cols);
        Path asm = work.resolve("kernel.s");
        Files.writeString(asm, assembly(p));
        Path harness = work.resolve("harness.c");
        try (InputStream in = NativeProgram.class.getResourceAsStream("native-harness.c")) {
            Files.write(harness, in.readAllBytes());
        }
        Path exe = work.resolve("harness");
        exec(List.of(compiler(), "-O2", "-o", exe.toString(), harness.toString(), asm.toString()), work,
            "compiling the harness");
        return exe;
    }

    /** The program as a GNU assembler function: Intel syntax, the program's lines between a prologue and a ret. */
    static String assembly(Program p) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(p.name()).append(": TernSim program text, assembled as tk_kernel\n");
        s.append(".intel_syntax noprefix\n.text\n.globl tk_kernel\n.type tk_kernel, @function\ntk_kernel:\n");
        s.append("    push rbx\n    push rbp\n    push r12\n    push r13\n    push r14\n    push r15\n");
        for (String line : AsmText.print(p).split("\n")) {
            if (line.startsWith(".program") || line.startsWith(".isa") || line.startsWith(".region")) {
                continue; // TernSim directives, not the assembler's
            }
            s.append(line).append('\n');
        }
        s.append("    vzeroupper\n    pop r15\n    pop r14\n    pop r13\n    pop r12\n    pop rbp\n    pop rbx\n    ret\n");
        s.append(".size tk_kernel, .-tk_kernel\n.section .note.GNU-stack,\"\",@progbits\n");
        return s.toString();
    }

    private static void writeRegions(Program p, GemvOperands ops, Path dir) throws IOException {
        Memory m = new Memory(p.regions());
        ops.bind(m);
        StringBuilder list = new StringBuilder();
        for (Region r : p.regions()) {
            boolean out = r.role() == Region.Role.OUTPUT;
            String file = out ? "-" : r.name() + ".bin";
            if (!out) {
                Files.write(dir.resolve(file), m.bytes(r.name()));
            }
            list.append(String.format(Locale.ROOT, "%x %d %s %d%n", r.base(), r.bytes(), file, out ? 1 : 0));
        }
        Files.writeString(dir.resolve("regions.txt"), list.toString());
    }

    private static void exec(List<String> cmd, Path work, String what) throws IOException, InterruptedException {
        Path log = work.resolve("log.txt");
        Process proc = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        if (!proc.waitFor(10, TimeUnit.MINUTES)) {
            proc.destroyForcibly();
            throw new IOException(what + " did not finish within 10 minutes");
        }
        if (proc.exitValue() != 0) {
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            // The assembler's first "Error:" line names the instruction; otherwise the first line of the log.
            String first = text.lines().filter(l -> l.contains("Error:")).findFirst()
                .orElse(text.isEmpty() ? "exit code " + proc.exitValue() : text.lines().findFirst().orElse(""));
            throw new IOException(what + " failed: " + first);
        }
    }
}
