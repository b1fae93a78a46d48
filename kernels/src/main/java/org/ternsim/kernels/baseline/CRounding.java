// The C rounding functions ggml's quantizers call, with their exact tie rules.
package org.ternsim.kernels.baseline;

final class CRounding {

    private CRounding() {
    }

    /**
     * ggml's {@code nearest_int}: adds 1.5 * 2^23 in float and reads the mantissa, i.e. round half to even for
     * |f| <= 4194303 (ggml asserts that range), which is {@link Math#rint}.
     */
    static int nearestInt(float f) {
        return (int) Math.rint(f);
    }

    /** C {@code roundf}/{@code lroundf}: half away from zero. Double makes |f| + 0.5 exact for every float below 2^29. */
    static int roundHalfAway(float f) {
        double r = Math.floor(Math.abs((double) f) + 0.5);
        return (int) (f < 0 ? -r : r);
    }
}
