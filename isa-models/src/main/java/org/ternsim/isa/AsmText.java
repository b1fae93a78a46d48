// The readable assembly text form of a program (Intel syntax), printed and parsed, so kernels can be read, diffed and edited.
package org.ternsim.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

public final class AsmText {

    private AsmText() {
    }

    public static String print(Program p) {
        StringBuilder sb = new StringBuilder();
        sb.append(".program ").append(p.name()).append('\n');
        sb.append(".isa ").append(p.isa()).append('\n');
        for (Region r : p.regions()) {
            sb.append(".region ").append(r.name()).append(" 0x").append(Long.toHexString(r.base()))
                .append(' ').append(r.bytes()).append(' ').append(r.role().name().toLowerCase(Locale.ROOT)).append('\n');
        }
        Map<Integer, List<String>> labelsAt = new TreeMap<>();
        p.labels().forEach((name, pc) -> labelsAt.computeIfAbsent(pc, k -> new ArrayList<>()).add(name));
        labelsAt.values().forEach(l -> l.sort(String::compareTo));
        for (int pc = 0; pc <= p.code().size(); pc++) {
            for (String l : labelsAt.getOrDefault(pc, List.of())) {
                sb.append(l).append(":\n");
            }
            if (pc < p.code().size()) {
                sb.append("    ").append(p.code().get(pc)).append('\n');
            }
        }
        return sb.toString();
    }

    /** Parses the text form; errors name the line. */
    public static Program parse(String text) {
        String name = "unnamed";
        String isa = "x86-64";
        List<Region> regions = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        List<Object[]> body = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            int lineNo = i + 1;
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
                    regions.add(new Region(f[0], parseNumber(f[1]), (int) parseNumber(f[2]),
                        Region.Role.valueOf(f[3].toUpperCase(Locale.ROOT))));
                } else if (line.endsWith(":")) {
                    body.add(new Object[] {line.substring(0, line.length() - 1), lineNo});
                } else {
                    body.add(new Object[] {parseInstruction(line), lineNo});
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage() + ": " + lines[i].trim(), e);
            }
        }
        Program.Builder b = new Program.Builder(name, isa);
        regions.forEach(b::region);
        java.util.Set<String> defined = new java.util.HashSet<>();
        for (Object[] item : body) {
            if (item[0] instanceof String label) {
                defined.add(label);
            }
        }
        for (Object[] item : body) {
            try {
                if (item[0] instanceof String label) {
                    b.label(label);
                } else {
                    Instruction in = (Instruction) item[0];
                    for (Operand o : in.operands()) {
                        if (o instanceof Operand.Label l && !defined.contains(l.name())) {
                            throw new IllegalArgumentException("undefined label " + l.name());
                        }
                    }
                    b.emit(in);
                }
            } catch (RuntimeException e) {
                int lineNo = (Integer) item[1];
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage() + ": " + lines[lineNo - 1].trim(), e);
            }
        }
        return b.build();
    }

    private static String stripComment(String line) {
        int c = line.indexOf(';');
        return c < 0 ? line : line.substring(0, c);
    }

    static Instruction parseInstruction(String line) {
        int sp = 0;
        while (sp < line.length() && !Character.isWhitespace(line.charAt(sp))) {
            sp++;
        }
        sp = sp == line.length() ? -1 : sp;
        String mnemonic = (sp < 0 ? line : line.substring(0, sp)).toLowerCase(Locale.ROOT);
        List<Operand> ops = new ArrayList<>();
        if (sp >= 0) {
            for (String part : splitOperands(line.substring(sp + 1))) {
                ops.add(parseOperand(part.trim()));
            }
        }
        return new Instruction(mnemonic, ops);
    }

    private static List<String> splitOperands(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static Operand parseOperand(String s) {
        Reg r = Reg.parse(s);
        if (r != null) {
            return r;
        }
        int brace = s.indexOf('{');
        if (brace > 0 && s.indexOf('[') < 0) {
            return parseMasked(s, brace);
        }
        int bracket = s.indexOf('[');
        if (bracket >= 0) {
            return parseMemory(s, bracket);
        }
        char c = s.charAt(0);
        if (Character.isDigit(c) || c == '-') {
            return new Operand.Imm(parseNumber(s));
        }
        if (!s.matches("[.A-Za-z_][.A-Za-z_0-9]*")) {
            throw new IllegalArgumentException("cannot read operand '" + s + "'");
        }
        return new Operand.Label(s);
    }

    /** {@code zmm1{k1}} or {@code zmm1{k1}{z}}. */
    private static Operand.Masked parseMasked(String s, int brace) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\s*(k[0-7])\\s*}(\\s*\\{\\s*z\\s*})?")
            .matcher(s.substring(brace).toLowerCase(Locale.ROOT));
        Reg reg = Reg.parse(s.substring(0, brace).trim());
        if (reg == null || !m.matches()) {
            throw new IllegalArgumentException("cannot read masked operand '" + s + "' (expected e.g. zmm1{k1} or zmm1{k1}{z})");
        }
        return new Operand.Masked(reg, Reg.parse(m.group(1)), m.group(2) != null);
    }

    private static Operand.Mem parseMemory(String s, int bracket) {
        String[] size = s.substring(0, bracket).trim().toLowerCase(Locale.ROOT).split("\\s+");
        int bytes = switch (size[0]) {
            case "byte" -> 1;
            case "word" -> 2;
            case "dword" -> 4;
            case "qword" -> 8;
            case "xmmword" -> 16;
            case "ymmword" -> 32;
            case "zmmword" -> 64;
            default -> throw new IllegalArgumentException("memory operand needs a size such as 'ymmword ptr [...]'");
        };
        String inner = s.substring(bracket + 1, s.lastIndexOf(']')).replace(" ", "").replace("-", "+-");
        Reg base = null;
        Reg index = null;
        int scale = 1;
        long disp = 0;
        for (String term : inner.split("\\+")) {
            if (term.isEmpty()) {
                continue;
            }
            int star = term.indexOf('*');
            if (star >= 0) {
                index = Reg.parse(term.substring(0, star));
                scale = Integer.parseInt(term.substring(star + 1));
                if (index == null) {
                    throw new IllegalArgumentException("bad index register in '" + term + "'");
                }
            } else if (Reg.parse(term) != null) {
                if (base == null) {
                    base = Reg.parse(term);
                } else {
                    index = Reg.parse(term);
                }
            } else {
                disp += parseNumber(term);
            }
        }
        return new Operand.Mem(base, index, scale, disp, bytes);
    }

    private static long parseNumber(String s) {
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        if (!digits.startsWith("0x")) {
            return Long.parseLong(s); // whole text, so that Long.MIN_VALUE (printed in decimal) reads back
        }
        long v = Long.parseUnsignedLong(digits.substring(2), 16);
        return negative ? -v : v;
    }
}
