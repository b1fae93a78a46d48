// The host-speed I2_S GEMV on the incubator Vector API; exact, so it equals ScalarI2sGemv for every input.
package org.ternsim.kernels.gemv;

import org.ternsim.kernels.KernelProvider;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * I2_S GEMV with the Vector API at 128, 256 or 512 bits.
 *
 * <p>Shape of the kernel. The activation row is shared by all M rows, so it is rearranged once per GEMV into the
 * telescoped 16-bit form of {@link TelescopedI2s} (one shift, one multiply, one add per eight codes of a lane, no
 * mask). Rows are processed four at a time so that each activation vector is loaded once for four weight vectors
 * (bitnet.cpp's "1xN" weight-parallel shape, kernels.md §2.2); the last M mod 4 rows run one at a time. Each row's
 * 16-bit lanes are widened into int32 lanes every {@link TelescopedI2s#CHUNK} weight vectors (overflow proof there),
 * reduced once per row, and the bytes that do not fill a vector are summed by the scalar tail.
 *
 * <p>One body per width, because the Vector API only compiles to SIMD code when the species is a constant.
 */
public final class PanamaI2sGemv implements I2sGemv {

    // ShortVector.fromByteArray exists in JDK 17 but not in JDK 20+, so weights are loaded as bytes and
    // reinterpreted as 16-bit lanes (little-endian lane order on the little-endian hosts the Vector API supports).
    private static final VectorSpecies<Byte> BYTES_128 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Byte> BYTES_256 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES_512 = ByteVector.SPECIES_512;
    private static final VectorSpecies<Short> S128 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> I128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Short> S512 = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
    private final int bits;

    /** Uses the given byte species (128, 256 or 512 bits). */
    public PanamaI2sGemv(VectorSpecies<Byte> species) {
        this.bits = species.vectorBitSize();
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("PanamaI2sGemv supports 128-, 256- and 512-bit species, got " + bits);
        }
    }

    /** Uses the platform's preferred byte species. */
    public PanamaI2sGemv() {
        this(ByteVector.SPECIES_PREFERRED);
    }

    /** Factory that {@link KernelProvider} finds reflectively; {@code bits == 0} means the preferred width. */
    public static I2sGemv forBits(int bits) {
        if (bits == 0) {
            return new PanamaI2sGemv();
        }
        return new PanamaI2sGemv(VectorSpecies.of(byte.class, VectorShape.forBitSize(bits)));
    }

    @Override
    public String name() {
        return "panama/" + bits + "-bit";
    }

    /** Vector width in bytes. */
    public int vectorBytes() {
        return bits / 8;
    }

    /** Rearranges the activations for this one row, O(K) extra; {@link #gemv} does that once for all rows. */
    @Override
    public int dotRaw(I2sWeights w, int row, byte[] codes) {
        I2sGemvArgs.checkRow(w, row, codes);
        return rowRaw(w, row, TelescopedI2s.prepare(w, codes, vectorBytes()), codes);
    }

    /** Prepares the activations once for all listed rows. */
    @Override
    public void rowsRaw(I2sWeights w, byte[] codes, int[] rows, int count, int[] raw) {
        if (count == 0) {
            return;
        }
        I2sGemvArgs.checkRow(w, rows[0], codes);
        short[] act = TelescopedI2s.prepare(w, codes, vectorBytes());
        for (int i = 0; i < count; i++) {
            java.util.Objects.checkIndex(rows[i], w.rows());
            raw[i] = rowRaw(w, rows[i], act, codes);
        }
    }

    @Override
    public void gemv(I2sWeights w, Int8Activations x, float[] y) {
        gemvCodes(w, x.codes(), x.sum(), x.scale(), y);
    }

    /**
     * The GEMV for any activation codes in [-128, 127] (int8, or int4 codes one per byte), with the I2_S epilogue.
     *
     * @param sumCodes sum of {@code codes}
     * @param actScale activation scale s (x * s gives the codes)
     */
    public void gemvCodes(I2sWeights w, byte[] codes, int sumCodes, float actScale, float[] y) {
        I2sGemvArgs.checkGemv(w, codes, y);
        short[] act = TelescopedI2s.prepare(w, codes, vectorBytes());
        int body = TelescopedI2s.bodyBytes(w, vectorBytes());
        int vectors = body / vectorBytes();
        int[] raw = new int[4];
        int row = 0;
        for (; row + 4 <= w.rows(); row += 4) {
            rows4(w.data(), row * w.rowBytes(), w.rowBytes(), vectors, act, raw);
            for (int r = 0; r < 4; r++) {
                int sum = raw[r] + TelescopedI2s.tail(w, row + r, body, codes);
                y[row + r] = I2sEpilogue.output(sum, sumCodes, actScale, w.scale());
            }
        }
        for (; row < w.rows(); row++) {
            y[row] = I2sEpilogue.output(rowRaw(w, row, act, codes), sumCodes, actScale, w.scale());
        }
    }

    /** The raw sum of one row from prepared activations {@code act}; public so the GEMM can share it. */
    public int rowRaw(I2sWeights w, int row, short[] act, byte[] codes) {
        int body = TelescopedI2s.bodyBytes(w, vectorBytes());
        int vectors = body / vectorBytes();
        int start = row * w.rowBytes();
        int sum;
        switch (bits) {
            case 128:
                sum = row1Body128(w.data(), start, vectors, act);
                break;
            case 256:
                sum = row1Body256(w.data(), start, vectors, act);
                break;
            default:
                sum = row1Body512(w.data(), start, vectors, act);
                break;
        }
        return sum + TelescopedI2s.tail(w, row, body, codes);
    }

    private void rows4(byte[] data, int start, int rowBytes, int vectors, short[] act, int[] raw) {
        switch (bits) {
            case 128:
                rows4Body128(data, start, rowBytes, vectors, act, raw);
                break;
            case 256:
                rows4Body256(data, start, rowBytes, vectors, act, raw);
                break;
            default:
                rows4Body512(data, start, rowBytes, vectors, act, raw);
                break;
        }
    }

    /** Raw sums of rows r .. r+3, sharing each activation load between the four rows (1xN, weight parallel). */
    private static void rows4Body512(byte[] data, int start, int rowBytes, int vectors, short[] act, int[] raw) {
        int lanes = S512.length();
        int stride = 2 * lanes;
        IntVector t0 = IntVector.zero(I512);
        IntVector t1 = IntVector.zero(I512);
        IntVector t2 = IntVector.zero(I512);
        IntVector t3 = IntVector.zero(I512);
        for (int chunk = 0; chunk < vectors; chunk += TelescopedI2s.CHUNK) {
            int end = Math.min(vectors, chunk + TelescopedI2s.CHUNK);
            ShortVector s0 = ShortVector.zero(S512);
            ShortVector s1 = ShortVector.zero(S512);
            ShortVector s2 = ShortVector.zero(S512);
            ShortVector s3 = ShortVector.zero(S512);
            for (int v = chunk; v < end; v++) {
                int off = start + v * stride;
                ShortVector p0 = ByteVector.fromArray(BYTES_512, data, off).reinterpretAsShorts();
                ShortVector p1 = ByteVector.fromArray(BYTES_512, data, off + rowBytes).reinterpretAsShorts();
                ShortVector p2 = ByteVector.fromArray(BYTES_512, data, off + 2 * rowBytes).reinterpretAsShorts();
                ShortVector p3 = ByteVector.fromArray(BYTES_512, data, off + 3 * rowBytes).reinterpretAsShorts();
                int a = v * TelescopedI2s.SLOTS * lanes;
                ShortVector b = ShortVector.fromArray(S512, act, a);
                s0 = TelescopedI2s.mulAdd(s0, p0, b);
                s1 = TelescopedI2s.mulAdd(s1, p1, b);
                s2 = TelescopedI2s.mulAdd(s2, p2, b);
                s3 = TelescopedI2s.mulAdd(s3, p3, b);
                for (int j = 1; j < TelescopedI2s.SLOTS; j++) {
                    b = ShortVector.fromArray(S512, act, a + j * lanes);
                    s0 = TelescopedI2s.slot(s0, p0, 2 * j, b);
                    s1 = TelescopedI2s.slot(s1, p1, 2 * j, b);
                    s2 = TelescopedI2s.slot(s2, p2, 2 * j, b);
                    s3 = TelescopedI2s.slot(s3, p3, 2 * j, b);
                }
            }
            t0 = TelescopedI2s.widenAdd(t0, s0);
            t1 = TelescopedI2s.widenAdd(t1, s1);
            t2 = TelescopedI2s.widenAdd(t2, s2);
            t3 = TelescopedI2s.widenAdd(t3, s3);
        }
        raw[0] = t0.reduceLanes(VectorOperators.ADD);
        raw[1] = t1.reduceLanes(VectorOperators.ADD);
        raw[2] = t2.reduceLanes(VectorOperators.ADD);
        raw[3] = t3.reduceLanes(VectorOperators.ADD);
    }

    /** Raw sum of the row starting at byte {@code start} (vector part only). */
    private static int row1Body512(byte[] data, int start, int vectors, short[] act) {
        int lanes = S512.length();
        int stride = 2 * lanes;
        IntVector total = IntVector.zero(I512);
        for (int chunk = 0; chunk < vectors; chunk += TelescopedI2s.CHUNK) {
            int end = Math.min(vectors, chunk + TelescopedI2s.CHUNK);
            ShortVector s = ShortVector.zero(S512);
            for (int v = chunk; v < end; v++) {
                ShortVector p = ByteVector.fromArray(BYTES_512, data, start + v * stride).reinterpretAsShorts();
                int a = v * TelescopedI2s.SLOTS * lanes;
                s = TelescopedI2s.mulAdd(s, p, ShortVector.fromArray(S512, act, a));
                for (int j = 1; j < TelescopedI2s.SLOTS; j++) {
                    s = TelescopedI2s.slot(s, p, 2 * j, ShortVector.fromArray(S512, act, a + j * lanes));
                }
            }
            total = TelescopedI2s.widenAdd(total, s);
        }
        return total.reduceLanes(VectorOperators.ADD);
    }

    /** Raw sums of rows r .. r+3, sharing each activation load between the four rows (1xN, weight parallel). */
    private static void rows4Body256(byte[] data, int start, int rowBytes, int vectors, short[] act, int[] raw) {
        int lanes = S256.length();
        int stride = 2 * lanes;
        IntVector t0 = IntVector.zero(I256);
        IntVector t1 = IntVector.zero(I256);
        IntVector t2 = IntVector.zero(I256);
        IntVector t3 = IntVector.zero(I256);
        for (int chunk = 0; chunk < vectors; chunk += TelescopedI2s.CHUNK) {
            int end = Math.min(vectors, chunk + TelescopedI2s.CHUNK);
            ShortVector s0 = ShortVector.zero(S256);
            ShortVector s1 = ShortVector.zero(S256);
            ShortVector s2 = ShortVector.zero(S256);
            ShortVector s3 = ShortVector.zero(S256);
            for (int v = chunk; v < end; v++) {
                int off = start + v * stride;
                ShortVector p0 = ByteVector.fromArray(BYTES_256, data, off).reinterpretAsShorts();
                ShortVector p1 = ByteVector.fromArray(BYTES_256, data, off + rowBytes).reinterpretAsShorts();
                ShortVector p2 = ByteVector.fromArray(BYTES_256, data, off + 2 * rowBytes).reinterpretAsShorts();
                ShortVector p3 = ByteVector.fromArray(BYTES_256, data, off + 3 * rowBytes).reinterpretAsShorts();
                int a = v * TelescopedI2s.SLOTS * lanes;
                ShortVector b = ShortVector.fromArray(S256, act, a);
                s0 = TelescopedI2s.mulAdd(s0, p0, b);
                s1 = TelescopedI2s.mulAdd(s1, p1, b);
                s2 = TelescopedI2s.mulAdd(s2, p2, b);
                s3 = TelescopedI2s.mulAdd(s3, p3, b);
                for (int j = 1; j < TelescopedI2s.SLOTS; j++) {
                    b = ShortVector.fromArray(S256, act, a + j * lanes);
                    s0 = TelescopedI2s.slot(s0, p0, 2 * j, b);
                    s1 = TelescopedI2s.slot(s1, p1, 2 * j, b);
                    s2 = TelescopedI2s.slot(s2, p2, 2 * j, b);
                    s3 = TelescopedI2s.slot(s3, p3, 2 * j, b);
                }
            }
            t0 = TelescopedI2s.widenAdd(t0, s0);
            t1 = TelescopedI2s.widenAdd(t1, s1);
            t2 = TelescopedI2s.widenAdd(t2, s2);
            t3 = TelescopedI2s.widenAdd(t3, s3);
        }
        raw[0] = t0.reduceLanes(VectorOperators.ADD);
        raw[1] = t1.reduceLanes(VectorOperators.ADD);
        raw[2] = t2.reduceLanes(VectorOperators.ADD);
        raw[3] = t3.reduceLanes(VectorOperators.ADD);
    }

    /** Raw sum of the row starting at byte {@code start} (vector part only). */
    private static int row1Body256(byte[] data, int start, int vectors, short[] act) {
        int lanes = S256.length();
        int stride = 2 * lanes;
        IntVector total = IntVector.zero(I256);
        for (int chunk = 0; chunk < vectors; chunk += TelescopedI2s.CHUNK) {
            int end = Math.min(vectors, chunk + TelescopedI2s.CHUNK);
            ShortVector s = ShortVector.zero(S256);
            for (int v = chunk; v < end; v++) {
                ShortVector p = ByteVector.fromArray(BYTES_256, data, start + v * stride).reinterpretAsShorts();
                int a = v * TelescopedI2s.SLOTS * lanes;
                s = TelescopedI2s.mulAdd(s, p, ShortVector.fromArray(S256, act, a));
                for (int j = 1; j < TelescopedI2s.SLOTS; j++) {
                    s = TelescopedI2s.slot(s, p, 2 * j, ShortVector.fromArray(S256, act, a + j * lanes));
                }
            }
            total = TelescopedI2s.widenAdd(total, s);
        }
        return total.reduceLanes(VectorOperators.ADD);
    }

    /** Raw sums of rows r .. r+3, sharing each activation load between the four rows (1xN, weight parallel). */
    private static void rows4Body128(byte[] data, int start, int rowBytes, int vectors, short[] act, int[] raw) {
        int lanes = S128.length();
        int stride = 2 * lanes;
        IntVector t0 = IntVector.zero(I128);
        IntVector t1 = IntVector.zero(I128);
        IntVector t2 = IntVector.zero(I128);
        IntVector t3 = IntVector.zero(I128);
        for (int chunk = 0; chunk < vectors; chunk += TelescopedI2s.CHUNK) {
            int end = Math.min(vectors, chunk + TelescopedI2s.CHUNK);
            ShortVector s0 = ShortVector.zero(S128);
            ShortVector s1 = ShortVector.zero(S128);
            ShortVector s2 = ShortVector.zero(S128);
            ShortVector s3 = ShortVector.zero(S128);
            for (int v = chunk; v < end; v++) {
                int off = start + v * stride;
                ShortVector p0 = ByteVector.fromArray(BYTES_128, data, off).reinterpretAsShorts();
                ShortVector p1 = ByteVector.fromArray(BYTES_128, data, off + rowBytes).reinterpretAsShorts();
                ShortVector p2 = ByteVector.fromArray(BYTES_128, data, off + 2 * rowBytes).reinterpretAsShorts();
                ShortVector p3 = ByteVector.fromArray(BYTES_128, data, off + 3 * rowBytes).reinterpretAsShorts();
                int a = v * TelescopedI2s.SLOTS * lanes;
                ShortVector b = ShortVector.fromArray(S128, act, a);
                s0 = TelescopedI2s.mulAdd(s0, p0, b);
                s1 = TelescopedI2s.mulAdd(s1, p1, b);
                s2 = TelescopedI2s.mulAdd(s2, p2, b);
                s3 = TelescopedI2s.mulAdd(s3, p3, b);
                for (int j = 1; j < TelescopedI2s.SLOTS; j++) {
                    b = ShortVector.fromArray(S128, act, a + j * lanes);
                    s0 = TelescopedI2s.slot(s0, p0, 2 * j, b);
                    s1 = TelescopedI2s.slot(s1, p1, 2 * j, b);
                    s2 = TelescopedI2s.slot(s2, p2, 2 * j, b);
                    s3 = TelescopedI2s.slot(s3, p3, 2 * j, b);
                }
            }
            t0 = TelescopedI2s.widenAdd(t0, s0);
            t1 = TelescopedI2s.widenAdd(t1, s1);
            t2 = TelescopedI2s.widenAdd(t2, s2);
            t3 = TelescopedI2s.widenAdd(t3, s3);
        }
        raw[0] = t0.reduceLanes(VectorOperators.ADD);
        raw[1] = t1.reduceLanes(VectorOperators.ADD);
        raw[2] = t2.reduceLanes(VectorOperators.ADD);
        raw[3] = t3.reduceLanes(VectorOperators.ADD);
    }

    /** Raw sum of the row starting at byte {@code start} (vector part only). */
    private static int row1Body128(byte[] data, int start, int vectors, short[] act) {
        int lanes = S128.length();
        int stride = 2 * lanes;
        IntVector total = IntVector.zero(I128);
        for (int chunk = 0; chunk < vectors; chunk += TelescopedI2s.CHUNK) {
            int end = Math.min(vectors, chunk + TelescopedI2s.CHUNK);
            ShortVector s = ShortVector.zero(S128);
            for (int v = chunk; v < end; v++) {
                ShortVector p = ByteVector.fromArray(BYTES_128, data, start + v * stride).reinterpretAsShorts();
                int a = v * TelescopedI2s.SLOTS * lanes;
                s = TelescopedI2s.mulAdd(s, p, ShortVector.fromArray(S128, act, a));
                for (int j = 1; j < TelescopedI2s.SLOTS; j++) {
                    s = TelescopedI2s.slot(s, p, 2 * j, ShortVector.fromArray(S128, act, a + j * lanes));
                }
            }
            total = TelescopedI2s.widenAdd(total, s);
        }
        return total.reduceLanes(VectorOperators.ADD);
    }
}
