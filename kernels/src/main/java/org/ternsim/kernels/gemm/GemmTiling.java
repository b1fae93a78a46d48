// The three tile sizes of bitnet.cpp's activation-parallel GEMM (include/gemm-config.h), validated.
package org.ternsim.kernels.gemm;

/**
 * Loop blocking of the activation-parallel (Nx1) GEMM, named as in bitnet.cpp: weight rows (outputs) are taken in
 * blocks of {@code colBlock}, tokens in blocks of {@code rowBlock}, and inside a block each unpacked weight vector is
 * used against {@code parallel} tokens at once. Tiling changes speed only, never a result bit.
 *
 * @param rowBlock tokens per block (ROW_BLOCK_SIZE), at least 1
 * @param colBlock weight rows per block (COL_BLOCK_SIZE), at least 1
 * @param parallel tokens sharing one weight unpack (PARALLEL_SIZE): 1, 4 or 8, the bodies the Vector API kernels have
 */
public record GemmTiling(int rowBlock, int colBlock, int parallel) {

    /** bitnet.cpp's x86 default (AVX2/AVX-512 builds): 4 / 128 / 4. */
    public static final GemmTiling X86_DEFAULT = new GemmTiling(4, 128, 4);

    public GemmTiling {
        if (rowBlock < 1 || colBlock < 1) {
            throw new IllegalArgumentException("GEMM row and column blocks must be >= 1, got " + rowBlock + " / "
                    + colBlock);
        }
        if (parallel != 1 && parallel != 4 && parallel != 8) {
            throw new IllegalArgumentException("GEMM parallel size must be 1, 4 or 8 (the bodies that exist), got "
                    + parallel);
        }
    }
}
