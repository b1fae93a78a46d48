// The W1.58A16 GEMV on the incubator Vector API, in the canonical 16-lane float order, so it equals the scalar bits.
package org.ternsim.kernels.gemv;

import org.ternsim.kernels.KernelProvider;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.ternsim.kernels.format.I2sWeights;

/**
 * {@link TernaryA16Gemv} with the Vector API at 128, 256 or 512 bits.
 *
 * <p>Each step takes 16 consecutive k (16 bytes of one block, one 2-bit plane): the bytes are shifted and masked to
 * codes, turned into trits c - 1 as bytes, converted to 16 floats and fused-multiply-added into the row's 16 lane
 * sums, held in one 512-bit, two 256-bit or four 128-bit vectors, so lane L always receives k = L mod 16. Steps run in
 * increasing k, which is the scalar reference's order per lane, in one flat loop: C2 (JDK 17) boxes vector
 * accumulators carried through nested loops. Rows are processed four at a time so each activation vector is loaded
 * once for four rows and four FMA chains overlap (one chain is FMA-latency bound).
 *
 * <p>Keep the bodies small: C2 inlines every Vector API call, and a body beyond its inlining budget boxes its vectors
 * and runs some 20 times slower.
 */
public final class PanamaTernaryA16Gemv implements TernaryA16Gemv {

    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Float> F128 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Float> F256 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;
    private final int bits;

    /** Uses the given float species (128, 256 or 512 bits). */
    public PanamaTernaryA16Gemv(VectorSpecies<Float> species) {
        this.bits = species.vectorBitSize();
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("PanamaTernaryA16Gemv supports 128-, 256- and 512-bit species, got "
                    + bits);
        }
    }

    /** Factory that {@link KernelProvider} finds reflectively; {@code bits == 0} means the preferred width. */
    public static TernaryA16Gemv forBits(int bits) {
        return new PanamaTernaryA16Gemv(bits == 0 ? FloatVector.SPECIES_PREFERRED
                : VectorSpecies.of(float.class, VectorShape.forBitSize(bits)));
    }

    @Override
    public String name() {
        return "panama/" + bits + "-bit";
    }

    @Override
    public void gemv(I2sWeights w, A16Activations x, float[] y) {
        ScalarTernaryA16Gemv.checkGemv(w, x.bits().length, y.length);
        float[] xf = x.toFloats();
        float[] lanes = new float[4 * CanonicalSum.LANES];
        int blocks = w.cols() / w.layout().blockSize();
        int blockBytes = w.layout().bytesPerBlock();
        int row = 0;
        for (; row + 4 <= w.rows(); row += 4) {
            int start = row * w.rowBytes();
            switch (bits) {
                case 128:
                    rows4Body128(w.data(), start, w.rowBytes(), blocks, blockBytes, xf, lanes);
                    break;
                case 256:
                    rows4Body256(w.data(), start, w.rowBytes(), blocks, blockBytes, xf, lanes);
                    break;
                default:
                    rows4Body512(w.data(), start, w.rowBytes(), blocks, blockBytes, xf, lanes);
                    break;
            }
            for (int r = 0; r < 4; r++) {
                y[row + r] = CanonicalSum.output(CanonicalSum.tree(lanes, r * CanonicalSum.LANES), w.scale());
            }
        }
        for (; row < w.rows(); row++) {
            y[row] = CanonicalSum.output(rowSum(w, row, xf, lanes), w.scale());
        }
    }

    /** The canonical-order sum of one row against float activations {@code x}; {@code lanes} is scratch of 16+. */
    public float rowSum(I2sWeights w, int row, float[] x, float[] lanes) {
        int blocks = w.cols() / w.layout().blockSize();
        int blockBytes = w.layout().bytesPerBlock();
        int start = row * w.rowBytes();
        switch (bits) {
            case 128:
                row1Body128(w.data(), start, blocks, blockBytes, x, lanes, 0);
                break;
            case 256:
                row1Body256(w.data(), start, blocks, blockBytes, x, lanes, 0);
                break;
            default:
                row1Body512(w.data(), start, blocks, blockBytes, x, lanes, 0);
                break;
        }
        return CanonicalSum.tree(lanes, 0);
    }

    /**
     * Trits t = c - 1 of the 16 bytes at {@code off}, plane {@code (6 - shift) / 2}, as bytes in {-1, 0, 1}. The
     * shift runs on 16-bit lanes (x86 has no byte shift); the mask drops the bits that crossed from the upper byte.
     */
    public static ByteVector trits16(byte[] data, int off, int shift) {
        return ByteVector.fromArray(B128, data, off).reinterpretAsShorts().lanewise(VectorOperators.LSHR, shift)
                .reinterpretAsBytes().and((byte) 3).sub((byte) 1);
    }

    /** Lane sums of rows r .. r+3 (row r at byte {@code start}), sharing each activation load between them. */
    private static void rows4Body512(byte[] data, int start, int rowBytes, int blocks, int blockBytes, float[] x,
            float[] lanes) {
        FloatVector r0p0 = FloatVector.zero(F512);
        FloatVector r1p0 = FloatVector.zero(F512);
        FloatVector r2p0 = FloatVector.zero(F512);
        FloatVector r3p0 = FloatVector.zero(F512);
        int byteShift = Integer.numberOfTrailingZeros(blockBytes);
        int blockShift = byteShift + 2;
        int cols = blocks << blockShift;
        for (int k = 0; k < cols; k += 16) {
            int inBlock = k & ((1 << blockShift) - 1);
            int off = start + (k >> blockShift) * blockBytes + (inBlock & (blockBytes - 1));
            int shift = 6 - 2 * (inBlock >> byteShift);
            FloatVector x0 = FloatVector.fromArray(F512, x, k + 0);
            ByteVector t0 = trits16(data, off, shift);
            r0p0 = ((FloatVector) t0.convertShape(VectorOperators.B2F, F512, 0)).fma(x0, r0p0);
            ByteVector t1 = trits16(data, off + rowBytes, shift);
            r1p0 = ((FloatVector) t1.convertShape(VectorOperators.B2F, F512, 0)).fma(x0, r1p0);
            ByteVector t2 = trits16(data, off + 2 * rowBytes, shift);
            r2p0 = ((FloatVector) t2.convertShape(VectorOperators.B2F, F512, 0)).fma(x0, r2p0);
            ByteVector t3 = trits16(data, off + 3 * rowBytes, shift);
            r3p0 = ((FloatVector) t3.convertShape(VectorOperators.B2F, F512, 0)).fma(x0, r3p0);
        }
        r0p0.intoArray(lanes, 0);
        r1p0.intoArray(lanes, 16);
        r2p0.intoArray(lanes, 32);
        r3p0.intoArray(lanes, 48);
    }

    /** Lane sums of the row at byte {@code start} against one token, into {@code lanes[off0 .. off0+15]}. */
    private static void row1Body512(byte[] data, int start, int blocks, int blockBytes, float[] x, float[] lanes,
            int off0) {
        FloatVector r0 = FloatVector.zero(F512);
        int byteShift = Integer.numberOfTrailingZeros(blockBytes);
        int blockShift = byteShift + 2;
        int cols = blocks << blockShift;
        for (int k = 0; k < cols; k += 16) {
            int inBlock = k & ((1 << blockShift) - 1);
            int off = start + (k >> blockShift) * blockBytes + (inBlock & (blockBytes - 1));
            int shift = 6 - 2 * (inBlock >> byteShift);
            ByteVector t = trits16(data, off, shift);
            r0 = ((FloatVector) t.convertShape(VectorOperators.B2F, F512, 0)).fma(FloatVector.fromArray(F512, x, k + 0), r0);
        }
        r0.intoArray(lanes, off0 + 0);
    }

    /** Lane sums of rows r .. r+3 (row r at byte {@code start}), sharing each activation load between them. */
    private static void rows4Body256(byte[] data, int start, int rowBytes, int blocks, int blockBytes, float[] x,
            float[] lanes) {
        FloatVector r0p0 = FloatVector.zero(F256);
        FloatVector r0p1 = FloatVector.zero(F256);
        FloatVector r1p0 = FloatVector.zero(F256);
        FloatVector r1p1 = FloatVector.zero(F256);
        FloatVector r2p0 = FloatVector.zero(F256);
        FloatVector r2p1 = FloatVector.zero(F256);
        FloatVector r3p0 = FloatVector.zero(F256);
        FloatVector r3p1 = FloatVector.zero(F256);
        int byteShift = Integer.numberOfTrailingZeros(blockBytes);
        int blockShift = byteShift + 2;
        int cols = blocks << blockShift;
        for (int k = 0; k < cols; k += 16) {
            int inBlock = k & ((1 << blockShift) - 1);
            int off = start + (k >> blockShift) * blockBytes + (inBlock & (blockBytes - 1));
            int shift = 6 - 2 * (inBlock >> byteShift);
            FloatVector x0 = FloatVector.fromArray(F256, x, k + 0);
            FloatVector x1 = FloatVector.fromArray(F256, x, k + 8);
            ByteVector t0 = trits16(data, off, shift);
            r0p0 = ((FloatVector) t0.convertShape(VectorOperators.B2F, F256, 0)).fma(x0, r0p0);
            r0p1 = ((FloatVector) t0.convertShape(VectorOperators.B2F, F256, 1)).fma(x1, r0p1);
            ByteVector t1 = trits16(data, off + rowBytes, shift);
            r1p0 = ((FloatVector) t1.convertShape(VectorOperators.B2F, F256, 0)).fma(x0, r1p0);
            r1p1 = ((FloatVector) t1.convertShape(VectorOperators.B2F, F256, 1)).fma(x1, r1p1);
            ByteVector t2 = trits16(data, off + 2 * rowBytes, shift);
            r2p0 = ((FloatVector) t2.convertShape(VectorOperators.B2F, F256, 0)).fma(x0, r2p0);
            r2p1 = ((FloatVector) t2.convertShape(VectorOperators.B2F, F256, 1)).fma(x1, r2p1);
            ByteVector t3 = trits16(data, off + 3 * rowBytes, shift);
            r3p0 = ((FloatVector) t3.convertShape(VectorOperators.B2F, F256, 0)).fma(x0, r3p0);
            r3p1 = ((FloatVector) t3.convertShape(VectorOperators.B2F, F256, 1)).fma(x1, r3p1);
        }
        r0p0.intoArray(lanes, 0);
        r0p1.intoArray(lanes, 8);
        r1p0.intoArray(lanes, 16);
        r1p1.intoArray(lanes, 24);
        r2p0.intoArray(lanes, 32);
        r2p1.intoArray(lanes, 40);
        r3p0.intoArray(lanes, 48);
        r3p1.intoArray(lanes, 56);
    }

    /** Lane sums of the row at byte {@code start} against one token, into {@code lanes[off0 .. off0+15]}. */
    private static void row1Body256(byte[] data, int start, int blocks, int blockBytes, float[] x, float[] lanes,
            int off0) {
        FloatVector r0 = FloatVector.zero(F256);
        FloatVector r1 = FloatVector.zero(F256);
        int byteShift = Integer.numberOfTrailingZeros(blockBytes);
        int blockShift = byteShift + 2;
        int cols = blocks << blockShift;
        for (int k = 0; k < cols; k += 16) {
            int inBlock = k & ((1 << blockShift) - 1);
            int off = start + (k >> blockShift) * blockBytes + (inBlock & (blockBytes - 1));
            int shift = 6 - 2 * (inBlock >> byteShift);
            ByteVector t = trits16(data, off, shift);
            r0 = ((FloatVector) t.convertShape(VectorOperators.B2F, F256, 0)).fma(FloatVector.fromArray(F256, x, k + 0), r0);
            r1 = ((FloatVector) t.convertShape(VectorOperators.B2F, F256, 1)).fma(FloatVector.fromArray(F256, x, k + 8), r1);
        }
        r0.intoArray(lanes, off0 + 0);
        r1.intoArray(lanes, off0 + 8);
    }

    /** Lane sums of rows r .. r+3 (row r at byte {@code start}), sharing each activation load between them. */
    private static void rows4Body128(byte[] data, int start, int rowBytes, int blocks, int blockBytes, float[] x,
            float[] lanes) {
        FloatVector r0p0 = FloatVector.zero(F128);
        FloatVector r0p1 = FloatVector.zero(F128);
        FloatVector r0p2 = FloatVector.zero(F128);
        FloatVector r0p3 = FloatVector.zero(F128);
        FloatVector r1p0 = FloatVector.zero(F128);
        FloatVector r1p1 = FloatVector.zero(F128);
        FloatVector r1p2 = FloatVector.zero(F128);
        FloatVector r1p3 = FloatVector.zero(F128);
        FloatVector r2p0 = FloatVector.zero(F128);
        FloatVector r2p1 = FloatVector.zero(F128);
        FloatVector r2p2 = FloatVector.zero(F128);
        FloatVector r2p3 = FloatVector.zero(F128);
        FloatVector r3p0 = FloatVector.zero(F128);
        FloatVector r3p1 = FloatVector.zero(F128);
        FloatVector r3p2 = FloatVector.zero(F128);
        FloatVector r3p3 = FloatVector.zero(F128);
        int byteShift = Integer.numberOfTrailingZeros(blockBytes);
        int blockShift = byteShift + 2;
        int cols = blocks << blockShift;
        for (int k = 0; k < cols; k += 16) {
            int inBlock = k & ((1 << blockShift) - 1);
            int off = start + (k >> blockShift) * blockBytes + (inBlock & (blockBytes - 1));
            int shift = 6 - 2 * (inBlock >> byteShift);
            FloatVector x0 = FloatVector.fromArray(F128, x, k + 0);
            FloatVector x1 = FloatVector.fromArray(F128, x, k + 4);
            FloatVector x2 = FloatVector.fromArray(F128, x, k + 8);
            FloatVector x3 = FloatVector.fromArray(F128, x, k + 12);
            ByteVector t0 = trits16(data, off, shift);
            r0p0 = ((FloatVector) t0.convertShape(VectorOperators.B2F, F128, 0)).fma(x0, r0p0);
            r0p1 = ((FloatVector) t0.convertShape(VectorOperators.B2F, F128, 1)).fma(x1, r0p1);
            r0p2 = ((FloatVector) t0.convertShape(VectorOperators.B2F, F128, 2)).fma(x2, r0p2);
            r0p3 = ((FloatVector) t0.convertShape(VectorOperators.B2F, F128, 3)).fma(x3, r0p3);
            ByteVector t1 = trits16(data, off + rowBytes, shift);
            r1p0 = ((FloatVector) t1.convertShape(VectorOperators.B2F, F128, 0)).fma(x0, r1p0);
            r1p1 = ((FloatVector) t1.convertShape(VectorOperators.B2F, F128, 1)).fma(x1, r1p1);
            r1p2 = ((FloatVector) t1.convertShape(VectorOperators.B2F, F128, 2)).fma(x2, r1p2);
            r1p3 = ((FloatVector) t1.convertShape(VectorOperators.B2F, F128, 3)).fma(x3, r1p3);
            ByteVector t2 = trits16(data, off + 2 * rowBytes, shift);
            r2p0 = ((FloatVector) t2.convertShape(VectorOperators.B2F, F128, 0)).fma(x0, r2p0);
            r2p1 = ((FloatVector) t2.convertShape(VectorOperators.B2F, F128, 1)).fma(x1, r2p1);
            r2p2 = ((FloatVector) t2.convertShape(VectorOperators.B2F, F128, 2)).fma(x2, r2p2);
            r2p3 = ((FloatVector) t2.convertShape(VectorOperators.B2F, F128, 3)).fma(x3, r2p3);
            ByteVector t3 = trits16(data, off + 3 * rowBytes, shift);
            r3p0 = ((FloatVector) t3.convertShape(VectorOperators.B2F, F128, 0)).fma(x0, r3p0);
            r3p1 = ((FloatVector) t3.convertShape(VectorOperators.B2F, F128, 1)).fma(x1, r3p1);
            r3p2 = ((FloatVector) t3.convertShape(VectorOperators.B2F, F128, 2)).fma(x2, r3p2);
            r3p3 = ((FloatVector) t3.convertShape(VectorOperators.B2F, F128, 3)).fma(x3, r3p3);
        }
        r0p0.intoArray(lanes, 0);
        r0p1.intoArray(lanes, 4);
        r0p2.intoArray(lanes, 8);
        r0p3.intoArray(lanes, 12);
        r1p0.intoArray(lanes, 16);
        r1p1.intoArray(lanes, 20);
        r1p2.intoArray(lanes, 24);
        r1p3.intoArray(lanes, 28);
        r2p0.intoArray(lanes, 32);
        r2p1.intoArray(lanes, 36);
        r2p2.intoArray(lanes, 40);
        r2p3.intoArray(lanes, 44);
        r3p0.intoArray(lanes, 48);
        r3p1.intoArray(lanes, 52);
        r3p2.intoArray(lanes, 56);
        r3p3.intoArray(lanes, 60);
    }

    /** Lane sums of the row at byte {@code start} against one token, into {@code lanes[off0 .. off0+15]}. */
    private static void row1Body128(byte[] data, int start, int blocks, int blockBytes, float[] x, float[] lanes,
            int off0) {
        FloatVector r0 = FloatVector.zero(F128);
        FloatVector r1 = FloatVector.zero(F128);
        FloatVector r2 = FloatVector.zero(F128);
        FloatVector r3 = FloatVector.zero(F128);
        int byteShift = Integer.numberOfTrailingZeros(blockBytes);
        int blockShift = byteShift + 2;
        int cols = blocks << blockShift;
        for (int k = 0; k < cols; k += 16) {
            int inBlock = k & ((1 << blockShift) - 1);
            int off = start + (k >> blockShift) * blockBytes + (inBlock & (blockBytes - 1));
            int shift = 6 - 2 * (inBlock >> byteShift);
            ByteVector t = trits16(data, off, shift);
            r0 = ((FloatVector) t.convertShape(VectorOperators.B2F, F128, 0)).fma(FloatVector.fromArray(F128, x, k + 0), r0);
            r1 = ((FloatVector) t.convertShape(VectorOperators.B2F, F128, 1)).fma(FloatVector.fromArray(F128, x, k + 4), r1);
            r2 = ((FloatVector) t.convertShape(VectorOperators.B2F, F128, 2)).fma(FloatVector.fromArray(F128, x, k + 8), r2);
            r3 = ((FloatVector) t.convertShape(VectorOperators.B2F, F128, 3)).fma(FloatVector.fromArray(F128, x, k + 12), r3);
        }
        r0.intoArray(lanes, off0 + 0);
        r1.intoArray(lanes, off0 + 4);
        r2.intoArray(lanes, off0 + 8);
        r3.intoArray(lanes, off0 + 12);
    }
}
