// --kernel as a kernel for every weight matmul and/or per LLM projection: parsing, errors, and the lowered operators.
package org.ternsim.sim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ternsim.sim.config.WorkloadLoader;

class KernelChoiceTest {

    private static final Path DIR = Path.of("../configs/workloads");

    @Test
    void aBareNameIsEveryMatmulAndEntriesNameProjections() {
        KernelChoice c = KernelChoice.parse("i2_s, o_proj=i2_s-sparse,down_proj=i2_s-sparse", "q6_k");
        assertEquals("i2_s", c.linear());
        assertEquals("q6_k", c.lmHead());
        assertEquals(Map.of("o_proj", "i2_s-sparse", "down_proj", "i2_s-sparse"), c.byOperator());
        KernelChoice only = KernelChoice.parse("down_proj=tl2", null);
        assertNull(only.linear());
        assertEquals(KernelChoice.DEFAULTS, KernelChoice.parse(null, null));
    }

    /** The I2_S variants store the same 2-bit codes: a model run with any of them weighs the same. */
    @Test
    void everyI2sVariantIsTwoBitsPerWeight() {
        for (String k : List.of("i2_s", "i2_s-nx1", "i2_s-1xn", "i2_s-vnni", "i2_s-sparse", "i2_s-a16")) {
            assertTrue(Formats.KERNELS.contains(k), k);
            assertEquals(2.0, Formats.bitsPerWeight(k), k);
        }
    }

    @Test
    void malformedListsAreOneLineErrors() {
        for (String bad : List.of("i2_s,tl2", "o_proj=i2_s,o_proj=tl2", "=i2_s", "o_proj=", "i2_s,,tl2", "ffn=i2_s")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelChoice.parse(bad, null));
            assertTrue(e.getMessage().startsWith("--kernel ") && !e.getMessage().contains("\n"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> KernelChoice.parse("ffn=i2_s", null));
        assertTrue(e.getMessage().contains("unknown operator 'ffn'; expected q_proj, k_proj"), e.getMessage());
    }

    @Test
    void eachProjectionGetsItsKernelAndKeepsItsSparsity() {
        Workload w = WorkloadLoader.load(DIR.resolve("bitnet-a4.8-2b.yaml"));
        List<Operator> ops = WorkloadLowering.lower(w, new Phase(Phase.Kind.DECODE, 64, 1, 1, 1, 1024),
            KernelChoice.parse("o_proj=i2_s-sparse,down_proj=i2_s-sparse", null));
        for (Operator op : ops) {
            if (op.layer() != 0 || op.opClass() != OpClass.LINEAR) {
                continue;
            }
            boolean sparse = op.name().equals("o_proj") || op.name().equals("down_proj");
            assertEquals(sparse ? "i2_s-sparse" : "i2_s", op.kernel(), op.name());
            if (op.name().equals("down_proj")) {
                assertEquals(w.sparsity().down(), op.inputSparsity());
            }
        }
    }
}
