// The codegen tile sizes a bitnet.cpp TL1/TL2 tensor was laid out for (include/kernel_config.ini: bm, bk, bmm).
package org.ternsim.kernels.lut;

/**
 * The GGUF file does not record these: bitnet.cpp's converter reads them from the kernel_config.ini generated for the
 * model's shapes (kernels.md §5). TL1 needs M % BM == 0, K % BK == 0, BM % bm == 0 and bm in {32, 64}
 * (by = 256 / bm activations per compute block); TL2 needs bm = 32 (by = 192 / bm = 6).
 *
 * @param bigM  BM, rows per tile
 * @param bigK  BK, activations per tile (the TL2 triple part's block)
 * @param smallM bm, rows per compute block
 */
public record TlKernelConfig(int bigM, int bigK, int smallM) {

    public TlKernelConfig {
        if (bigM < 1 || bigK < 1 || smallM < 1 || bigM % smallM != 0) {
            throw new IllegalArgumentException("TL kernel config needs BM, BK, bm >= 1 and BM % bm == 0, got BM "
                    + bigM + ", BK " + bigK + ", bm " + smallM);
        }
    }
}
