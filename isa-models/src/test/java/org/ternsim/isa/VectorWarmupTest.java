// The switch to the Vector API forms comes after the threshold's count of executions, not before.
package org.ternsim.isa;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorWarmupTest {

    @Test
    void switchesOnOnceTheThresholdIsReached() {
        try {
            VectorWarmup.force(false);
            for (long i = 1; i < VectorWarmup.THRESHOLD; i++) {
                if (VectorWarmup.warm()) {
                    throw new AssertionError("switched on after " + i + " of " + VectorWarmup.THRESHOLD);
                }
            }
            assertFalse(VectorWarmup.warm(), "the execution that reaches the threshold still runs the loops");
            assertTrue(VectorWarmup.warm());
            VectorWarmup.force(false);
            assertFalse(VectorWarmup.warm(), "forcing off restarts the count");
        } finally {
            VectorWarmup.force(false);
        }
    }
}
