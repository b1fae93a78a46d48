// The one float epilogue of the TL1/TL2 kernels, shared by every implementation so outputs agree bit for bit.
package org.ternsim.kernels.lut;

/**
 * y = (float) acc / lutScale * weightScale, in this order (codegen {@code qgemm_lut_*}, kernels.md §1). The LUT
 * kernels sum signed trits times codes directly, so unlike I2_S there is no offset term. The conversion is exact
 * for |acc| < 2^24, guaranteed by {@link LutShapes#MAX_COLS}.
 */
public final class LutEpilogue {

    private LutEpilogue() {
    }

    public static float output(int acc, float lutScale, float weightScale) {
        return (float) acc / lutScale * weightScale;
    }
}
