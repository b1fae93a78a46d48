// vpmaddubsw with the Vector API: sixteen to sixty-four byte pairs multiplied and summed with signed saturation at once.
package org.ternsim.isa.x86;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vectorised provider of {@code X86Resolved}'s vpmaddubsw; the byte loop there is the reference and the fallback.
 * Each 16-bit lane is read as its two bytes: the even byte is x's low byte (unsigned) times y's low byte (signed),
 * the odd one the high bytes. Each product fits in 16 bits (255 x -128 = -32640), and only their sum can overflow:
 * it has then the other sign than both products, and saturates towards their sign.
 */
final class X86MaddUbsVector {

    private X86MaddUbsVector() {
    }

    /**
     * The byte species of {@code width} bytes when this host's vectors are at least that wide, else null (the caller
     * keeps its byte loop).
     */
    static VectorSpecies<Byte> species(int width) {
        if (ByteVector.SPECIES_PREFERRED.vectorByteSize() < width) {
            return null;
        }
        return VectorSpecies.of(byte.class, VectorShape.forBitSize(width * 8));
    }

    /**
     * r = vpmaddubsw(x, y) over the width of {@code species} (from {@link #species}); r may be x or y. Each width has
     * its own call with a constant species: the Vector API compiles to vector instructions only where the species is
     * a constant, and runs a lane-by-lane fallback otherwise.
     */
    @SuppressWarnings("unchecked")
    static void compute(Object species, byte[] x, byte[] y, byte[] r) {
        switch (((VectorSpecies<Byte>) species).vectorByteSize()) {
            case 16 -> compute(ByteVector.SPECIES_128, x, y, r);
            case 32 -> compute(ByteVector.SPECIES_256, x, y, r);
            default -> compute(ByteVector.SPECIES_512, x, y, r);
        }
    }

    static void compute(VectorSpecies<Byte> species, byte[] x, byte[] y, byte[] r) {
        ShortVector xs = ByteVector.fromArray(species, x, 0).reinterpretAsShorts();
        ShortVector ys = ByteVector.fromArray(species, y, 0).reinterpretAsShorts();
        ShortVector even = xs.and((short) 0xFF)
            .mul(ys.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8));
        ShortVector odd = xs.lanewise(VectorOperators.LSHR, 8).mul(ys.lanewise(VectorOperators.ASHR, 8));
        ShortVector sum = even.add(odd);
        VectorMask<Short> overflow = even.lanewise(VectorOperators.XOR, sum)
            .and(odd.lanewise(VectorOperators.XOR, sum)).compare(VectorOperators.LT, (short) 0);
        ShortVector saturated = ShortVector.broadcast(sum.species(), Short.MAX_VALUE)
            .blend(Short.MIN_VALUE, even.compare(VectorOperators.LT, (short) 0));
        sum.blend(saturated, overflow).reinterpretAsBytes().intoArray(r, 0);
    }
}
