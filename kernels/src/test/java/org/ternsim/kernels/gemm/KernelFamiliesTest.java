// Each new kernel family's accessor goes through KernelProvider.select and finds its Vector API class.
package org.ternsim.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ternsim.kernels.gemv.I2sInt4Gemv;
import org.ternsim.kernels.gemv.TernaryA16Gemv;

class KernelFamiliesTest {

    @Test
    void accessorsSelectTheVectorApiKernels() {
        // Surefire runs with --add-modules jdk.incubator.vector and no forcing property.
        for (String name : new String[] {I2sGemm.selected().name(), I2sInt4Gemm.selected().name(),
            TernaryA16Gemm.selected().name(), I2sInt4Gemv.selected().name(), TernaryA16Gemv.selected().name()}) {
            assertTrue(name.startsWith("panama/"), name);
        }
        assertTrue(I2sGemm.selected().name().endsWith("/nx1-4x128x4"), I2sGemm.selected().name());
        assertEquals(I2sGemm.selected(), I2sGemm.selected());
    }

    @Test
    void factoriesHonourTheWidth() {
        assertEquals("panama/128-bit/nx1-4x128x4", PanamaI2sGemm.forBits(128).name());
        assertEquals("panama/256-bit/nx1-4x128x4", PanamaTernaryA16Gemm.forBits(256).name());
        assertEquals("panama/512-bit/nx1-4x128x4", PanamaI2sInt4Gemm.forBits(512).name());
    }
}
