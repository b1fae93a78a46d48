// The reference I2_S GEMV: plain loops that read each code where the layout puts it.
package org.ternsim.kernels.gemv;

import org.ternsim.kernels.format.I2sWeights;

/**
 * Scalar reference. For each block of B values and each of its B/4 bytes p, bits 6 - 2k hold value k * (B/4) + p
 * of the block (kernels.md §2.1); the products are summed in int32, which is exact for K within
 * {@link org.ternsim.kernels.format.I2sLayout#MAX_COLS}.
 */
public final class ScalarI2sGemv implements I2sGemv {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int dotRaw(I2sWeights w, int row, byte[] codes) {
        I2sGemvArgs.checkRow(w, row, codes);
        byte[] data = w.data();
        int blockSize = w.layout().blockSize();
        int blockBytes = w.layout().bytesPerBlock();
        int rowStart = row * w.rowBytes();
        int sum = 0;
        for (int block = 0; block < w.cols(); block += blockSize) {
            int byteStart = rowStart + block / 4;
            for (int p = 0; p < blockBytes; p++) {
                int packed = data[byteStart + p];
                for (int k = 0; k < 4; k++) {
                    int c = (packed >>> (6 - 2 * k)) & 3;
                    sum += c * codes[block + k * blockBytes + p];
                }
            }
        }
        return sum;
    }
}
