// The AArch64 assembly text form of a program (LLVM/GNU syntax), printed and parsed, so Arm kernels can be read and edited.
package org.ternsim.isa.arm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;

/**
 * Instruction lines are what llvm-mc accepts ({@code ld1 {v0.16b, v1.16b}, [x0], #32}, {@code b.ne .Lloop});
 * the header directives {@code .program}, {@code .isa} and {@code .region} are TernSim's, as in the x86 text form.
 * The width of a memory reference is not written: it is the width of the transferred registers.
 */
public final class ArmAsmText {

    /** Mnemonics whose register list precedes the memory operand. */
    private static final Set<String> LIST_BEFORE_MEMORY = Set.of("ld1", "st1", "ld1r");
    /** Mnemonics whose operands 1..n-2 are a table register list. */
    private static final Set<String> TABLE_LIST = Set.of("tbl", "tbx");
    /** Move-wide: operands d, imm16, shift; the shift is written {@code lsl #s} and left out when 0. */
    private static final Set<String> MOVE_WIDE = Set.of("movz", "movk");

    private ArmAsmText() {
    }

    public static String print(Program p) {
        StringBuilder sb = new StringBuilder();
        sb.append(".program ").append(p.name()).append('\n');
        sb.append(".isa ").append(p.isa()).append('\n');
        for (Region r : p.regions()) {
            sb.append(".region ").append(r.name()).append(" 0x").append(Long.toHexString(r.base())).append(' ')
                .append(r.bytes()).append(' ').append(r.role().name().toLowerCase(Locale.ROOT)).append('\n');
        }
        Map<Integer, List<String>> labelsAt = new TreeMap<>();
        p.labels().forEach((name, pc) -> labelsAt.computeIfAbsent(pc, k -> new ArrayList<>()).add(name));
        labelsAt.values().forEach(l -> l.sort(String::compareTo));
        for (int pc = 0; pc <= p.code().size(); pc++) {
            for (String l : labelsAt.getOrDefault(pc, List.of())) {
                sb.append(l).append(":\n");
            }
            if (pc < p.code().size()) {
                sb.append("    ").append(print(p.code().get(pc))).append('\n');
            }
        }
        return sb.toString();
    }

    public static String print(Instruction in) {
        List<Operand> ops = in.operands();
        if (ops.isEmpty()) {
            return in.mnemonic();
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        if (LIST_BEFORE_MEMORY.contains(in.mnemonic())) {
            List<String> list = new ArrayList<>();
            while (i < ops.size() && !(ops.get(i) instanceof Operand.Mem)) {
                list.add(operand(ops.get(i++)));
            }
            parts.add("{" + String.join(", ", list) + "}");
        } else if (TABLE_LIST.contains(in.mnemonic())) {
            parts.add(operand(ops.get(0)));
            List<String> list = new ArrayList<>();
            for (int t = 1; t < ops.size() - 1; t++) {
                list.add(operand(ops.get(t)));
            }
            parts.add("{" + String.join(", ", list) + "}");
            i = ops.size() - 1;
        }
        if (MOVE_WIDE.contains(in.mnemonic()) && ops.size() == 3 && ops.get(2) instanceof Operand.Imm shift) {
            parts.add(operand(ops.get(0)));
            parts.add(operand(ops.get(1)));
            if (shift.value() != 0) {
                parts.add("lsl #" + shift.value());
            }
            i = ops.size();
        }
        for (; i < ops.size(); i++) {
            parts.add(operand(ops.get(i)));
        }
        return in.mnemonic() + " " + String.join(", ", parts);
    }

    private static String operand(Operand o) {
        if (o instanceof Reg r) {
            return r.name();
        }
        if (o instanceof Operand.Imm imm) {
            return "#" + imm.value();
        }
        if (o instanceof Operand.Label l) {
            return l.name();
        }
        Operand.Mem m = (Operand.Mem) o;
        StringBuilder sb = new StringBuilder("[").append(m.base().name());
        if (m.index() != null) {
            sb.append(", ").append(m.index().name());
            if (m.scale() != 1) {
                sb.append(", lsl #").append(Integer.numberOfTrailingZeros(m.scale()));
            }
        } else if (m.disp() != 0) {
            sb.append(", #").append(m.disp());
        }
        return sb.append(']').toString();
    }

    /** Parses the text form; errors name the line and the expected form. */
    public static Program parse(String text) {
        String name = "unnamed";
        String isa = ArmSemantics.NEON;
        List<Region> regions = new ArrayList<>();
        List<Object[]> body = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith(".program ")) {
                    name = line.substring(9).trim();
                } else if (line.startsWith(".isa ")) {
                    isa = line.substring(5).trim();
                } else if (line.startsWith(".region ")) {
                    String[] f = line.substring(8).trim().split("\\s+");
                    if (f.length != 4) {
                        throw new IllegalArgumentException("expected '.region <name> <base> <bytes> <input|constant|output>'");
                    }
                    regions.add(new Region(f[0], number(f[1]), (int) number(f[2]),
                        Region.Role.valueOf(f[3].toUpperCase(Locale.ROOT))));
                } else if (line.endsWith(":")) {
                    body.add(new Object[] {line.substring(0, line.length() - 1).trim()});
                } else {
                    body.add(new Object[] {parseInstruction(line), i + 1});
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage() + ": " + lines[i].trim(), e);
            }
        }
        Set<String> defined = new HashSet<>();
        body.stream().filter(item -> item[0] instanceof String).forEach(item -> defined.add((String) item[0]));
        Program.Builder b = new Program.Builder(name, isa);
        regions.forEach(b::region);
        for (Object[] item : body) {
            if (item[0] instanceof String label) {
                b.label(label);
            } else {
                Instruction in = (Instruction) item[0];
                for (Operand o : in.operands()) {
                    if (o instanceof Operand.Label l && !defined.contains(l.name())) {
                        throw new IllegalArgumentException("line " + item[1] + ": undefined label " + l.name());
                    }
                }
                b.emit(in);
            }
        }
        return b.build();
    }

    private static String stripComment(String line) {
        int c = line.indexOf("//");
        return c < 0 ? line : line.substring(0, c);
    }

    /** One instruction line, e.g. {@code sdot v0.4s, v1.16b, v2.16b}. */
    public static Instruction parseInstruction(String line) {
        String t = line.trim();
        int sp = t.indexOf(' ');
        String mnemonic = (sp < 0 ? t : t.substring(0, sp)).toLowerCase(Locale.ROOT);
        List<Operand> ops = new ArrayList<>();
        int regBytes = 0;
        String memText = null;
        int memAt = -1;
        if (sp >= 0) {
            for (String part : split(t.substring(sp + 1))) {
                if (part.startsWith("{")) {
                    if (!part.endsWith("}")) {
                        throw new IllegalArgumentException("unclosed register list '" + part + "'");
                    }
                    for (String r : split(part.substring(1, part.length() - 1))) {
                        Reg reg = register(r);
                        regBytes += reg.cls().bytes();
                        ops.add(reg);
                    }
                } else if (part.startsWith("[")) {
                    memText = part;
                    memAt = ops.size();
                    ops.add(null);
                } else if (part.startsWith("#")) {
                    ops.add(new Operand.Imm(number(part.substring(1))));
                } else if (part.toLowerCase(Locale.ROOT).startsWith("lsl")) {
                    ops.add(new Operand.Imm(wideShift(mnemonic, part)));
                } else {
                    Reg reg = ArmRegs.parse(part);
                    if (reg != null) {
                        if (memAt < 0 && ops.isEmpty()) {
                            regBytes += reg.cls().bytes();
                        }
                        ops.add(reg);
                    } else if (part.matches("[A-Za-z_.$][A-Za-z0-9_.$]*")) {
                        ops.add(new Operand.Label(part));
                    } else {
                        throw new IllegalArgumentException("cannot read operand '" + part + "'");
                    }
                }
            }
        }
        if (MOVE_WIDE.contains(mnemonic) && ops.size() == 2) {
            ops.add(new Operand.Imm(0));
        }
        if (memText != null) {
            // Byte loads/stores move one byte whatever the register; ld1r reads one element of the lane size.
            int bytes = mnemonic.equals("ldrb") || mnemonic.equals("strb") ? 1
                : mnemonic.equals("ld1r") ? ArmLanes.laneBytes(ops.get(0)) : regBytes;
            ops.set(memAt, memory(memText, bytes));
        }
        return new Instruction(mnemonic, ops);
    }

    /** The {@code lsl #s} of a move-wide; other shifted immediates are written as their value ({@code add #4096}). */
    private static long wideShift(String mnemonic, String part) {
        String t = part.toLowerCase(Locale.ROOT).replace(" ", "");
        if (!MOVE_WIDE.contains(mnemonic) || !t.startsWith("lsl#")) {
            throw new IllegalArgumentException("a shifted immediate 'lsl #s' is read only after movz/movk (write"
                + " other immediates as their value, e.g. add x0, x0, #4096), got '" + part + "'");
        }
        return number(t.substring(4));
    }

    private static Reg register(String text) {
        Reg r = ArmRegs.parse(text);
        if (r == null) {
            throw new IllegalArgumentException("unknown register '" + text.trim()
                + "' (expected x0-x30, w0-w30, v0-v31.<16b|8b|8h|4h|4s|2s|2d>, q/d/s/h/b0-31)");
        }
        return r;
    }

    private static Operand.Mem memory(String text, int bytes) {
        if (!text.endsWith("]")) {
            throw new IllegalArgumentException("expected '[xN]', '[xN, #imm]' or '[xN, xM{, lsl #s}]', got '" + text + "'");
        }
        List<String> f = split(text.substring(1, text.length() - 1));
        Reg base = register(f.get(0));
        if (f.size() == 1) {
            return new Operand.Mem(base, null, 1, 0, bytes);
        }
        if (f.get(1).startsWith("#")) {
            return new Operand.Mem(base, null, 1, number(f.get(1).substring(1)), bytes);
        }
        Reg index = register(f.get(1));
        int scale = 1;
        if (f.size() == 3) {
            String lsl = f.get(2).toLowerCase(Locale.ROOT).replace(" ", "");
            if (!lsl.startsWith("lsl#")) {
                throw new IllegalArgumentException("expected 'lsl #s' in '" + text + "'");
            }
            scale = 1 << number(lsl.substring(4));
        }
        return new Operand.Mem(base, index, scale, 0, bytes);
    }

    /** Splits at top-level commas (not inside {} or []). */
    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        String last = s.substring(start).trim();
        if (!last.isEmpty()) {
            out.add(last);
        }
        return out;
    }

    private static long number(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        boolean neg = t.startsWith("-");
        String u = neg ? t.substring(1) : t;
        long v = u.startsWith("0x") ? Long.parseUnsignedLong(u.substring(2), 16) : Long.parseLong(u);
        return neg ? -v : v;
    }
}
