// MachineState's upper-lane zeroing: the fast widths must equal the plain copy from a zero block.
package org.ternsim.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineStateTest {

    @Test
    void clearAboveZeroesExactlyTheBytesAboveTheWidth() {
        MachineState s = new MachineState(new Memory(List.of()));
        for (int width = 0; width <= MachineState.VECTOR_BYTES; width++) {
            for (int reg = 0; reg < 32; reg += 31) {
                Arrays.fill(s.vec[reg], (byte) 0xA5);
                s.clearAbove(reg, width);
                byte[] expected = new byte[MachineState.VECTOR_BYTES];
                Arrays.fill(expected, 0, width, (byte) 0xA5);
                assertArrayEquals(expected, s.vec[reg], "width " + width + ", register " + reg);
            }
        }
    }
}
