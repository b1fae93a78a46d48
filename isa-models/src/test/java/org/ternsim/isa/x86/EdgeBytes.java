// Random register contents for the vector-form tests: a third of them made of bytes at the ends of their ranges.
package org.ternsim.isa.x86;

import java.util.Random;

final class EdgeBytes {

    /** Bytes at the ends of both ranges, where sums carry, wrap and saturate. */
    private static final byte[] EDGE = {0, 1, -1, 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xFE, 0x40};

    private EdgeBytes() {
    }

    static byte[] of(Random random, int n) {
        byte[] b = new byte[n];
        boolean edges = random.nextInt(3) == 0;
        for (int i = 0; i < n; i++) {
            b[i] = edges ? EDGE[random.nextInt(EDGE.length)] : (byte) random.nextInt();
        }
        return b;
    }
}
