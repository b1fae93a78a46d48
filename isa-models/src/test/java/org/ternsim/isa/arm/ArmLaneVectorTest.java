// The Vector API sdot against the per-lane definition, bit for bit, including the largest sums and wrap-around.
package org.ternsim.isa.arm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.MachineState;

class ArmLaneVectorTest {

    private static final byte[] EDGE = {0, 1, -1, 0x7F, (byte) 0x80, (byte) 0x81, 0x40};

    @Test
    void sdotEqualsTheLaneDefinition() {
        Random random = new Random(8);
        for (int trial = 0; trial < 50_000; trial++) {
            int kind = trial % 3; // random bytes, edge bytes, or every byte -128 (four products of 16384)
            byte[] x = new byte[16];
            byte[] y = new byte[16];
            byte[] acc = new byte[16];
            for (int i = 0; i < 16; i++) {
                x[i] = kind == 2 ? (byte) 0x80 : kind == 1 ? EDGE[random.nextInt(EDGE.length)] : (byte) random.nextInt();
                y[i] = kind == 2 ? (byte) 0x80 : kind == 1 ? EDGE[random.nextInt(EDGE.length)] : (byte) random.nextInt();
            }
            for (int lane = 0; lane < 4; lane++) {
                // accumulators near the ends of the range, so that the sum wraps
                MachineState.putInt(acc, lane, random.nextBoolean() ? random.nextInt() : Integer.MAX_VALUE - lane);
            }
            byte[] expected = acc.clone();
            for (int lane = 0; lane < 4; lane++) {
                int sum = MachineState.getInt(expected, lane);
                for (int k = 4 * lane; k < 4 * lane + 4; k++) {
                    sum += x[k] * y[k];
                }
                MachineState.putInt(expected, lane, sum);
            }
            ArmLaneVector.sdot(x, y, acc);
            assertArrayEquals(expected, acc, "trial " + trial);
        }
    }
}
