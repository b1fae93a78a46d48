// Storage cost of the number formats workloads use, in bits per value (block scales included).
package org.ternsim.sim.workload;

public final class Formats {

    /** Every kernel / format name an operator may use (DESIGN.md conventions). */
    public static final java.util.List<String> KERNELS = java.util.List.of("i2_s", "i2_s-vnni", "i2_s-nx1", "i2_s-1xn",
        "i2_s-a16", "i2_s-sparse", "tl1", "tl2", "tl2_0", "tmac", "tmac-w4", "tq1_0", "tq2_0", "f32", "f16", "bf16",
        "q8_0", "q4_0", "q2_k", "q6_k");

    private Formats() {
    }

    /** Throws IllegalArgumentException naming the valid names when {@code kernel} is not one of {@link #KERNELS}. */
    public static void checkKernel(String option, String kernel) {
        if (!KERNELS.contains(kernel)) {
            throw new IllegalArgumentException(option + ": unknown kernel '" + kernel + "'; valid: "
                + String.join(", ", KERNELS));
        }
    }

    /**
     * Bits per stored value. Sources: kernels.md §2.1 (I2_S 2 bits + one fp32 scale per tensor), §4 (TL2 1.67), §6
     * (TQ1_0 1.6875, TQ2_0 2.0625), i2_s-sparse 2 bits (column-major I2_S codes, ColumnTernaryWeights), tmac-w4 4 bits
     * (four bit planes, one scale per tensor: T-MAC's per-128-weight scales are not modelled), ggml block layouts
     * (q4_0: 18 B per 32 = 4.5; q8_0: 34 B per 32 = 8.5; q2_k: 84 B per 256 = 2.625; q6_k: 210 B per 256 = 6.5625).
     */
    public static double bitsPerWeight(String format) {
        return switch (format) {
            case "ternary", "i2_s", "i2_s-nx1", "i2_s-1xn", "i2_s-a16", "i2_s-sparse", "tl1", "i2_s-vnni", "tmac" -> 2.0;
            case "tl2" -> 5.0 / 3.0;
            case "tq1_0" -> 1.6875;
            case "tq2_0" -> 2.0625;
            case "q4_0" -> 4.5;
            case "q8_0" -> 8.5;
            case "q2_k" -> 2.625;
            case "q6_k" -> 6.5625;
            case "int3" -> 3.0;
            case "int4", "tmac-w4" -> 4.0;
            case "int8" -> 8.0;
            case "f32" -> 32.0;
            default -> 16.0; // f16, bf16
        };
    }

    /** Whether a kernel's weights are ternary. */
    public static boolean ternary(String kernel) {
        return bitsPerWeight(kernel) <= 2.0625;
    }
}
