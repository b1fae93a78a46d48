// `ternsim sweep --merge`: combines the directories of the shards of one sweep into one directory whose tables equal
// those of the unsharded sweep.
package org.ternsim.sim.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.ternsim.sim.config.ConfigException;
import org.ternsim.sim.run.AtomicFiles;

public final class SweepMerge {
    private SweepMerge() {}

    public static SweepRunner.Outcome merge(List<Path> dirs, Path out) {
        if (dirs.isEmpty()) throw new ConfigException("nothing to merge; expected one or more sweep directories");
        SweepManifest first = null;
        TreeMap<Integer, PointRecord> byIndex = new TreeMap<>();
        for (Path d : dirs) {
            SweepManifest m = SweepManifest.read(d);
            if (m == null) throw new ConfigException(d + ": no " + SweepManifest.NAME + "; expected a sweep directory");
            if (first == null) first = m;
            else if (!first.plan().equals(m.plan())) {
                throw new ConfigException(d + ": plan " + m.plan() + " differs from " + dirs.get(0) + "'s " + first.plan()
                        + "; expected shards of the same sweep");
            }
            for (PointRecord r : PointsFile.read(d.resolve(PointsFile.NAME))) {
                PointRecord prev = byIndex.putIfAbsent(r.index(), r);
                if (prev != null && !prev.params().equals(r.params())) {
                    throw new ConfigException(d + ": point " + r.index() + " has other parameters than in another"
                            + " directory; expected shards of the same sweep");
                }
            }
        }
        if (byIndex.size() != first.planPoints()) {
            throw new ConfigException("the directories hold " + byIndex.size() + " of the sweep's " + first.planPoints()
                    + " points; expected every shard complete (rerun the unfinished shards, they resume)");
        }
        try {
            if (Files.exists(out.resolve(SweepManifest.NAME)) || Files.exists(out.resolve(PointsFile.NAME))) {
                throw new ConfigException(out + " already holds a sweep; expected a new output directory");
            }
            Files.createDirectories(out);
            List<PointRecord> records = new ArrayList<>(byIndex.values());
            StringBuilder lines = new StringBuilder();
            records.forEach(r -> lines.append(PointsFile.line(r)).append('\n'));
            AtomicFiles.write(out.resolve(PointsFile.NAME), lines.toString());
            new SweepManifest(first.name(), first.plan(), "merged", first.planPoints(), records.size(),
                    first.constraints(), first.objectives()).write(out);
            SweepCsv.Tables t = SweepRunner.writeTables(out, records, first.parsedConstraints(), first.objectives());
            return new SweepRunner.Outcome(records.size(), records.size(), 0, t);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
