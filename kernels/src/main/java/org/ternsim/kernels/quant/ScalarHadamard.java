// Scalar reference of the blocked Hadamard transform: the butterfly stages in the order Hadamard defines.
package org.ternsim.kernels.quant;

/** The reference {@link Hadamard}: plain loops, one stage at a time. */
public final class ScalarHadamard implements Hadamard {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void transform(float[] x, int offset, int length, int block) {
        Hadamard.checkArgs(x, offset, length, block);
        float scale = Hadamard.normalisation(block);
        for (int start = offset; start < offset + length; start += block) {
            transformBlock(x, start, block, scale);
        }
    }

    /** One block at {@code start}: all stages, then the scale; the Vector API kernel uses it for narrow blocks. */
    static void transformBlock(float[] x, int start, int block, float scale) {
        for (int h = 1; h < block; h <<= 1) {
            for (int i = start; i < start + block; i += 2 * h) {
                for (int j = i; j < i + h; j++) {
                    float a = x[j];
                    float c = x[j + h];
                    x[j] = a + c;
                    x[j + h] = a - c;
                }
            }
        }
        for (int j = start; j < start + block; j++) {
            x[j] *= scale;
        }
    }
}
