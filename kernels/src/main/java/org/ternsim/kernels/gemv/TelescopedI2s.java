// The telescoped 16-bit form of the I2_S dot product that the Vector API kernels (GEMV and GEMM) share.
package org.ternsim.kernels.gemv;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import org.ternsim.kernels.format.I2sWeights;

/**
 * Building blocks of the integer Vector API kernels: activation preparation, the per-slot multiply-add, the 16 to 32
 * bit widening and the scalar tail.
 *
 * <p>Lane view. A weight vector of V packed bytes is read as V/2 little-endian 16-bit lanes; each lane p holds eight
 * codes, c_j in bits [2j+1:2j] (slot j = 0..7). Let P_j = p >>> 2j (logical), so P_8 = 0 and c_j = P_j - 4 P_(j+1).
 * Then, for the activations a_j of the eight codes,
 * <pre>
 *   sum_j c_j a_j = sum_j P_j (a_j - 4 a_(j-1)),   a_(-1) = 0   (telescoping)
 * </pre>
 * so with prepared activations b_j = a_j - 4 a_(j-1) each slot costs one shift, one 16-bit multiply and one add, and
 * no mask (the AVX2 kernel needs {@code vpsrlw} + {@code vpand} per plane, kernels.md §2.3). P_j reaches 65 535, so the
 * lane products wrap; every 16-bit operation is exact modulo 2^16, hence each lane accumulator is congruent to the
 * true sum of its c*a products modulo 2^16.
 *
 * <p>Overflow proof. A product c*a with c in {0, 1, 2} and a in [-128, 127] lies in [-256, 254]. One weight vector adds
 * 8 products per lane, so {@link #CHUNK} = 16 vectors add at most 128: the true lane sum lies in
 * [-32 768, 32 512], inside the 16-bit range. A value congruent to it modulo 2^16 and read as a signed short is
 * therefore exactly it; {@link #widenAdd} sign-extends it into 32-bit lanes after every chunk. The int32 total is at
 * most 256 K in magnitude, exact for K within {@link org.ternsim.kernels.format.I2sLayout#MAX_COLS}. INT4 codes
 * ([-8, 7]) are a subset of the int8 range, so the same proof covers them.
 */
public final class TelescopedI2s {

    /** Weight vectors accumulated in 16 bits before widening; see the overflow proof. */
    public static final int CHUNK = 16;
    /** 2-bit codes per 16-bit lane. */
    public static final int SLOTS = 8;

    private TelescopedI2s() {
    }

    /**
     * Prepared activations for weight vectors of {@code vectorBytes} bytes: entry (v * 8 + j) * V/2 + i is b_j of
     * lane i of weight vector v, covering the first {@link #bodyBytes} bytes of a row. Lane i of vector v is bytes
     * v*V + 2i (slots 0..3, planes 3..0) and v*V + 2i + 1 (slots 4..7, planes 3..0); both lie in one block because
     * blocks have an even byte count.
     */
    public static short[] prepare(I2sWeights w, byte[] codes, int vectorBytes) {
        int lanes = vectorBytes / 2;
        int body = bodyBytes(w, vectorBytes);
        int blockSize = w.layout().blockSize();
        int blockBytes = w.layout().bytesPerBlock();
        int blockShift = Integer.numberOfTrailingZeros(blockBytes);
        short[] act = new short[4 * body];
        for (int v = 0; v < body / vectorBytes; v++) {
            int out = v * SLOTS * lanes;
            for (int i = 0; i < lanes; i++) {
                int b = v * vectorBytes + 2 * i;
                int base = (b >> blockShift) * blockSize + (b & (blockBytes - 1));
                // Slots 0..3: planes 3..0 of the low byte; slots 4..7: planes 3..0 of the high byte (base + 1).
                int a0 = codes[base + 3 * blockBytes];
                int a1 = codes[base + 2 * blockBytes];
                int a2 = codes[base + blockBytes];
                int a3 = codes[base];
                int a4 = codes[base + 1 + 3 * blockBytes];
                int a5 = codes[base + 1 + 2 * blockBytes];
                int a6 = codes[base + 1 + blockBytes];
                int a7 = codes[base + 1];
                int o = out + i;
                act[o] = (short) a0;
                act[o + lanes] = (short) (a1 - 4 * a0);
                act[o + 2 * lanes] = (short) (a2 - 4 * a1);
                act[o + 3 * lanes] = (short) (a3 - 4 * a2);
                act[o + 4 * lanes] = (short) (a4 - 4 * a3);
                act[o + 5 * lanes] = (short) (a5 - 4 * a4);
                act[o + 6 * lanes] = (short) (a6 - 4 * a5);
                act[o + 7 * lanes] = (short) (a7 - 4 * a6);
            }
        }
        return act;
    }

    /** Bytes of a row that whole vectors of {@code vectorBytes} cover; the rest goes to {@link #tail}. */
    public static int bodyBytes(I2sWeights w, int vectorBytes) {
        return w.rowBytes() / vectorBytes * vectorBytes;
    }

    /** acc + packed * b: slot 0, or a slot whose shifted weights are shared by several activation rows. */
    public static ShortVector mulAdd(ShortVector acc, ShortVector packed, ShortVector b) {
        return acc.add(packed.mul(b));
    }

    /** acc + (packed >>> shift) * b for one slot (shift = 2j). */
    public static ShortVector slot(ShortVector acc, ShortVector packed, int shift, ShortVector b) {
        return acc.add(packed.lanewise(VectorOperators.LSHR, shift).mul(b));
    }

    /** Adds both 16-bit halves of every int lane of {@code acc}, sign-extended, into {@code total}. */
    public static IntVector widenAdd(IntVector total, ShortVector acc) {
        IntVector pairs = acc.reinterpretAsInts();
        return total.add(pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
                .add(pairs.lanewise(VectorOperators.ASHR, 16));
    }

    /** Scalar sum c*q over the row's bytes from {@code from}, read through the layout as in {@link ScalarI2sGemv}. */
    public static int tail(I2sWeights w, int row, int from, byte[] codes) {
        byte[] data = w.data();
        int rowStart = row * w.rowBytes();
        int blockSize = w.layout().blockSize();
        int blockBytes = w.layout().bytesPerBlock();
        int sum = 0;
        for (int b = from; b < w.rowBytes(); b++) {
            int packed = data[rowStart + b];
            int first = b / blockBytes * blockSize + b % blockBytes;
            for (int k = 0; k < 4; k++) {
                sum += ((packed >>> (6 - 2 * k)) & 3) * codes[first + k * blockBytes];
            }
        }
        return sum;
    }
}
