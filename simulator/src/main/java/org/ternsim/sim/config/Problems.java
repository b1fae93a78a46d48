// Collects every problem of one file, so a user sees all mistakes in one run instead of fixing them one by one.
package org.ternsim.sim.config;

import java.util.ArrayList;
import java.util.List;

/** Problem collector for one file; each problem is one formatted line. */
final class Problems {
    private final String file;
    private final List<String> lines;

    Problems(String file) {
        this(file, new ArrayList<>());
    }

    /** A collector for another file (e.g. the energy table) that appends to the same list. */
    Problems(String file, List<String> shared) {
        this.file = file;
        this.lines = shared;
    }

    Problems forFile(String otherFile) {
        return new Problems(otherFile, lines);
    }

    String file() {
        return file;
    }

    /** {@code <file>:<line>:<col>: <path>: <problem>; expected <form>} */
    void add(int line, int col, String path, String problem, String expected) {
        addRaw(file + ":" + line + ":" + col + ": " + path + ": " + problem + "; expected " + expected);
    }

    /** A problem whose text (e.g. from Units) already ends in "; expected ...". */
    void addFormatted(int line, int col, String path, String problemAndExpected) {
        addRaw(file + ":" + line + ":" + col + ": " + path + ": " + problemAndExpected);
    }

    /** Each problem once: a key two accessors look at (a block-level source that is also a field) is one mistake. */
    void addRaw(String line) {
        if (!lines.contains(line)) lines.add(line);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    void throwIfAny() {
        if (!lines.isEmpty()) throw new ConfigException(lines);
    }
}
