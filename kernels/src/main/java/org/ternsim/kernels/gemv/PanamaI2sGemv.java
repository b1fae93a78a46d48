// The host-speed I2_S GEMV on the incubator Vector API; exact, so it equals ScalarI2sGemv for every input.
package org.ternsim.kernels.gemv;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * I2_S GEMV with the Vector API at 128, 256 or 512 bits.
 *
 * <p>Shape of the kernel. The activation row is shared by all M rows, so it is rearranged once per GEMV
 * ({@link #widen}) into 16-bit lanes in the order the packed weights are read. Each weight vector of V bytes is then
 * reinterpreted as V/2 shorts, each holding eight 2-bit codes; the code in bits [2j+1:2j] (slot j) is taken with one
 * shift and one and, multiplied in 16 bits by its activation, and added into one of two ShortVector accumulators.
 * Every {@link #CHUNK} weight vectors the shorts are widened into an IntVector; one reduceLanes per row, then a
 * scalar tail for the bytes that do not fill a vector. This is the 16-bit multiply-add of AVX2
 * {@code vpmaddubsw}/{@code vpaddw} (kernels.md §2.3) without its wrap-around: the chunk is short enough that no
 * 16-bit lane can overflow.
 *
 * <p>Overflow proof. A product c*q lies in [2 * -128, 2 * 127] = [-256, 254]. Each weight vector adds 8 products per
 * short lane, 4 into each accumulator, so a chunk of {@value #CHUNK} vectors adds at most 4 * 16 = 64 products per
 * lane: |sum| <= 64 * 256 = 16 384 < 32 767 (the bound would allow 32 vectors, 128 products, -32 768). The int
 * accumulator sums at most K products, |sum| <= 256 K <= 2^31 for K <= {@link I2sLayout#MAX_COLS}.
 *
 * <p>Reinterpreting bytes as shorts is little-endian by the Vector API's definition, but the kernel does not depend
 * on it: weights and activations go through the same mapping, and the sum does not depend on lane order.
 */
public final class PanamaI2sGemv implements I2sGemv {

    /** Weight vectors accumulated in 16 bits before widening; see the overflow proof. */
    static final int CHUNK = 16;
    /** 2-bit codes per 16-bit lane. */
    private static final int SLOTS = 8;

    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S128 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> I128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Byte> B512 = ByteVector.SPECIES_512;
    private static final VectorSpecies<Short> S512 = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
    private final VectorSpecies<Byte> bytes;

    /** Uses the given byte species (128, 256 or 512 bits). */
    public PanamaI2sGemv(VectorSpecies<Byte> species) {
        int bits = species.vectorBitSize();
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("PanamaI2sGemv supports 128-, 256- and 512-bit species, got " + bits);
        }
        this.bytes = species;
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
        return "panama/" + bytes.vectorBitSize() + "-bit";
    }

    /** Rearranges the activations for this one row, O(K) extra; {@link #gemv} does that once for all rows. */
    @Override
    public int dotRaw(I2sWeights w, int row, byte[] codes) {
        I2sGemvArgs.checkRow(w, row, codes);
        return dot(w, row, widen(w, codes), codes);
    }

    @Override
    public void gemv(I2sWeights w, Int8Activations x, float[] y) {
        I2sGemvArgs.checkGemv(w, x.codes(), y);
        short[] act = widen(w, x.codes());
        for (int row = 0; row < w.rows(); row++) {
            y[row] = I2sEpilogue.output(dot(w, row, act, x.codes()), x.sum(), x.scale(), w.scale());
        }
    }

    /**
     * Activations in weight-read order: for weight vector v of a row (bytes v*V .. v*V+V-1), slot j and short lane i,
     * entry (v * 8 + j) * V/2 + i is the activation of the code in bits [2j+1:2j] of lane i, that is of byte
     * v*V + 2i (j < 4) or v*V + 2i + 1 (j >= 4), plane 3 - (j mod 4). Covers the vectorised part of a row.
     */
    private short[] widen(I2sWeights w, byte[] codes) {
        int vectorBytes = bytes.length();
        int lanes = vectorBytes / 2;
        int body = bytes.loopBound(w.rowBytes());
        int blockSize = w.layout().blockSize();
        int blockBytes = w.layout().bytesPerBlock();
        short[] act = new short[4 * body];
        for (int v = 0; v < body / vectorBytes; v++) {
            for (int j = 0; j < SLOTS; j++) {
                int plane = 3 - (j & 3);
                for (int i = 0; i < lanes; i++) {
                    int b = v * vectorBytes + 2 * i + (j >> 2);
                    act[(v * SLOTS + j) * lanes + i] =
                            codes[b / blockBytes * blockSize + plane * blockBytes + b % blockBytes];
                }
            }
        }
        return act;
    }

    /** One body per width, because the Vector API only compiles to SIMD code when the species is a constant. */
    private int dot(I2sWeights w, int row, short[] act, byte[] codes) {
        switch (bytes.vectorBitSize()) {
            case 128:
                return dotBody128(w, row, act, codes);
            case 256:
                return dotBody256(w, row, act, codes);
            default:
                return dotBody512(w, row, act, codes);
        }
    }

    private static int dotBody512(I2sWeights w, int row, short[] act, byte[] codes) {
        byte[] data = w.data();
        int rowStart = row * w.rowBytes();
        int body = B512.loopBound(w.rowBytes());
        int lanes = S512.length();
        IntVector total = IntVector.zero(I512);
        ShortVector acc0 = ShortVector.zero(S512);
        ShortVector acc1 = ShortVector.zero(S512);
        int inChunk = 0;
        int a = 0;
        for (int off = 0; off < body; off += B512.length()) {
            ShortVector packed = ByteVector.fromArray(B512, data, rowStart + off).reinterpretAsShorts();
            for (int shift = 0; shift < 2 * SLOTS; shift += 4) {
                ShortVector c0 = packed.lanewise(VectorOperators.LSHR, shift).and((short) 3);
                ShortVector c1 = packed.lanewise(VectorOperators.LSHR, shift + 2).and((short) 3);
                acc0 = acc0.add(c0.mul(ShortVector.fromArray(S512, act, a)));
                acc1 = acc1.add(c1.mul(ShortVector.fromArray(S512, act, a + lanes)));
                a += 2 * lanes;
            }
            if (++inChunk == CHUNK) {
                total = widenAdd(widenAdd(total, acc0), acc1);
                acc0 = ShortVector.zero(S512);
                acc1 = ShortVector.zero(S512);
                inChunk = 0;
            }
        }
        int sum = widenAdd(widenAdd(total, acc0), acc1).reduceLanes(VectorOperators.ADD);
        return sum + tail(w, rowStart, body, codes);
    }

    private static int dotBody256(I2sWeights w, int row, short[] act, byte[] codes) {
        byte[] data = w.data();
        int rowStart = row * w.rowBytes();
        int body = B256.loopBound(w.rowBytes());
        int lanes = S256.length();
        IntVector total = IntVector.zero(I256);
        ShortVector acc0 = ShortVector.zero(S256);
        ShortVector acc1 = ShortVector.zero(S256);
        int inChunk = 0;
        int a = 0;
        for (int off = 0; off < body; off += B256.length()) {
            ShortVector packed = ByteVector.fromArray(B256, data, rowStart + off).reinterpretAsShorts();
            for (int shift = 0; shift < 2 * SLOTS; shift += 4) {
                ShortVector c0 = packed.lanewise(VectorOperators.LSHR, shift).and((short) 3);
                ShortVector c1 = packed.lanewise(VectorOperators.LSHR, shift + 2).and((short) 3);
                acc0 = acc0.add(c0.mul(ShortVector.fromArray(S256, act, a)));
                acc1 = acc1.add(c1.mul(ShortVector.fromArray(S256, act, a + lanes)));
                a += 2 * lanes;
            }
            if (++inChunk == CHUNK) {
                total = widenAdd(widenAdd(total, acc0), acc1);
                acc0 = ShortVector.zero(S256);
                acc1 = ShortVector.zero(S256);
                inChunk = 0;
            }
        }
        int sum = widenAdd(widenAdd(total, acc0), acc1).reduceLanes(VectorOperators.ADD);
        return sum + tail(w, rowStart, body, codes);
    }

    private static int dotBody128(I2sWeights w, int row, short[] act, byte[] codes) {
        byte[] data = w.data();
        int rowStart = row * w.rowBytes();
        int body = B128.loopBound(w.rowBytes());
        int lanes = S128.length();
        IntVector total = IntVector.zero(I128);
        ShortVector acc0 = ShortVector.zero(S128);
        ShortVector acc1 = ShortVector.zero(S128);
        int inChunk = 0;
        int a = 0;
        for (int off = 0; off < body; off += B128.length()) {
            ShortVector packed = ByteVector.fromArray(B128, data, rowStart + off).reinterpretAsShorts();
            for (int shift = 0; shift < 2 * SLOTS; shift += 4) {
                ShortVector c0 = packed.lanewise(VectorOperators.LSHR, shift).and((short) 3);
                ShortVector c1 = packed.lanewise(VectorOperators.LSHR, shift + 2).and((short) 3);
                acc0 = acc0.add(c0.mul(ShortVector.fromArray(S128, act, a)));
                acc1 = acc1.add(c1.mul(ShortVector.fromArray(S128, act, a + lanes)));
                a += 2 * lanes;
            }
            if (++inChunk == CHUNK) {
                total = widenAdd(widenAdd(total, acc0), acc1);
                acc0 = ShortVector.zero(S128);
                acc1 = ShortVector.zero(S128);
                inChunk = 0;
            }
        }
        int sum = widenAdd(widenAdd(total, acc0), acc1).reduceLanes(VectorOperators.ADD);
        return sum + tail(w, rowStart, body, codes);
    }

    /** Adds both 16-bit halves of every int lane of {@code acc}, sign-extended, into {@code total}. */
    private static IntVector widenAdd(IntVector total, ShortVector acc) {
        IntVector pairs = acc.reinterpretAsInts();
        return total.add(pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
                .add(pairs.lanewise(VectorOperators.ASHR, 16));
    }

    /** Scalar sum over the row's bytes from {@code from}, read through the layout as in {@link ScalarI2sGemv}. */
    private static int tail(I2sWeights w, int rowStart, int from, byte[] codes) {
        byte[] data = w.data();
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
