// resolved-config.yaml of a workload run: the run's options and the workload with every default filled in, then the
// resolved hardware config as a second YAML document.
package org.ternsim.reports;

import java.util.Locale;
import org.ternsim.sim.workload.Workload;
import org.ternsim.sim.workload.WorkloadResult;

public final class WorkloadConfigYaml {

    private WorkloadConfigYaml() {
    }

    public static String of(WorkloadResult r, String hardwareYaml) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Resolved workload run: options, then the workload with defaults filled in; the hardware config\n");
        sb.append("# follows as the second YAML document.\n");
        sb.append("run:\n");
        sb.append("  phase: ").append(r.phase().kind().label()).append('\n');
        sb.append("  context: ").append(r.phase().context()).append('\n');
        sb.append("  tokens: ").append(r.phase().tokens()).append('\n');
        sb.append("  batch: ").append(r.phase().batch()).append('\n');
        sb.append("  steps: ").append(r.phase().steps()).append('\n');
        sb.append("  resolution: ").append(r.phase().resolution()).append('\n');
        sb.append("  target: ").append(r.target()).append('\n');
        sb.append("  threads: ").append(r.threads()).append('\n');
        sb.append("  exact: ").append(r.exact()).append('\n');
        sb.append("  energyModel: ").append(r.energy().model()).append('\n');
        if (r.energy().arithmetic()) {
            sb.append("  node: ").append(r.energy().node()).append('\n');
        }
        r.kernels().forEach((k, v) -> sb.append("  kernel.").append(k).append(": ").append(v).append('\n'));
        Workload w = r.workload();
        sb.append("workload:\n");
        sb.append("  name: ").append(w.name()).append('\n');
        sb.append("  description: ").append(q(w.description())).append('\n');
        sb.append("  source: ").append(q(w.source())).append('\n');
        sb.append("  family: ").append(w.family().name().toLowerCase(Locale.ROOT)).append('\n');
        sb.append("  model:\n");
        if (w.llm() != null) {
            Workload.LlmShape s = w.llm();
            sb.append(String.format(Locale.ROOT, "    hidden: %d%n    ffn: %d%n    layers: %d%n    heads: %d%n"
                + "    kvHeads: %d%n    headDim: %d%n    vocab: %d%n    activation: %s%n    subNorms: %b%n"
                + "    tiedEmbedding: %b%n", s.hidden(), s.ffn(), s.layers(), s.heads(), s.kvHeads(), s.headDim(),
                s.vocab(), s.activation().name().toLowerCase(Locale.ROOT), s.subNorms(), s.tiedEmbedding()));
        } else {
            Workload.DitShape d = w.dit();
            sb.append(String.format(Locale.ROOT, "    hidden: %d%n    heads: %d%n    headDim: %d%n    mlpHidden: %d%n"
                + "    doubleBlocks: %d%n    singleBlocks: %d%n    textTokens: %d%n    contextDim: %d%n    vecDim: %d%n"
                + "    latentChannels: %d%n    patchPixels: %d%n    resolution: %d%n    steps: %d%n", d.hidden(),
                d.heads(), d.headDim(), d.mlpHidden(), d.doubleBlocks(), d.singleBlocks(), d.textTokens(),
                d.contextDim(), d.vecDim(), d.latentChannels(), d.patchPixels(), d.resolution(), d.steps()));
        }
        sb.append("  numerics:\n");
        sb.append("    weights: ").append(w.numerics().weights()).append('\n');
        sb.append("    activations: ").append(w.numerics().activations()).append('\n');
        sb.append("    kvCache: ").append(w.numerics().kvCache()).append('\n');
        sb.append("    hadamard: ").append(w.numerics().hadamard()).append('\n');
        sb.append("  linearKernel: ").append(w.linearKernel()).append('\n');
        if (w.lmHead() != null) {
            sb.append("  lmHead: ").append(w.lmHead()).append('\n');
        }
        Workload.Sparsity s = r.sparsity();
        sb.append(String.format(Locale.ROOT, "  sparsity: {mode: %s, qkv: %s, out: %s, gate: %s, up: %s, down: %s, "
            + "source: %s}%n", s.mode(), s.qkv(), s.out(), s.gate(), s.up(), s.down(), q(s.source())));
        sb.append("---\n").append(hardwareYaml);
        return sb.toString();
    }

    private static String q(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
