// Checks a rewritten TL2 binder byte for byte against the binder it replaced, kept in the test that calls this.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.Region;

final class Tl2BinderCheck {

    private Tl2BinderCheck() {
    }

    /**
     * For each of Tl2Operands' four data sets of the shape: {@code binder} bound over a weight region full of garbage
     * writes every region but the output as {@code reference} does into fresh (zeroed) memory.
     */
    static void bindsAsReference(Program p, int rows, int cols, int bk, long seed, Tl2Operands.Layout binder,
            Tl2Operands.Layout reference) {
        int[] bound = {0};
        for (GemvOperands d : Tl2Operands.dataSets(rows, cols, seed, bk, (memory, w, x) -> {
            Memory expected = new Memory(p.regions());
            reference.bind(expected, w, x);
            Arrays.fill(memory.bytes("weights"), (byte) 0xA5);
            binder.bind(memory, w, x);
            for (Region r : p.regions()) {
                if (r.role() != Region.Role.OUTPUT) {
                    assertArrayEquals(expected.bytes(r.name()), memory.bytes(r.name()),
                        r.name() + " " + rows + "x" + cols + " bk" + bk);
                }
            }
            bound[0]++;
        })) {
            d.bind(new Memory(p.regions()));
        }
        assertEquals(4, bound[0]);
    }
}
