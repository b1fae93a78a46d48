// Rotary position embedding: angle tables in double, rotation of query/key heads in float.
package org.ternsim.kernels.nn;

/**
 * RoPE for a {@link RopeSpec}.
 *
 * <p>Angles. Pair p belongs to axis a with local index i (0 &lt;= i &lt; D_a/2, D_a = axesDims[a]); its inverse
 * frequency is {@code w = 1.0 / StrictMath.pow(theta, (2.0 * i) / D_a)} and its angle at coordinate pos_a is
 * {@code pos_a * w}, all in double; cos and sin are {@code (float) StrictMath.cos/sin(angle)}. This is FLUX's own
 * recipe (float64 then cast to float). HF Llama rounds the inverse frequency and the angle to float32 first, so for
 * 2B4T our tables are the more accurate ones and may differ from HF by a float ulp at large positions.
 *
 * <p>Rotation, for the elements (a, b) of pair p with c = cos_p, s = sin_p (two roundings per product, no fma):
 * a' = (a * c) - (b * s); b' = (b * c) + (a * s). This equals HF's {@code q * cos + rotate_half(q) * sin} and
 * FLUX's {@code cos * x0 + (-sin) * x1} bit for bit, since negation is exact and IEEE + and * commute.
 *
 * <p>Rotation is O(headDim) per head against O(L * headDim) for attention, so it is one scalar implementation,
 * shared by every kernel, and trivially identical everywhere.
 */
public final class Rope {

    private final RopeSpec spec;
    /** Inverse frequency per pair. */
    private final double[] inverseFrequency;
    /** Axis per pair. */
    private final int[] axisOf;

    public Rope(RopeSpec spec) {
        this.spec = spec;
        int pairs = spec.headDim() / 2;
        this.inverseFrequency = new double[pairs];
        this.axisOf = new int[pairs];
        int p = 0;
        int[] dims = spec.axesDims();
        for (int a = 0; a < dims.length; a++) {
            for (int i = 0; i < dims[a] / 2; i++, p++) {
                inverseFrequency[p] = 1.0 / StrictMath.pow(spec.theta(), (2.0 * i) / dims[a]);
                axisOf[p] = a;
            }
        }
    }

    public RopeSpec spec() {
        return spec;
    }

    /** The inverse frequency of pair p (for tests and reports). */
    public double inverseFrequency(int p) {
        return inverseFrequency[p];
    }

    /** Angles at one position per axis (LLM: {@code angles(pos)}; FLUX: {@code angles(0, row, col)}). */
    public RotaryAngles angles(int... positions) {
        if (positions.length != spec.axesDims().length) {
            throw new IllegalArgumentException("RoPE needs " + spec.axesDims().length + " position coordinates, got "
                    + positions.length);
        }
        float[] cos = new float[inverseFrequency.length];
        float[] sin = new float[inverseFrequency.length];
        for (int p = 0; p < cos.length; p++) {
            double angle = positions[axisOf[p]] * inverseFrequency[p];
            cos[p] = (float) StrictMath.cos(angle);
            sin[p] = (float) StrictMath.sin(angle);
        }
        return new RotaryAngles(cos, sin);
    }

    /** Rotates one head in place: x[off .. off+headDim). */
    public void rotate(RotaryAngles angles, float[] x, int off) {
        int d = spec.headDim();
        NnArgs.check("x", x, off, d);
        if (angles.pairs() != d / 2) {
            throw new IllegalArgumentException("angles for " + angles.pairs() + " pairs, head has " + d / 2);
        }
        RopePairing pairing = spec.pairing();
        for (int p = 0; p < d / 2; p++) {
            int ia = off + pairing.first(p, d);
            int ib = off + pairing.second(p, d);
            float a = x[ia];
            float b = x[ib];
            float c = angles.cos()[p];
            float s = angles.sin()[p];
            x[ia] = (a * c) - (b * s);
            x[ib] = (b * c) + (a * s);
        }
    }

    /** Rotates {@code heads} consecutive heads of one token in place, all with the same angles. */
    public void rotateHeads(RotaryAngles angles, float[] x, int off, int heads) {
        for (int h = 0; h < heads; h++) {
            rotate(angles, x, off + h * spec.headDim());
        }
    }
}
