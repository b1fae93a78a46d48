// Random-input property of the I2_S activation quantizer: codes, scale and sum follow the definition.
package org.ternsim.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;

class Int8QuantizerPropertyTest {

    @Property(tries = 300)
    void codesMatchTheDefinition(@ForAll @Size(min = 1, max = 64) List<@FloatRange(min = -1e4f, max = 1e4f) Float> xs) {
        float[] x = new float[xs.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = xs.get(k);
        }
        double amax = 1e-5;
        for (float v : x) {
            amax = Math.max(amax, Math.abs((double) v));
        }
        float s = (float) (127 / amax);
        Int8Activations a = Int8Quantizer.absmaxI2s(x);
        int sum = 0;
        for (int k = 0; k < x.length; k++) {
            int q = (int) Math.max(-128, Math.min(127, Math.rint(x[k] * s)));
            assertEquals(q, a.codes()[k]);
            sum += q;
        }
        assertEquals(sum, a.sum());
        assertEquals(s, a.scale());
    }
}
