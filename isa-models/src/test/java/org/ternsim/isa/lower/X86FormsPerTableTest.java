// Every x86 timing table has a row for every form of every lowering of an ISA its core implements.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.uarch.Microarchitecture;
import org.ternsim.isa.uarch.UarchLoader;

class X86FormsPerTableTest {

    /** Zen 3 and the Intel P-cores run AVX2 only (Golden Cove client parts ship with AVX-512 fused off). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"zen3, avx2", "golden-cove, avx2", "raptor-cove, avx2", "zen4, avx2 avx512", "zen5, avx2 avx512",
        "zen5-256b, avx2 avx512"})
    void everyFormOfTheCoresLoweringsHasARow(String table, String isas) {
        Microarchitecture uarch = UarchLoader.load(table);
        List<String> supported = List.of(isas.split(" "));
        Set<String> missing = new TreeSet<>();
        for (GemvLowering l : GemvLowerings.all()) {
            if (!supported.contains(l.isa())) {
                continue;
            }
            for (int[] shape : new int[][] {{33, 2560}, {1, 6912}}) {
                for (Instruction in : l.lower(shape[0], shape[1]).code()) {
                    if (!uarch.has(in.form())) {
                        missing.add(l.kernel() + ": " + in.form());
                    }
                }
            }
        }
        assertEquals(Set.of(), missing, table);
    }
}
