// The calibration harness reads the published points, simulates those whose config exists and keeps the rest pending.
package org.ternsim.sim.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {

    private static final Path HOME = Path.of("..");

    @Test
    void theBundledDataHoldsEveryPublishedPoint() {
        List<PublishedPoint> p = Calibration.read(HOME.resolve("configs/calibration/bitnet-cpu-published.csv"));
        // kernels.md §2.5 (no parallel at 8 shapes, activation parallel at 7, weight parallel at 8), §8.3 EPYC tg/pp,
        // Cobalt tg/pp, §8.5 T-MAC on the M2 Ultra with BitNet-3B (4) and its llama.cpp Q2_K baseline (2), and with
        // Llama-2-7B: W2, W4 and their Q2_K and Q4_0 baselines at 1 and 8 threads (8)
        assertEquals(8 + 7 + 8 + 6 + 6 + 4 + 4 + 4 + 2 + 8, p.size());
        assertEquals(8, p.stream().filter(x -> x.kernel().equals("i2_s-1xn")).count());
        assertEquals(7, p.stream().filter(x -> x.kernel().equals(Calibration.ONE_TOKEN_AT_A_TIME)).count());
        assertTrue(p.stream().allMatch(x -> x.source().startsWith("kernels.md")));
    }

    @Test
    void rowsWithAConfigAreSimulatedAndTheRestArePending(@TempDir Path dir) throws Exception {
        List<Calibration.Row> rows = run(dir,
            "zen5-2c,kernel,,1,2048,2048,1,,,0.075,ms,\"test, a row for the dev VM\"",
            "no-such-cpu,kernel,,1,2048,2048,1,,,0.075,ms,test",
            "zen5-2c,kernel,,1,2048,2048,1,tmac,,0.075,ms,test",
            "zen5-2c,kernel,,1,2048,2048,1,q3_k,,0.075,ms,test",
            "zen5-2c,kernel,,1,2048,2048,1,tmac-w4,,0.075,ms,test");
        assertTrue(!rows.get(0).pending() && rows.get(0).predicted() > 0, rows.get(0).toString());
        assertTrue(rows.get(1).pending());
        assertTrue(!rows.get(2).pending() && rows.get(2).predicted() != rows.get(0).predicted(), rows.get(2).toString());
        assertTrue(rows.get(3).pending() && rows.get(3).note().contains("no q3_k kernel"), rows.get(3).note());
        // four bit planes: twice the index bytes and lookups of tmac's two
        assertTrue(!rows.get(4).pending() && rows.get(4).predicted() > rows.get(2).predicted(), rows.get(4).toString());
        Calibration.Stats s = Calibration.stats(rows);
        assertEquals(3, s.points());
        assertEquals(2, s.pending());
        String md = Calibration.markdown(rows, s);
        assertTrue(md.startsWith("## End-to-end vs published") && md.contains("no-such-cpu"), md);
        assertTrue(md.contains("| [1,2048]x[2048,2048], tmac |"), md);
    }

    @Test
    void eachCitedSectionGetsItsOwnStatistics() {
        PublishedPoint a = point("kernels.md §2.5: a kernel row", 1.0);
        PublishedPoint b = point("kernels.md §8.3: tg128 latest, 1 thread", 10.0);
        PublishedPoint c = point("kernels.md §8.3: tg128 latest, 2 threads", 20.0);
        PublishedPoint d = point("notes.md, no section", 5.0);
        List<Calibration.Row> rows = List.of(new Calibration.Row(a, 1.1, ""), new Calibration.Row(b, 14.0, ""),
            new Calibration.Row(c, 19.0, ""), new Calibration.Row(d, Double.NaN, "pending"));
        var sections = Calibration.bySection(rows);
        assertEquals(List.of("kernels.md §2.5", "kernels.md §8.3", "notes.md, no section"),
            List.copyOf(sections.keySet()));
        Calibration.Stats s83 = sections.get("kernels.md §8.3");
        assertEquals(2, s83.points());
        assertEquals(1, s83.withinTolerance()); // +40 % is out, -5 % is in
        assertEquals(0.225, s83.meanAbsError(), 1e-12);
        assertEquals(1, sections.get("notes.md, no section").pending());
        String md = Calibration.markdown(rows, Calibration.stats(rows));
        assertTrue(md.contains("| kernels.md §8.3 | 2 | 1 | 22.5% | 22.5% | +17.5% |"), md);
        assertTrue(md.contains("| notes.md, no section | 0 (1 pending) |"), md);
    }

    private static PublishedPoint point(String source, double published) {
        return new PublishedPoint("zen5-2c", "decode", "bitnet-b1.58-2b4t", 1, 0, 0, 0, "", "", published,
            "tokens/s", source);
    }

    @Test
    void noParallelRowsCostOneGemvPerToken(@TempDir Path dir) throws Exception {
        List<Calibration.Row> rows = run(dir,
            "zen5-2c,kernel,,1,512,2048,1,,,0.020,ms,test",
            "zen5-2c,kernel,,1,512,2048,12,i2_s-1x1,,0.240,ms,test",
            "zen5-2c,kernel,,1,512,2048,12,,,0.240,ms,test");
        double gemv = rows.get(0).predicted();
        assertEquals(12 * gemv, rows.get(1).predicted(), 1e-9 * gemv, rows.get(1).toString());
        assertTrue(rows.get(1).note().startsWith("12 x "), rows.get(1).note());
        // without the name, 12 tokens run as a prompt of the Nx1 GEMM, which shares each weight load among tokens
        assertTrue(rows.get(2).predicted() < rows.get(1).predicted(), rows.get(2) + " vs " + rows.get(1));
    }

    /** Writes {@code rows} under the CSV header to a file in {@code dir} and predicts them. */
    private static List<Calibration.Row> run(Path dir, String... rows) throws Exception {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, String.join(",", Calibration.COLUMNS) + "\n" + String.join("\n", rows) + "\n");
        return Calibration.run(HOME, Calibration.read(csv));
    }
}
