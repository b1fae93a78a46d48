// Output written into a hidden sibling directory first, then put in place, so a failure part-way leaves none of it.
package org.ternsim.reports;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

public final class StagingDirectory {

    /** Writes the output's files into the directory it is given. */
    @FunctionalInterface
    public interface Fill {
        void into(Path staging) throws IOException;
    }

    private StagingDirectory() {
    }

    /**
     * Runs {@code fill} on a new staging directory beside {@code dir}, then puts what it wrote in place: by one rename
     * when {@code dir} does not exist yet, else file by file into it (replacing files of the same names, keeping the
     * others). If {@code dir} is a file, nothing is written. If {@code fill} fails, or a file cannot be put in place
     * because a directory of its name is there, the staging directory is removed and {@code dir} is left as it was.
     */
    public static void write(Path dir, Fill fill) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " is a file, not a directory");
        }
        Path parent = dir.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        Path staging = create(parent, dir.getFileName().toString());
        RunWriter.IN_PROGRESS.add(staging); // removed on Ctrl-C, as a run's
        try {
            fill.into(staging);
            if (!Files.exists(dir)) {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            List<Path> written;
            try (Stream<Path> s = Files.list(staging)) {
                written = s.sorted().toList();
            }
            for (Path file : written) {
                if (Files.isDirectory(dir.resolve(file.getFileName().toString()))) {
                    throw new IOException(dir.resolve(file.getFileName().toString()) + " is a directory");
                }
            }
            for (Path file : written) {
                Files.move(file, dir.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            if (Files.exists(staging)) { // not after the rename
                RunWriter.deleteTree(staging);
            }
            RunWriter.IN_PROGRESS.remove(staging);
        }
    }

    /**
     * Creates {@code parent/.<name>.tmp-<random>}. Unlike {@link Files#createTempDirectory}, which makes it private to
     * the owner (rwx------), it gets the permissions the umask gives any new directory, so that the output it becomes
     * by rename is as readable as a directory the user had made.
     */
    public static Path create(Path parent, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            try {
                return Files.createDirectory(parent.resolve("." + name + ".tmp-" + suffix));
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }
}
