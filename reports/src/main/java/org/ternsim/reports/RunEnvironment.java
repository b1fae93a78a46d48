// What produced a result: TernSim version, git commit of the source tree (if it is a git checkout), JDK, OS and the
// vector kernels selected. Recorded in results.json under "environment"; never a timestamp or a host name, so that
// identical inputs still give identical files on the same software.
package org.ternsim.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public record RunEnvironment(String ternsimVersion, String gitCommit, String jdk, String jvm, String os, String arch,
        String vectorKernels) {

    private static volatile RunEnvironment installed;

    /** The environment of this JVM; the version and the directory searched for .git come from the caller (the CLI). */
    public static RunEnvironment detect(String version, Path sourceTree) {
        return new RunEnvironment(version, gitCommit(sourceTree).orElse("unknown"), System.getProperty("java.version"),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
            System.getProperty("os.name"), System.getProperty("os.arch"),
            org.ternsim.kernels.gemv.I2sGemv.describe());
    }

    /** Sets the environment every result written from now on records (the CLI calls this once at start). */
    public static void install(RunEnvironment env) {
        installed = env;
    }

    public static RunEnvironment current() {
        RunEnvironment e = installed;
        return e != null ? e : detect("unknown", Path.of("."));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ternsim_version", ternsimVersion);
        m.put("git_commit", gitCommit);
        m.put("jdk", jdk);
        m.put("jvm", jvm);
        m.put("os", os);
        m.put("arch", arch);
        m.put("vector_kernels", vectorKernels);
        return m;
    }

    /** HEAD's commit of the git checkout containing {@code dir} (worktrees and packed refs included), read without git. */
    static Optional<String> gitCommit(Path dir) {
        try {
            for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
                Path dotGit = d.resolve(".git");
                if (Files.isDirectory(dotGit)) return head(dotGit, dotGit);
                if (Files.isRegularFile(dotGit)) { // a worktree: "gitdir: <path>", refs live in the common dir
                    String line = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
                    if (!line.startsWith("gitdir:")) return Optional.empty();
                    Path gitDir = d.resolve(line.substring(7).trim()).normalize();
                    Path common = gitDir;
                    Path commonFile = gitDir.resolve("commondir");
                    if (Files.isRegularFile(commonFile)) {
                        common = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).trim()).normalize();
                    }
                    return head(gitDir, common);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no readable checkout: unknown
        }
        return Optional.empty();
    }

    private static Optional<String> head(Path gitDir, Path common) throws IOException {
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        if (!head.startsWith("ref:")) return hex(head);
        String ref = head.substring(4).trim();
        for (Path base : new Path[] {gitDir, common}) {
            Path f = base.resolve(ref);
            if (Files.isRegularFile(f)) return hex(Files.readString(f, StandardCharsets.UTF_8).trim());
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.endsWith(" " + ref)) return hex(line.substring(0, line.indexOf(' ')));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> hex(String s) {
        return s.matches("[0-9a-f]{40}([0-9a-f]{24})?") ? Optional.of(s) : Optional.empty();
    }
}
