// Every form an x86 lowering's program uses has a row in the zen5 timing table, so `simulate` can run it.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;

class X86TimingFormsTest {

    @Test
    void zen5HasEveryFormOfEveryX86Lowering() {
        Microarchitecture zen5 = UarchLoader.load("zen5");
        Set<String> missing = new TreeSet<>();
        for (GemvLowering l : GemvLowerings.all()) {
            if (!l.semantics().isa().equals("x86-64")) {
                continue;
            }
            for (int[] shape : new int[][] {{33, 2560}, {1, 6912}}) {
                for (Instruction in : l.lower(shape[0], shape[1]).code()) {
                    if (!zen5.has(in.form())) {
                        missing.add(in.form());
                    }
                }
            }
        }
        assertEquals(Set.of(), missing);
    }
}
