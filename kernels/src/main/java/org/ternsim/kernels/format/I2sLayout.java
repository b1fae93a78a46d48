// The two I2_S block layouts of bitnet.cpp: 128-value blocks on x86, 64-value blocks on ARM.
package org.ternsim.kernels.format;

/**
 * Block layout of I2_S weights (kernels.md §2.1). Each block of {@link #blockSize()} consecutive values of the
 * row-major tensor becomes {@link #bytesPerBlock()} bytes; value j of a block goes to byte j mod bytesPerBlock at
 * bit position 6 - 2 * (j div bytesPerBlock).
 */
public enum I2sLayout {
    /** x86 builds (SSSE3, AVX, AVX2, AVX-512): QK_I2_S = 128. */
    X86_128(128, "x86"),
    /** ARM NEON builds: QK_I2_S = 64. */
    ARM_64(64, "ARM");

    /** Largest K for which the int32 accumulator is exact: |sum c*q| <= 256 * K <= 2^31. */
    public static final int MAX_COLS = 1 << 23;

    private final int blockSize;
    private final String platform;

    I2sLayout(int blockSize, String platform) {
        this.blockSize = blockSize;
        this.platform = platform;
    }

    /** Values per block (QK_I2_S). */
    public int blockSize() {
        return blockSize;
    }

    /** Packed bytes per block: four 2-bit codes per byte. */
    public int bytesPerBlock() {
        return blockSize / 4;
    }

    /** Throws {@link IllegalArgumentException} naming the nearest valid K unless {@code cols} is whole blocks. */
    public void checkCols(int cols) {
        if (cols > MAX_COLS) {
            throw new IllegalArgumentException("I2_S needs K <= " + MAX_COLS + " so the int32 accumulator is exact, got "
                    + cols);
        }
        if (cols < 1 || cols % blockSize != 0) {
            throw new IllegalArgumentException("I2_S (" + platform + ") needs K to be a multiple of " + blockSize
                    + ", got " + cols + "; nearest valid: " + nearestValid(cols));
        }
    }

    private String nearestValid(int cols) {
        int lower = Math.floorDiv(cols, blockSize) * blockSize;
        int upper = lower + blockSize;
        if (lower < blockSize) {
            return Integer.toString(Math.max(upper, blockSize));
        }
        int below = cols - lower;
        int above = upper - cols;
        if (below == above) {
            return lower + " or " + upper;
        }
        return Integer.toString(below < above ? lower : upper);
    }
}
