// An input file named on the command line: missing and directory are told apart, so the message says which.
package org.ternsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;

final class InputFile {

    private InputFile() {
    }

    /** Returns {@code file} if it is a regular file, else throws "<file>: <what> not found" or "...: is a directory". */
    static Path require(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new UserError(file + ": is a directory; expected a " + what + " file");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": " + what + " not found");
        }
        return file;
    }
}
