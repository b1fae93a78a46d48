// Kernel selection: forced choices, vector widths, and clear errors for bad property values.
package org.ternsim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ternsim.kernels.gemv.I2sGemv;
import org.ternsim.kernels.gemv.ScalarI2sGemv;

class KernelProviderTest {

    /** The selection rule applied to the I2_S family, with the two properties given. */
    private static I2sGemv i2s(String kernels, String vectorBits) {
        return KernelProvider.choose(I2sGemv.class, "org.ternsim.kernels.gemv.PanamaI2sGemv", ScalarI2sGemv::new,
                kernels, vectorBits);
    }

    @Test
    void forcedScalar() {
        assertInstanceOf(ScalarI2sGemv.class, i2s("scalar", null));
        assertInstanceOf(ScalarI2sGemv.class, i2s(" Scalar ", "512"));
    }

    @Test
    void panamaAtEachWidth() {
        // Surefire runs with --add-modules jdk.incubator.vector, so the Vector API kernel is available here.
        for (String bits : new String[] {"128", "256", "512"}) {
            assertEquals("panama/" + bits + "-bit", i2s("panama", bits).name());
            assertEquals("panama/" + bits + "-bit", i2s(null, bits).name());
        }
        assertTrue(i2s(null, null).name().startsWith("panama/"));
    }

    @Test
    void badPropertiesAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> i2s("avx", null));
        assertEquals("-Dternsim.kernels must be scalar or panama, got 'avx'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> i2s(null, "1024"));
        assertEquals("-Dternsim.vectorBits must be 128, 256 or 512, got '1024'", e.getMessage());
    }

    @Test
    void describeNamesTheSelectedKernel() {
        assertEquals(I2sGemv.selected().name(), I2sGemv.describe());
    }
}
