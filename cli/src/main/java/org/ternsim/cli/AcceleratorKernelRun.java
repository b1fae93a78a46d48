// `ternsim simulate --hw accel-*.yaml --op gemv`: one kernel call on the accelerator model, executed and checked.
package org.ternsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ternsim.reports.RunWriter;
import org.ternsim.sim.accel.AccelRequest;
import org.ternsim.sim.accel.AccelResult;
import org.ternsim.sim.accel.AccelSummary;
import org.ternsim.sim.accel.AcceleratorConfig;
import org.ternsim.sim.accel.AcceleratorSimulation;
import org.ternsim.sim.config.AcceleratorConfigLoader;
import org.ternsim.sim.config.AcceleratorConfigWriter;

final class AcceleratorKernelRun {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private AcceleratorKernelRun() {
    }

    /** Runs {@code kernel} of {@code rows x cols x tokens} functionally and in time; exit 3 if the bits differ. */
    static int run(Path hwPath, String kernel, Shape shape, int tokens, long seed, SimulateCommand o) {
        AcceleratorConfig config = AcceleratorConfigLoader.load(hwPath);
        AccelResult r;
        try {
            r = AcceleratorSimulation.run(config, AccelRequest.of(kernel, shape.rows(), shape.cols(), tokens, seed,
                true));
        } catch (IllegalArgumentException e) {
            throw new UserError(hwPath + ": " + e.getMessage());
        }
        String name = o.runName != null ? o.runName : String.format(Locale.ROOT, "%s-gemv-%s-%s%s", config.name(),
            kernel, shape, tokens > 1 ? "x" + tokens : "");
        Path runDir = o.force || o.runName != null ? o.out.resolve(name) : SimulateCommand.freeName(o.out, name);
        if (Files.exists(runDir) && !o.force) {
            throw new UserError(runDir + " already exists; use --force to replace it");
        }
        Map<String, String> files = new LinkedHashMap<>();
        try {
            files.put("results.json", JSON.writeValueAsString(r) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.put("resolved-config.yaml", AcceleratorConfigWriter.toYaml(config));
        RunWriter.writeFiles(runDir, files, o.force);
        PrintWriter out = o.spec.commandLine().getOut();
        out.print(AccelSummary.result(r));
        out.println("  results     " + runDir + "/results.json");
        out.flush();
        return Boolean.FALSE.equals(r.checkPassed()) ? TernSim.MISMATCH : TernSim.OK;
    }
}
