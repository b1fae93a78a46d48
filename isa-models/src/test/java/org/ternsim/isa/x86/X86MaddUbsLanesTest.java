// The Vector API vpmaddubsw against the byte-by-byte definition, bit for bit, at every vector width.
package org.ternsim.isa.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class X86MaddUbsLanesTest {

    @Test
    void equalsTheByteLoopAtEveryWidth() {
        Random random = new Random(3);
        for (int width : new int[] {16, 32, 64}) {
            // every width, also one wider than this host's vectors (the API then runs it in Java)
            for (int trial = 0; trial < 20_000; trial++) {
                byte[] x = EdgeBytes.of(random, width);
                byte[] y = EdgeBytes.of(random, width);
                byte[] expected = new byte[width];
                for (int o = 0; o < width; o += 2) {
                    int sum = (x[o] & 0xFF) * y[o] + (x[o + 1] & 0xFF) * y[o + 1];
                    short v = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
                    expected[o] = (byte) v;
                    expected[o + 1] = (byte) (v >> 8);
                }
                byte[] actual = new byte[width];
                X86LaneVector.maddUbs(width).apply(x, y, actual);
                assertArrayEquals(expected, actual, "width " + width + " trial " + trial);
                X86LaneVector.maddUbs(width).apply(x, y, x); // in place, as vpmaddubsw ymm1, ymm1, ymm2
                assertArrayEquals(expected, x, "in place, width " + width);
            }
        }
    }
}
