package org.ternsim.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReplacesAFileAndCreatesItsDirectory() throws IOException {
        Path file = dir.resolve("sub/a.csv");
        AtomicFiles.write(file, "one");
        AtomicFiles.write(file, "two");
        assertEquals("two", Files.readString(file));
        assertEquals(List.of(file), entries(file.getParent()));
    }

    @Test
    void aFailedRenameLeavesNoTemporaryFile() throws IOException {
        Path taken = Files.createDirectory(dir.resolve("a.csv"));
        Files.writeString(taken.resolve("inside"), "x"); // a non-empty directory cannot be replaced by a file
        assertThrows(IOException.class, () -> AtomicFiles.write(taken, "text"));
        assertEquals(List.of(taken), entries(dir));
    }

    private static List<Path> entries(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}
