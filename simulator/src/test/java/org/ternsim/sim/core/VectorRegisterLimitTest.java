// The vector rename limit: the k-th vector writer waits for the retirement of the (k - free)-th; 0 means no limit.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VectorRegisterLimitTest {

    @Test
    void aWriterWaitsForTheRetirementThatFreesItsRegister() {
        VectorRegisterLimit limit = new VectorRegisterLimit(3);
        long[] retireAt = {10, 11, 15, 20, 21};
        long[] expected = {0, 0, 0, 10, 11};
        for (int k = 0; k < retireAt.length; k++) {
            assertEquals(expected[k], limit.earliestDispatch(), "writer " + k);
            limit.retired(retireAt[k]);
        }
        // Writer 5 needs the register freed by writer 2's retirement.
        assertEquals(15, limit.earliestDispatch());
    }

    @Test
    void zeroMeansNotModelled() {
        VectorRegisterLimit limit = new VectorRegisterLimit(0);
        for (int k = 0; k < 1000; k++) {
            limit.retired(5L * k);
            assertEquals(0, limit.earliestDispatch());
        }
    }
}
