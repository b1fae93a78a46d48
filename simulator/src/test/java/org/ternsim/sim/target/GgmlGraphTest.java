// ggml's graph around the operators: node and barrier counts as the fork builds them, and what they cost a CPU run.
package org.ternsim.sim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ternsim.sim.accel.AcceleratorConfig;
import org.ternsim.sim.config.AcceleratorConfigLoader;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.HardwareConfigLoader;
import org.ternsim.sim.config.WorkloadLoader;
import org.ternsim.sim.workload.EnergyOptions;
import org.ternsim.sim.workload.KernelChoice;
import org.ternsim.sim.workload.OpClass;
import org.ternsim.sim.workload.Operator;
import org.ternsim.sim.workload.Phase;
import org.ternsim.sim.workload.Workload;
import org.ternsim.sim.workload.WorkloadLowering;
import org.ternsim.sim.workload.WorkloadResult;
import org.ternsim.sim.workload.WorkloadRunner;

class GgmlGraphTest {

    private static final Phase DECODE = new Phase(Phase.Kind.DECODE, 64, 1, 1, 1, 1024);

    private static Path configs() {
        Path p = Path.of("configs");
        return Files.isDirectory(p) ? p : Path.of("..", "configs");
    }

    private static Workload workload(String name) {
        return WorkloadLoader.load(configs().resolve("workloads/" + name + ".yaml"));
    }

    /** The fork's build_bitnet_158 at 13e12994: 37 nodes per layer, 6 around them; 271 mul_mats and 60 attentions. */
    @Test
    void bitnet2b4tDecodeHasTheForksNodeAndBarrierCounts() {
        List<Operator> ops = WorkloadLowering.lower(workload("bitnet-b1.58-2b4t"), DECODE, KernelChoice.DEFAULTS);
        Operator graph = GgmlGraph.runtime(ops);
        assertEquals(OpClass.RUNTIME, graph.opClass());
        assertEquals(30 * 37 + 6, graph.m());
        assertEquals(30 * 37 + 6 + 30 * 9 + 1, graph.k()); // a barrier after every node and inside every mul_mat
        assertEquals("1116n/1387b", graph.shape());
    }

    /** build_llama: SiLU-GLU (two nodes), no sub-norms; the model of the host measurement the costs come from. */
    @Test
    void plainLlamaHasThirtyTwoNodesPerLayer() {
        List<Operator> ops = WorkloadLowering.lower(workload("llama3-8b-1.58-fp16"), DECODE, KernelChoice.DEFAULTS);
        long layers = ops.stream().filter(o -> o.name().equals("q_proj")).count();
        assertEquals(layers * 32 + 6, GgmlGraph.nodes(ops));
    }

    @Test
    void dispatchCostsEveryNodeAndBarriersGrowWithTheWaitingThreads() {
        Operator graph = new Operator("graph", -1, "", OpClass.RUNTIME, "ggml", 1000, 1200, 1, 0, 0, 0, "", 0);
        assertEquals(1000 * 3040.0, GgmlGraph.runtimeCycles(graph, 1), 1e-9);
        assertEquals(1000 * 3040.0 + 1200 * 820.0, GgmlGraph.runtimeCycles(graph, 2), 1e-9);
        assertEquals(1000 * 3040.0 + 1200 * 820.0 * 15, GgmlGraph.runtimeCycles(graph, 16), 1e-9);
    }

    /** One graph operator per LLM run on a CPU, priced at the target's clock with static energy; none elsewhere. */
    @Test
    void onlyLlmRunsOnACpuPayForTheGraph() {
        HardwareConfig zen5 = HardwareConfigLoader.load(configs().resolve("hw/zen5-2c.yaml"));
        WorkloadResult llm = WorkloadRunner.runOn(ops -> new CpuTarget(zen5, 2, false, 1e12, 1),
            workload("bitnet-b1.58-2b4t"), DECODE, KernelChoice.DEFAULTS, false, EnergyOptions.FULL, 1, false);
        List<WorkloadResult.OperatorResult> graphs = llm.operators().stream()
            .filter(o -> o.op().opClass() == OpClass.RUNTIME).toList();
        assertEquals(1, graphs.size());
        WorkloadResult.OperatorResult g = graphs.get(0);
        assertEquals((1116 * 3040.0 + 1387 * 820.0) / zen5.core().freqHz(), g.cost().seconds(), 1e-12);
        assertEquals("runtime", g.cost().bound());
        assertTrue(g.energyPj().get("static") > 0 && g.energyPj().size() == 1, g.energyPj().toString());
        assertEquals(g.cost().seconds(), llm.summary().secondsByClass().get("runtime"), 1e-15);

        // A diffusion transformer is not run by ggml, and an accelerator's host runtime is not modelled.
        List<Operator> flux = WorkloadLowering.lower(workload("flux-dev-1.58bit"),
            new Phase(Phase.Kind.DIFFUSION_STEP, 0, 1, 1, 1, 256), KernelChoice.DEFAULTS);
        assertTrue(new CpuTarget(zen5, 2, false, 1e12, 1).runtimeOperator(flux, Workload.Family.DIT).isEmpty());
        AcceleratorConfig accel = AcceleratorConfigLoader.load(configs().resolve("hw/accel-edge.yaml"));
        assertTrue(new AcceleratorTarget(accel).runtimeOperator(flux, Workload.Family.LLM).isEmpty());
    }
}
