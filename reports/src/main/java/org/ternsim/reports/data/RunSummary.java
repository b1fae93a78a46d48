// Everything the charts and the HTML report need from one run directory, read from either results.json schema.
package org.ternsim.reports.data;

import java.nio.file.Path;
import java.util.List;

/**
 * @param dir            the run directory
 * @param schemaVersion  results.json schemaVersion, or {@code "legacy (single kernel call)"} for the foundation's format
 * @param id             what was simulated
 * @param totals         whole-run figures
 * @param operators      per-operator results, in execution order (one for a single kernel call)
 * @param roofline       the target's roofs, where known
 * @param functional     functional check of the simulated programs
 * @param validation     predicted vs measured points carried by the run (often empty)
 * @param provenance     every hardware number with its source
 * @param resolvedConfig text of resolved-config.yaml, null when absent
 */
public record RunSummary(Path dir, String schemaVersion, RunIdentity id, RunTotals totals, List<OperatorResult> operators,
        Roofline roofline, CheckStatus functional, List<ValidationPoint> validation, List<SourcedValue> provenance,
        String resolvedConfig) {

    public static final String LEGACY_SCHEMA = "legacy (single kernel call)";

    public RunSummary {
        operators = List.copyOf(operators);
        validation = List.copyOf(validation);
        provenance = List.copyOf(provenance);
    }

    public String label() {
        return id.label();
    }
}
