// The kernels the accelerator runs: which weight format, activation type and epilogue each uses.
package org.ternsim.isa.accel;

import java.util.Locale;

/**
 * Accelerator kernels, named as in the CLI. Each is the accelerator form of a functional-engine kernel and must equal
 * it bit for bit: {@code i2_s} = {@code gemv.I2sGemv}/{@code gemm.I2sGemm}, {@code tl2} = {@code lut.Tl2Gemv} per
 * token, {@code i2_s-int4} = {@code gemv.I2sInt4Gemv}/{@code gemm.I2sInt4Gemm}, {@code ternary-a16} =
 * {@code gemv.TernaryA16Gemv}/{@code gemm.TernaryA16Gemm}.
 */
public enum AccelKernel {
    I2S("i2_s", ActType.INT8),
    TL2("tl2", ActType.INT8),
    I2S_INT4("i2_s-int4", ActType.INT4),
    TERNARY_A16("ternary-a16", ActType.F16);

    /** K block of the I2_S layout the accelerator uses (bitnet.cpp x86 QK_I2_S). */
    public static final int I2S_BLOCK = 128;
    /** BK of the TL2 triple part (bitnet.cpp's shipped TL2 configs). */
    public static final int TL2_BK = 96;

    private final String id;
    private final ActType defaultAct;

    AccelKernel(String id, ActType defaultAct) {
        this.id = id;
        this.defaultAct = defaultAct;
    }

    /** CLI name, e.g. {@code i2_s}. */
    public String id() {
        return id;
    }

    /** The activation type (W1.58A16 defaults to F16; BF16 is chosen per request). */
    public ActType defaultAct() {
        return defaultAct;
    }

    public boolean isLut() {
        return this == TL2;
    }

    /** The K granularity of a tile: the I2_S block, or TL2's BK (the int16 accumulation block). */
    public int kAlign() {
        return this == TL2 ? TL2_BK : I2S_BLOCK;
    }

    /** Accumulator bytes per output in the OUT buffer: 4 (int32), or 16 float lanes for W1.58A16. */
    public int accumulatorBytes() {
        return this == TERNARY_A16 ? 64 : 4;
    }

    /** Packed weight bits per weight in DRAM: 2 (I2_S), or TL2's 4-bit index + sign bit per triple (5/3). */
    public double weightBits() {
        return this == TL2 ? 5.0 / 3 : 2.0;
    }

    /** The kernel with this CLI name; throws IllegalArgumentException listing the valid names. */
    public static AccelKernel byId(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (AccelKernel k : values()) {
            if (k.id.equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown accelerator kernel '" + name + "'; expected one of i2_s, tl2,"
                + " i2_s-int4, ternary-a16");
    }
}
