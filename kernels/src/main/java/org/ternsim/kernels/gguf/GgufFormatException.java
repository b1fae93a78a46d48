// The one error a malformed GGUF file produces: file, byte offset and what was expected, on one line.
package org.ternsim.kernels.gguf;

/**
 * A GGUF file that does not follow the format. Unchecked so that callers which trust their inputs need not declare
 * it; the command line maps it to exit code 2. The message is one line: {@code <file>: at byte <offset>: <problem>}.
 */
public final class GgufFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;

    public GgufFormatException(String file, long offset, String problem) {
        super(file + ": at byte " + offset + ": " + shown(problem));
        this.file = file;
        this.offset = offset;
    }

    /** Longest quoted name shown whole; a damaged length field can make a name thousands of bytes of garbage. */
    private static final int MAX_QUOTED = 60;
    private static final java.util.regex.Pattern LONG_QUOTED =
        java.util.regex.Pattern.compile("'([^']{" + (MAX_QUOTED + 1) + ",})'");

    /** The problem on one printable line: control characters as '?', long quoted names cut, with their length. */
    static String shown(String problem) {
        StringBuilder printable = new StringBuilder(problem.length());
        problem.codePoints().forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        java.util.regex.Matcher m = LONG_QUOTED.matcher(printable);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("'" + name.substring(0, MAX_QUOTED)
                + "...' (" + name.length() + " characters)"));
        }
        return m.appendTail(out).toString();
    }

    /** The file name as it was given to the reader. */
    public String file() {
        return file;
    }

    /** Byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }
}
