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
        super(file + ": at byte " + offset + ": " + problem.replace('\n', ' '));
        this.file = file;
        this.offset = offset;
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
