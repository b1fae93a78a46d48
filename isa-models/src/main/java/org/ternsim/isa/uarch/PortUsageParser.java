// Parses the compact port-usage notation of the microarchitecture data files ("1*{FP0,FP1}+1*FP2").
package org.ternsim.isa.uarch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads port usage written as terms joined by {@code +}; each term is {@code N*{P,Q,...}} (N uops, each may
 * go to any listed port) or {@code N*P}. Whitespace is ignored. The word {@code none} means the form uses no
 * execution port (e.g. a register move eliminated at rename). This mirrors uiCA's {@code 1*p05+1*p23}
 * strings, with port names instead of digits because AMD and Arm pipes have multi-letter names.
 *
 * <p>Errors are {@link IllegalArgumentException}s that say at which character the text went wrong; the loader
 * wraps them with file, line and field path.
 */
public final class PortUsageParser {
    /** What a valid usage looks like; quoted in error messages. */
    public static final String EXPECTED = "port usage like '1*{FP0,FP1}+1*FP2' (terms N*PORT or N*{P,Q,...} "
            + "joined by '+', or 'none')";

    private final String text;
    private int pos;

    private PortUsageParser(String text) {
        this.text = text;
    }

    /** Parses {@code text}; returns an empty list for {@code none}. */
    public static List<PortUse> parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("usage is missing");
        }
        if (text.strip().equals("none")) {
            return List.of();
        }
        return new PortUsageParser(text).terms();
    }

    /** Writes usage back in the same notation ({@code none} when empty). */
    public static String format(List<PortUse> usage) {
        if (usage.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (PortUse u : usage) {
            if (sb.length() > 0) {
                sb.append('+');
            }
            sb.append(u);
        }
        return sb.toString();
    }

    private List<PortUse> terms() {
        List<PortUse> out = new ArrayList<>();
        do {
            out.add(term());
        } while (accept('+'));
        skipSpace();
        if (pos != text.length()) {
            throw error("unexpected '" + text.charAt(pos) + "'");
        }
        return out;
    }

    private PortUse term() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a uop count (a number) before '*'");
        }
        int count;
        try {
            count = Integer.parseInt(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("uop count too large");
        }
        if (count < 1) {
            throw error("uop count must be >= 1");
        }
        if (!accept('*')) {
            throw error("expected '*' after the uop count");
        }
        List<String> ports = new ArrayList<>();
        if (accept('{')) {
            Set<String> seen = new LinkedHashSet<>();
            do {
                String p = portName();
                if (!seen.add(p)) {
                    throw error("port " + p + " listed twice in one term");
                }
                ports.add(p);
            } while (accept(','));
            if (!accept('}')) {
                throw error("expected ',' or '}' in the port set");
            }
        } else {
            ports.add(portName());
        }
        return new PortUse(count, ports);
    }

    private String portName() {
        skipSpace();
        int start = pos;
        if (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
            while (pos < text.length()
                    && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
        }
        if (start == pos) {
            throw error("expected a port name (letter, then letters, digits or '_')");
        }
        return text.substring(start, pos);
    }

    private boolean accept(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at column " + (pos + 1) + " of '" + text + "'");
    }
}
