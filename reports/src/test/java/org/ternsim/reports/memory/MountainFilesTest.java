package org.ternsim.reports.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountainFilesTest {

    @TempDir
    Path parent;

    @Test
    void writesTheCsvAndBothChartsAndNothingElse() throws IOException {
        List<MemoryMountain.Row> rows = List.of(
            new MemoryMountain.Row("simulated", "zen5-2c", 1, 16 << 10, 400.0, Double.NaN),
            new MemoryMountain.Row("simulated", "zen5-2c", 1, 64 << 20, 30.0, 80.0));
        Path dir = parent.resolve("zen5-2c-stream");
        assertEquals(dir.resolve("memory-mountain.png"), MountainFiles.write(dir, "title", rows));
        for (String name : MountainFiles.NAMES) {
            assertTrue(Files.size(dir.resolve(name)) > 0, name);
        }
        assertTrue(Files.readString(dir.resolve("memory-mountain.csv")).startsWith(MemoryMountain.HEADER));
        try (Stream<Path> s = Files.list(parent)) {
            assertEquals(List.of(dir), s.toList());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(MountainFiles.NAMES, s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
