// The one float epilogue of the I2_S kernel, shared by every implementation so outputs agree bit for bit.
package org.ternsim.kernels.gemv;

/**
 * y = ((float) raw - (float) sumCodes) / actScale * weightScale, the float operations in exactly this order
 * (bitnet.cpp ggml.c, I2_S branch of the mul_mat loop). raw = sum c*q uses unsigned weight codes c = t + 1, so
 * subtracting sum q leaves sum t*q. Both conversions are exact while |raw| < 2^24, i.e. K < 65 536.
 */
public final class I2sEpilogue {

    private I2sEpilogue() {
    }

    /**
     * @param raw         sum over k of c_k * q_k (c = t + 1)
     * @param sumCodes    sum over k of the activation codes q_k
     * @param actScale    activation scale s (x * s gives q)
     * @param weightScale per-tensor weight scale
     */
    public static float output(int raw, int sumCodes, float actScale, float weightScale) {
        return ((float) raw - (float) sumCodes) / actScale * weightScale;
    }
}
