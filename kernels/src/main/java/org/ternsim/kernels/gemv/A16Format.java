// The two 16-bit float activation formats of W1.58A16 and their exact conversion to float (Java 17 has neither).
package org.ternsim.kernels.gemv;

import org.ternsim.kernels.numeric.Bf16;
import org.ternsim.kernels.numeric.Fp16;

/**
 * IEEE binary16 ("half", F16) and bfloat16 (BF16), each held as the raw bits in a {@code short}. Both convert to
 * float exactly: every half and every bfloat16 value, including subnormals, infinities and NaN payloads, is a float.
 */
public enum A16Format {
    /** IEEE 754 binary16: 1 sign, 5 exponent (bias 15), 10 fraction bits. */
    F16 {
        @Override
        public float toFloat(short bits) {
            return halfToFloat(bits);
        }
    },
    /** bfloat16: the upper 16 bits of a float. */
    BF16 {
        @Override
        public float toFloat(short bits) {
            return bfloat16ToFloat(bits);
        }
    };

    /** The float with exactly the value of {@code bits} in this format. */
    public abstract float toFloat(short bits);

    /** Exact binary16 to float (NaN keeps its payload; see {@link Fp16#toFloat(int)}). */
    public static float halfToFloat(short bits) {
        return Fp16.toFloat(bits);
    }

    /** Exact bfloat16 to float: the bits are the float's upper half. */
    public static float bfloat16ToFloat(short bits) {
        return Bf16.toFloat(bits);
    }
}
