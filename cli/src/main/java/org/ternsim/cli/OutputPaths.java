// Checks where a command will write before it does any work, so a bad --out fails at once with exit code 2 instead
// of as an internal error after minutes of simulation or measurement. The check leaves the file system as it was.
package org.ternsim.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * Throws a UserError naming {@code option} and {@code dir} unless {@code dir} is, or can be created as, a directory
     * this process can write to. Directories created to find out are removed again (root may write everywhere by
     * permission bits, so only trying tells, e.g. under /proc).
     */
    static void checkDirectory(String option, Path dir) {
        String what = option + " " + dir + ": ";
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(what + "not a directory (a file of that name exists)");
        }
        check(what, "the directory", dir);
    }

    /** As {@link #checkDirectory} for the directory {@code file} goes into; {@code file} must not be a directory. */
    static void checkFile(String option, Path file) {
        String what = option + " " + file + ": ";
        if (Files.isDirectory(file)) {
            throw new UserError(what + "is a directory; expected a file name");
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new UserError(what + parent + " is a file, not a directory");
        }
        check(what, "its directory " + parent, parent);
    }

    private static void check(String what, String dirName, Path dir) {
        List<Path> created = new ArrayList<>();
        try {
            for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
                created.add(0, p);
            }
            for (Path p : created) {
                if (Files.exists(p.getParent()) && !Files.isDirectory(p.getParent())) {
                    throw new UserError(what + "cannot create " + dirName + ": " + p.getParent() + " is a file");
                }
                try {
                    Files.createDirectory(p);
                } catch (IOException e) {
                    throw new UserError(what + "cannot create " + dirName + " (" + reason(e) + ")");
                }
            }
            try {
                Files.delete(Files.createTempFile(dir, ".ternsim-write-check", ".tmp"));
            } catch (IOException e) {
                throw new UserError(what + dirName + " is not writable (" + reason(e) + ")");
            }
        } finally {
            for (int i = created.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(created.get(i));
                } catch (IOException e) {
                    // an empty directory we made; nothing else is at stake
                }
            }
        }
    }

    /** The operating system's reason, without the path the message already names. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "the file system does not allow it there";
        }
        if (e instanceof NotDirectoryException) {
            return "a parent is not a directory";
        }
        return e.getMessage();
    }
}
