// bfloat16 conversion: ggml's tie, overflow and NaN rules, and nearest-even against a double reference.
package org.ternsim.kernels.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class Bf16Test {

    private static int bits(int floatBits) {
        return Bf16.fromFloat(Float.intBitsToFloat(floatBits)) & 0xFFFF;
    }

    @Test
    void handCheckedConversions() {
        assertEquals(0x3F80, bits(0x3F800000));
        assertEquals(0x3F80, bits(0x3F808000), "tie, even stays");
        assertEquals(0x3F82, bits(0x3F818000), "tie, odd rounds up");
        assertEquals(0x3F81, bits(0x3F808001));
        assertEquals(0x7F80, bits(0x7F7FFFFF), "largest float rounds to infinity");
        assertEquals(0x7FC0, bits(0x7F800001), "signalling NaN made quiet");
        assertEquals(0xFFC1, bits(0xFF818000), "NaN truncated, not rounded, bit 6 set");
        assertEquals(0x0000, bits(0x00008000), "subnormal tie to even, not flushed");
        assertEquals(0x0002, bits(0x00018000));
        assertEquals(0x8001, bits(0x80010000));
    }

    @Test
    void everyBf16RoundTrips() {
        for (int h = 0; h < 65536; h++) {
            boolean nan = (h & 0x7F80) == 0x7F80 && (h & 0x7F) != 0;
            assertEquals(nan ? h | 64 : h, Bf16.fromFloat(Bf16.toFloat(h)) & 0xFFFF, Integer.toHexString(h));
        }
    }

    @Property(tries = 3000)
    void roundsToTheNearestBf16TiesToEven(@ForAll float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            return;
        }
        int b = Float.floatToRawIntBits(f);
        int low = b >>> 16;
        double lower = Bf16.toFloat(low);
        double upper = Math.abs(f) >= Float.intBitsToFloat(0x7F7F0000) && (low & 0x7FFF) == 0x7F7F
                ? Math.copySign(Math.scalb(1.0, 128), f) : Bf16.toFloat(low + 1);
        double dLow = Math.abs(f - lower);
        double dUp = Math.abs(upper - f);
        int expected = dLow < dUp ? low : dUp < dLow ? low + 1 : ((low & 1) == 0 ? low : low + 1);
        assertEquals(expected & 0xFFFF, Bf16.fromFloat(f) & 0xFFFF);
    }
}
