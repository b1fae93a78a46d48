package org.ternsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingDirectoryTest {

    @TempDir
    Path parent;

    private static final StagingDirectory.Fill FULL_DISK = staging -> {
        Files.writeString(staging.resolve("a.txt"), "new");
        throw new IOException("No space left on device");
    };

    @Test
    void aFailedFillLeavesNoOutputAndNoStagingDirectory() throws IOException {
        Path dir = parent.resolve("out");
        assertThrows(IOException.class, () -> StagingDirectory.write(dir, FULL_DISK));
        assertFalse(Files.exists(dir));
        assertEquals(List.of(), entries(parent));
    }

    @Test
    void aFailedFillLeavesAnExistingDirectoryAsItWas() throws IOException {
        Path dir = Files.createDirectory(parent.resolve("out"));
        Files.writeString(dir.resolve("a.txt"), "old");
        assertThrows(IOException.class, () -> StagingDirectory.write(dir, FULL_DISK));
        assertEquals("old", Files.readString(dir.resolve("a.txt")));
        assertEquals(List.of(dir), entries(parent));
    }

    @Test
    void aDirectoryInTheWayStopsTheWriteBeforeAnyFileIsReplaced() throws IOException {
        Path dir = Files.createDirectory(parent.resolve("out"));
        Files.writeString(dir.resolve("a.txt"), "old");
        Files.createDirectory(dir.resolve("b.txt"));
        IOException e = assertThrows(IOException.class, () -> StagingDirectory.write(dir, staging -> {
            Files.writeString(staging.resolve("a.txt"), "new");
            Files.writeString(staging.resolve("b.txt"), "new");
        }));
        assertEquals(dir.resolve("b.txt") + " is a directory", e.getMessage());
        assertEquals("old", Files.readString(dir.resolve("a.txt")));
        assertEquals(List.of(dir), entries(parent));
    }

    @Test
    void aFileWhereTheDirectoryGoesIsAnErrorBeforeAnythingIsWritten() throws IOException {
        Path dir = Files.writeString(parent.resolve("out"), "a file");
        boolean[] filled = {false};
        IOException e = assertThrows(IOException.class, () -> StagingDirectory.write(dir, staging -> filled[0] = true));
        assertEquals(dir + " is a file, not a directory", e.getMessage());
        assertFalse(filled[0]);
        assertEquals(List.of(dir), entries(parent));
    }

    @Test
    void filesOfTheSameNameAreReplacedAndOthersKept() throws IOException {
        Path dir = Files.createDirectory(parent.resolve("out"));
        Files.writeString(dir.resolve("a.txt"), "old");
        Files.writeString(dir.resolve("notes.txt"), "kept");
        StagingDirectory.write(dir, staging -> Files.writeString(staging.resolve("a.txt"), "new"));
        assertEquals("new", Files.readString(dir.resolve("a.txt")));
        assertEquals("kept", Files.readString(dir.resolve("notes.txt")));
        assertEquals(List.of(dir), entries(parent));
    }

    @Test
    void theOutputIsAsReadableAsADirectoryTheUserMade() throws IOException {
        Path made = Files.createDirectory(parent.resolve("made"));
        Path dir = parent.resolve("written");
        StagingDirectory.write(dir, staging -> Files.writeString(staging.resolve("a.txt"), "new"));
        if (Files.getFileStore(parent).supportsFileAttributeView("posix")) {
            assertEquals(Files.getPosixFilePermissions(made), Files.getPosixFilePermissions(dir));
        }
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
