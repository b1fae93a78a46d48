// The git commit is read without git: a plain checkout (loose and packed refs), a worktree, a detached HEAD, none.
package org.ternsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunEnvironmentTest {
    static final String A = "0123456789abcdef0123456789abcdef01234567";
    static final String B = "89abcdef0123456789abcdef0123456789abcdef";

    @Test
    void readsLooseAndPackedRefsWorktreesAndDetachedHeads(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve(".git/refs/heads"));
        Files.createDirectories(repo.resolve("src/deep"));
        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(repo.resolve(".git/refs/heads/main"), A + "\n");
        assertEquals(Optional.of(A), RunEnvironment.gitCommit(repo.resolve("src/deep")));

        Files.delete(repo.resolve(".git/refs/heads/main"));
        Files.writeString(repo.resolve(".git/packed-refs"), "# pack-refs with: peeled\n" + B + " refs/heads/main\n");
        assertEquals(Optional.of(B), RunEnvironment.gitCommit(repo));

        Path wt = tmp.resolve("wt");
        Path wtGit = repo.resolve(".git/worktrees/wt");
        Files.createDirectories(wtGit);
        Files.createDirectories(wt);
        Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
        Files.writeString(wtGit.resolve("commondir"), "../..\n");
        Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/main\n");
        assertEquals(Optional.of(B), RunEnvironment.gitCommit(wt), "branch refs live in the common dir");
        Files.writeString(wtGit.resolve("HEAD"), A + "\n");
        assertEquals(Optional.of(A), RunEnvironment.gitCommit(wt), "detached HEAD");

        Path none = tmp.resolve("none");
        Files.createDirectories(none);
        assertEquals(Optional.empty(), RunEnvironment.gitCommit(none), "not in a checkout (the temp dir is not in one)");
    }
}
