// What every user error must look like: exit code 2, one line starting "ternsim: ", no stack trace, no exception name.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

final class UserErrors {

    private UserErrors() {
    }

    /** Asserts the outcome is one user-error line and returns it. */
    static String line(TernSimCliTest.Outcome o) {
        assertEquals(TernSim.USAGE, o.code(), o.out() + o.err());
        assertEquals(1, o.err().strip().lines().count(), "one line expected: " + o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat ") || o.err().contains("internal error"),
            o.err());
        String line = o.err().strip();
        assertTrue(line.startsWith("ternsim: "), line);
        return line;
    }

    /** Asserts the line mentions every part. */
    static String line(TernSimCliTest.Outcome o, String... parts) {
        String line = line(o);
        for (String p : parts) {
            assertTrue(line.contains(p), "'" + p + "' missing from: " + line);
        }
        return line;
    }

    /** Asserts {@code dir} does not exist or is empty: a failed command left nothing behind. */
    static void nothingIn(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(java.util.List.of(), s.toList(), dir + " should be empty");
            }
        }
    }
}
