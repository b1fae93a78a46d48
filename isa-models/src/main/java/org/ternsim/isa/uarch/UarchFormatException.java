// Thrown when a microarchitecture data file is malformed; names file, line, field path and what was expected.
package org.ternsim.isa.uarch;

/**
 * A microarchitecture data file is malformed. The message reads
 * {@code zen5.yaml:42: forms."vpaddd ymm, ymm, ymm".usage: expected ..., got ...}; the parts are also
 * available separately for tools that report them their own way. Unchecked: callers (the CLI) turn it into
 * exit code 2 without a stack trace.
 */
public final class UarchFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String path;

    /**
     * @param file    file name or resource path
     * @param line    1-based line, or 0 when unknown
     * @param path    field path such as {@code core.rob_size}; empty for the whole file
     * @param message what was expected and what was found
     */
    public UarchFormatException(String file, int line, String path, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message);
        this.file = file;
        this.line = line;
        this.path = path;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String path() {
        return path;
    }
}
