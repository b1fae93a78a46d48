// `ternsim validate published`: the table from a points file, pending rows, and --write replacing only its section.
package org.ternsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatePublishedCommandTest {

    @BeforeAll
    static void home() {
        System.setProperty("ternsim.home", "..");
    }

    @Test
    void writesItsSectionAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "hw,kind,workload,threads,m,k,n,kernel,lmHead,published,unit,source\n"
            + "epyc-7v13,kernel,,1,512,2048,1,,,0.02,ms,test row\n"
            + "no-such-cpu,kernel,,1,2048,2048,1,,,0.075,ms,test\n");
        Path md = dir.resolve("validation.md");
        Files.writeString(md, "# Validation\n\n## End-to-end vs published\n\nold table\n\n## Next\n\nkept\n");
        TernSimCliTest.Outcome o = TernSimCliTest.run("validate", "published", "--data", csv.toString(), "--write",
            md.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("| epyc-7v13 | kernel | [1,2048]x[2048,512] | 1 | 0.020 ms |"), o.out());
        assertTrue(o.out().contains("pending: no configs/hw/no-such-cpu.yaml"), o.out());
        assertTrue(o.out().contains("Simulated points: 1, pending: 1."), o.out());
        String text = Files.readString(md);
        assertTrue(!text.contains("old table") && text.contains("## Next\n\nkept\n") && text.startsWith("# Validation"),
            text);
    }

    @Test
    void aMissingPointsFileIsAOneLineError(@TempDir Path dir) {
        TernSimCliTest.Outcome o = TernSimCliTest.run("validate", "published", "--data", dir.resolve("x.csv").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("x.csv") && o.err().strip().lines().count() == 1, o.err());
    }
}
