// The ggml block formats the baseline kernels implement: their ggml type, kernel name and activation type.
package org.ternsim.kernels.baseline;

import java.util.Locale;
import org.ternsim.kernels.gguf.GgmlType;

/** A subset of {@link GgmlType}; the block geometry is the ggml type's (ggml-common.h {@code static_assert}s). */
public enum BlockFormat {
    /** 4-byte IEEE float. */
    F32(GgmlType.F32),
    /** 2-byte IEEE half. */
    F16(GgmlType.F16),
    /** 2-byte bfloat16. */
    BF16(GgmlType.BF16),
    /** {@code block_q8_0}: fp16 d, int8 qs[32]. */
    Q8_0(GgmlType.Q8_0),
    /** {@code block_q4_0}: fp16 d, uint8 qs[16] (value j in the low nibble of byte j, value j+16 in its high nibble). */
    Q4_0(GgmlType.Q4_0),
    /** {@code block_q2_K}: uint8 scales[16] (4-bit scale, 4-bit min), uint8 qs[64] (2 bits per value), fp16 d, dmin. */
    Q2_K(GgmlType.Q2_K),
    /** {@code block_q6_K}: uint8 ql[128], uint8 qh[64], int8 scales[16], fp16 d. */
    Q6_K(GgmlType.Q6_K),
    /** {@code block_tq2_0}: uint8 qs[64] (2 bits per value), fp16 d. */
    TQ2_0(GgmlType.TQ2_0),
    /** {@code block_tq1_0}: uint8 qs[48] (5 trits per byte), uint8 qh[4] (4 trits per byte), fp16 d. */
    TQ1_0(GgmlType.TQ1_0),
    /** {@code block_q8_K}: fp32 d, int8 qs[256], int16 bsums[16]; an activation type. */
    Q8_K(GgmlType.Q8_K);

    private final GgmlType ggml;

    BlockFormat(GgmlType ggml) {
        this.ggml = ggml;
    }

    /** The ggml tensor type, as GGUF files name it. */
    public GgmlType ggml() {
        return ggml;
    }

    /** The format of a ggml type, if the baseline kernels implement it. */
    public static java.util.Optional<BlockFormat> of(GgmlType type) {
        for (BlockFormat f : values()) {
            if (f.ggml == type) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }

    /** Values per block. */
    public int blockSize() {
        return ggml.blockSize();
    }

    /** Bytes per block. */
    public int blockBytes() {
        return ggml.typeSize();
    }

    /** The kernel name used across TernSim (DESIGN.md conventions), e.g. {@code q6_k}. */
    public String kernelName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The activation type of this weight type's GEMV, as ggml's {@code vec_dot_type}: F32 for F32 weights, F16 for F16
     * weights (ggml's {@code ggml_fp32_to_fp16_row} rounds the activations before {@code ggml_vec_dot_f16}), Q8_0 or
     * Q8_K for the block formats. BF16 has no GEMV here.
     */
    public BlockFormat activationType() {
        switch (this) {
            case F32:
                return F32;
            case F16:
                return F16;
            case Q8_0:
            case Q4_0:
                return Q8_0;
            case Q2_K:
            case Q6_K:
            case TQ2_0:
            case TQ1_0:
                return Q8_K;
            default:
                throw new UnsupportedOperationException("no " + kernelName() + " GEMV: " + kernelName()
                        + " is not a weight type of the baseline kernels");
        }
    }

    /** Bytes of a row of {@code cols} values; throws with the nearest valid sizes when cols is not whole blocks. */
    public int rowBytes(int cols) {
        checkCols(cols);
        return cols / blockSize() * blockBytes();
    }

    /** Throws unless {@code cols} is a positive multiple of the block size. */
    public void checkCols(int cols) {
        int blockSize = blockSize();
        if (cols <= 0 || cols % blockSize != 0) {
            int below = cols / blockSize * blockSize;
            throw new IllegalArgumentException(kernelName() + " needs K to be a positive multiple of " + blockSize
                    + ", got K = " + cols + " (nearest valid: "
                    + (below > 0 ? below + " or " : "") + (below + blockSize) + ")");
        }
    }
}
