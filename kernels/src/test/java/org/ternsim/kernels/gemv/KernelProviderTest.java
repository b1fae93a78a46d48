// Kernel selection: forced choices, vector widths, and clear errors for bad property values.
package org.ternsim.kernels.gemv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelProviderTest {

    @Test
    void forcedScalar() {
        assertInstanceOf(ScalarI2sGemv.class, KernelProvider.select("scalar", null));
        assertInstanceOf(ScalarI2sGemv.class, KernelProvider.select(" Scalar ", "512"));
    }

    @Test
    void panamaAtEachWidth() {
        // Surefire runs with --add-modules jdk.incubator.vector, so the Vector API kernel is available here.
        for (String bits : new String[] {"128", "256", "512"}) {
            assertEquals("panama/" + bits + "-bit", KernelProvider.select("panama", bits).name());
            assertEquals("panama/" + bits + "-bit", KernelProvider.select(null, bits).name());
        }
        assertTrue(KernelProvider.select(null, null).name().startsWith("panama/"));
    }

    @Test
    void badPropertiesAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelProvider.select("avx", null));
        assertEquals("-Dternsim.kernels must be scalar or panama, got 'avx'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KernelProvider.select(null, "1024"));
        assertEquals("-Dternsim.vectorBits must be 128, 256 or 512, got '1024'", e.getMessage());
    }

    @Test
    void describeNamesTheSelectedKernel() {
        assertEquals(KernelProvider.i2sGemv().name(), KernelProvider.describe());
    }
}
