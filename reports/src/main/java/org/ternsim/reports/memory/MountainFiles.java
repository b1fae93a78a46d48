// Writes a memory mountain's CSV and chart so that a failure part-way (a full disk) leaves none of them behind.
package org.ternsim.reports.memory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ternsim.reports.StagingDirectory;

public final class MountainFiles {

    /** The files written into the output directory. */
    public static final List<String> NAMES = List.of("memory-mountain.csv", "memory-mountain.png",
        "memory-mountain.svg");

    private MountainFiles() {
    }

    /** Writes the {@link #NAMES} into {@code dir} as {@link StagingDirectory#write} does; returns the PNG's path. */
    public static Path write(Path dir, String title, List<MemoryMountain.Row> rows) throws IOException {
        StagingDirectory.write(dir, staging -> {
            MemoryMountain.writeCsv(staging.resolve(NAMES.get(0)), rows);
            MemoryMountainChart.write(staging.resolve("memory-mountain"), title, rows);
        });
        return dir.resolve(NAMES.get(1));
    }
}
