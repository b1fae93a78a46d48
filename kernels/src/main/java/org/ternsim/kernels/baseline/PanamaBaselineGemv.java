// The host-speed baseline GEMV on the incubator Vector API; bit-identical to ScalarBaselineGemv at every width.
package org.ternsim.kernels.baseline;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Baseline GEMV with the Vector API at 128, 256 or 512 bits.
 *
 * <p>Block formats. Every layout splits into 16-byte chunks of weight codes that line up with 16 consecutive
 * activation codes (ggml's AVX2 kernels use the same chunking): each chunk is unpacked in byte lanes (nibbles,
 * 2-bit fields, 6-bit codes) or, for TQ1_0's base-3 digits, in int lanes, widened B2I into 128/256/512-bit int
 * vectors (4/2/1 parts) and multiply-added in int32. Q6_K multiplies each chunk by its sub-block scale, since a chunk
 * never straddles a 16-value sub-block. One reduceLanes per block gives the exact block sum, combined by
 * {@link BlockSum} as in the scalar code. Overflow: |product| <= 128 * 128 * 128 (Q6_K), 256 per block: < 2^31.
 *
 * <p>F32/F16. 16 elements per step in 16 / L vectors of L float lanes, each lane accumulated with {@code fma}
 * (fused, equal to {@code Math.fma}); the lanes go to a 16-float array, the tail (K mod 16) is added there in scalar
 * and {@link Lanes16} reduces, which is exactly the scalar order. F16 weights are widened S2I and converted in int
 * lanes: the 15 magnitude bits shifted by 13 and multiplied by 2^112 give normals and subnormals exactly; infinities
 * and NaNs are blended in.
 */
public final class PanamaBaselineGemv implements BaselineGemv {

    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
    private static final int[] POW3 = {1, 3, 9, 27, 81};

    private final VectorSpecies<Integer> ints;
    private final VectorSpecies<Float> floats;
    private final VectorSpecies<Byte> floatBytes;
    private final VectorSpecies<Byte> halfBytes;
    /** 16-lane chunks need this many int vectors. */
    private final int parts;

    /** Uses {@code bits}-bit vectors: 128, 256 or 512. */
    public PanamaBaselineGemv(int bits) {
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("PanamaBaselineGemv supports 128-, 256- and 512-bit species, got "
                    + bits);
        }
        VectorShape shape = VectorShape.forBitSize(bits);
        this.ints = IntVector.SPECIES_128.withShape(shape);
        this.floats = FloatVector.SPECIES_128.withShape(shape);
        this.floatBytes = B128.withShape(shape);
        this.halfBytes = B128.withShape(VectorShape.forBitSize(bits / 2));
        this.parts = 16 / ints.length();
    }

    /** Factory that {@link org.ternsim.kernels.gemv.KernelProvider} finds reflectively; 0 means the preferred width. */
    public static BaselineGemv forBits(int bits) {
        return new PanamaBaselineGemv(bits == 0 ? Math.min(512, IntVector.SPECIES_PREFERRED.vectorBitSize()) : bits);
    }

    @Override
    public String name() {
        return "panama/" + ints.vectorBitSize() + "-bit";
    }

    @Override
    public float dot(BlockTensor w, int row, BlockTensor x) {
        GemvArgs.check(w, row, x);
        return dotChecked(w, row, x, x.type() == GgmlType.F32 ? x.dequantize() : null);
    }

    @Override
    public void gemv(BlockTensor w, BlockTensor x, float[] y) {
        GemvArgs.check(w, x, y);
        float[] xf = x.type() == GgmlType.F32 ? x.dequantize() : null;
        for (int r = 0; r < w.rows(); r++) {
            y[r] = dotChecked(w, r, x, xf);
        }
    }

    private float dotChecked(BlockTensor w, int row, BlockTensor x, float[] xf) {
        byte[] wd = w.data();
        int off = row * w.rowBytes();
        byte[] ad = x.data();
        int nb = w.blocksPerRow();
        switch (w.type()) {
            case F32:
            case F16:
                return floatDot(w.type() == GgmlType.F16, wd, off, xf);
            case Q8_0: {
                float sumf = 0f;
                for (int b = 0; b < nb; b++) {
                    int wo = off + 34 * b;
                    int ao = 34 * b;
                    IntVector acc = IntVector.zero(ints);
                    acc = mulAdd(acc, load(wd, wo + 2), load(ad, ao + 2));
                    acc = mulAdd(acc, load(wd, wo + 18), load(ad, ao + 18));
                    sumf = BlockSum.add(sumf, sum(acc), LittleEndian.f16(wd, wo), LittleEndian.f16(ad, ao));
                }
                return sumf;
            }
            case Q4_0: {
                float sumf = 0f;
                for (int b = 0; b < nb; b++) {
                    int wo = off + 18 * b;
                    int ao = 34 * b;
                    ByteVector q = load(wd, wo + 2);
                    IntVector acc = IntVector.zero(ints);
                    acc = mulAdd(acc, q.and((byte) 0x0F).sub((byte) 8), load(ad, ao + 2));
                    acc = mulAdd(acc, q.lanewise(VectorOperators.LSHR, 4).sub((byte) 8), load(ad, ao + 18));
                    sumf = BlockSum.add(sumf, sum(acc), LittleEndian.f16(wd, wo), LittleEndian.f16(ad, ao));
                }
                return sumf;
            }
            case Q6_K: {
                float sumf = 0f;
                for (int b = 0; b < nb; b++) {
                    int wo = off + 210 * b;
                    int ao = 292 * b;
                    sumf = BlockSum.add(sumf, q6KBlock(wd, wo, ad, ao + 4), LittleEndian.f16(wd, wo + 208),
                            LittleEndian.f32(ad, ao));
                }
                return sumf;
            }
            case TQ2_0: {
                float sumf = 0f;
                for (int b = 0; b < nb; b++) {
                    int wo = off + 66 * b;
                    int ao = 292 * b;
                    sumf = BlockSum.add(sumf, tq2Block(wd, wo, ad, ao + 4), LittleEndian.f16(wd, wo + 64),
                            LittleEndian.f32(ad, ao));
                }
                return sumf;
            }
            case TQ1_0: {
                float sumf = 0f;
                for (int b = 0; b < nb; b++) {
                    int wo = off + 54 * b;
                    int ao = 292 * b;
                    sumf = BlockSum.add(sumf, tq1Block(wd, wo, ad, ao + 4), LittleEndian.f16(wd, wo + 52),
                            LittleEndian.f32(ad, ao));
                }
                return sumf;
            }
            default:
                throw new AssertionError(w.type());
        }
    }

    /** Q6_K: chunk c of half h covers values 128h + 32c + s .. + 15 (s in {0, 16}), all in sub-block 8h + 2c + s/16. */
    private int q6KBlock(byte[] wd, int wo, byte[] ad, int a) {
        IntVector acc = IntVector.zero(ints);
        for (int half = 0; half < 2; half++) {
            for (int s = 0; s < 32; s += 16) {
                ByteVector ql0 = load(wd, wo + 64 * half + s);
                ByteVector ql32 = load(wd, wo + 64 * half + 32 + s);
                ByteVector qh = load(wd, wo + 128 + 32 * half + s);
                ByteVector[] q = {
                    ql0.and((byte) 0x0F).or(qh.and((byte) 3).lanewise(VectorOperators.LSHL, 4)),
                    ql32.and((byte) 0x0F).or(qh.lanewise(VectorOperators.LSHR, 2).and((byte) 3)
                            .lanewise(VectorOperators.LSHL, 4)),
                    ql0.lanewise(VectorOperators.LSHR, 4).or(qh.lanewise(VectorOperators.LSHR, 4).and((byte) 3)
                            .lanewise(VectorOperators.LSHL, 4)),
                    ql32.lanewise(VectorOperators.LSHR, 4).or(qh.lanewise(VectorOperators.LSHR, 6)
                            .lanewise(VectorOperators.LSHL, 4)),
                };
                for (int c = 0; c < 4; c++) {
                    int first = 128 * half + 32 * c + s;
                    int scale = BlockCodes.q6KScale(wd, wo, first / 16);
                    acc = mulAddScaled(acc, q[c].sub((byte) 32), load(ad, a + first), scale);
                }
            }
        }
        return sum(acc);
    }

    /** TQ2_0: bits 2l of qs[j + s .. + 15] are values 4j + 32l + s .. + 15. */
    private int tq2Block(byte[] wd, int wo, byte[] ad, int a) {
        IntVector acc = IntVector.zero(ints);
        for (int j = 0; j < 64; j += 32) {
            for (int s = 0; s < 32; s += 16) {
                ByteVector q = load(wd, wo + j + s);
                for (int l = 0; l < 4; l++) {
                    ByteVector t = q.lanewise(VectorOperators.LSHR, 2 * l).and((byte) 3).sub((byte) 1);
                    acc = mulAdd(acc, t, load(ad, a + 4 * j + 32 * l + s));
                }
            }
        }
        return sum(acc);
    }

    /** TQ1_0: the 48 qs bytes in three 16-byte chunks in vectors; the 16 values of qh in scalar. */
    private int tq1Block(byte[] wd, int wo, byte[] ad, int a) {
        IntVector acc = IntVector.zero(ints);
        for (int s = 0; s < 48; s += 16) {
            ByteVector q = load(wd, wo + s);
            for (int n = 0; n < 5; n++) {
                // uint8 wrap of q * 3^n in byte lanes, then the digit (q * 3) >> 8 in int lanes
                ByteVector shifted = q.mul((byte) POW3[n]);
                ByteVector act = load(ad, a + (s < 32 ? 32 * n + s : 160 + 16 * n));
                for (int p = 0; p < parts; p++) {
                    IntVector t = ((IntVector) shifted.convertShape(VectorOperators.B2I, ints, p))
                            .and(0xFF).mul(3).lanewise(VectorOperators.LSHR, 8).sub(1);
                    acc = acc.add(t.mul((IntVector) act.convertShape(VectorOperators.B2I, ints, p)));
                }
            }
        }
        int isum = sum(acc);
        for (int n = 0; n < 4; n++) {
            for (int j = 0; j < 4; j++) {
                isum += BlockCodes.trit(wd[wo + 48 + j], n) * ad[a + 240 + 4 * n + j];
            }
        }
        return isum;
    }

    private static ByteVector load(byte[] data, int off) {
        return ByteVector.fromArray(B128, data, off);
    }

    private IntVector mulAdd(IntVector acc, ByteVector w, ByteVector a) {
        for (int p = 0; p < parts; p++) {
            IntVector wi = (IntVector) w.convertShape(VectorOperators.B2I, ints, p);
            IntVector ai = (IntVector) a.convertShape(VectorOperators.B2I, ints, p);
            acc = acc.add(wi.mul(ai));
        }
        return acc;
    }

    private IntVector mulAddScaled(IntVector acc, ByteVector w, ByteVector a, int scale) {
        for (int p = 0; p < parts; p++) {
            IntVector wi = (IntVector) w.convertShape(VectorOperators.B2I, ints, p);
            IntVector ai = (IntVector) a.convertShape(VectorOperators.B2I, ints, p);
            acc = acc.add(wi.mul(ai).mul(scale));
        }
        return acc;
    }

    private static int sum(IntVector acc) {
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private float floatDot(boolean half, byte[] wd, int off, float[] x) {
        int lanesPerVector = floats.length();
        int body = x.length & ~15;
        FloatVector[] acc = new FloatVector[parts];
        for (int p = 0; p < parts; p++) {
            acc[p] = FloatVector.zero(floats);
        }
        for (int k = 0; k < body; k += 16) {
            for (int p = 0; p < parts; p++) {
                int e = k + p * lanesPerVector;
                FloatVector wv = half ? halfToFloat(wd, off + 2 * e)
                        : ByteVector.fromArray(floatBytes, wd, off + 4 * e).reinterpretAsFloats();
                acc[p] = wv.fma(FloatVector.fromArray(floats, x, e), acc[p]);
            }
        }
        float[] lanes = new float[Lanes16.LANES];
        for (int p = 0; p < parts; p++) {
            acc[p].intoArray(lanes, p * lanesPerVector);
        }
        for (int k = body; k < x.length; k++) {
            float wk = half ? LittleEndian.f16(wd, off + 2 * k) : LittleEndian.f32(wd, off + 4 * k);
            lanes[k - body] = Math.fma(wk, x[k], lanes[k - body]);
        }
        return Lanes16.sum(lanes);
    }

    /** L halves at {@code off}, converted exactly; see the class comment. */
    private FloatVector halfToFloat(byte[] wd, int off) {
        ShortVector s = ByteVector.fromArray(halfBytes, wd, off).reinterpretAsShorts();
        IntVector h = ((IntVector) s.convertShape(VectorOperators.S2I, ints, 0)).and(0xFFFF);
        IntVector sign = h.and(0x8000).lanewise(VectorOperators.LSHL, 16);
        IntVector magnitude = h.and(0x7FFF);
        IntVector finite = magnitude.lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f)
                .reinterpretAsInts();
        IntVector special = magnitude.and(0x3FF).lanewise(VectorOperators.LSHL, 13).or(0x7F800000);
        VectorMask<Integer> isSpecial = magnitude.compare(VectorOperators.GE, 0x7C00);
        return finite.blend(special, isSpecial).or(sign).reinterpretAsFloats();
    }
}
