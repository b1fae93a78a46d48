// The accelerator target runs a4.8's int4 linears as packed int4 and skips the zeros its sparse inputs declare.
package org.ternsim.sim.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ternsim.sim.accel.AcceleratorConfig;
import org.ternsim.sim.config.AcceleratorConfigLoader;
import org.ternsim.sim.config.WorkloadLoader;
import org.ternsim.sim.workload.EnergyOptions;
import org.ternsim.sim.workload.KernelChoice;
import org.ternsim.sim.workload.Operator;
import org.ternsim.sim.workload.Phase;
import org.ternsim.sim.workload.Workload;
import org.ternsim.sim.workload.WorkloadResult;
import org.ternsim.sim.workload.WorkloadRunner;

class AcceleratorTargetTest {

    private static Path configs() {
        Path p = Path.of("configs");
        return Files.isDirectory(p) ? p : Path.of("..", "configs");
    }

    private static Map<String, WorkloadResult.OperatorResult> layer0(String hw, String workload) {
        AcceleratorConfig c = AcceleratorConfigLoader.load(configs().resolve("hw/" + hw + ".yaml"));
        Workload w = WorkloadLoader.load(configs().resolve("workloads/" + workload + ".yaml"));
        WorkloadResult r = WorkloadRunner.runOn(ops -> new AcceleratorTarget(c), w, new Phase(Phase.Kind.DECODE, 128, 1,
            1, 1, 1024), KernelChoice.DEFAULTS, false, EnergyOptions.FULL, 1, false);
        Map<String, WorkloadResult.OperatorResult> byName = new HashMap<>();
        for (WorkloadResult.OperatorResult o : r.operators()) {
            if (o.op().layer() == 0) {
                byName.put(o.op().name(), o);
            }
        }
        return byName;
    }

    @Test
    void a48RunsInt4LinearsAsInt4AndSkipsDeclaredZeros() {
        Map<String, WorkloadResult.OperatorResult> a48 = layer0("accel-edge", "bitnet-a4.8-2b");
        Map<String, WorkloadResult.OperatorResult> b158 = layer0("accel-edge", "bitnet-b1.58-2b4t");
        for (String n : new String[] {"q_proj", "k_proj", "v_proj", "gate_proj", "up_proj"}) {
            Operator op = a48.get(n).op();
            assertEquals("int4", op.inputFormat(), n);
            assertTrue(a48.get(n).cost().note().startsWith("i2_s-int4 "), a48.get(n).cost().note());
        }
        assertEquals("int8", a48.get("o_proj").op().inputFormat());
        assertTrue(a48.get("o_proj").cost().note().startsWith("i2_s "), a48.get("o_proj").cost().note());
        // int4 inputs: half the activation bytes of the b1.58 (int8) q projection, same weights and outputs.
        assertEquals(2560 / 2.0, b158.get("q_proj").cost().dramBytes() - a48.get("q_proj").cost().dramBytes(), 1e-9);
        // accel-edge skips groups of 4 zeros: down_proj's 84% zeros (ReLU^2) skip about 0.842^4 = 50% of its MACs,
        // o_proj's Top-K 50% about 0.5^4 = 6%.
        assertTrue(a48.get("down_proj").cost().note().contains("MACs skipped"), a48.get("down_proj").cost().note());
        assertTrue(b158.values().stream().noneMatch(o -> o.cost().note().contains("skipped")));
        assertTrue(a48.get("down_proj").cost().energyPj().get("pe") < 0.7 * b158.get("down_proj").cost().energyPj().get("pe"));
    }
}
