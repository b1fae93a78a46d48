// The three output formulas of the kernels, applied by the requantise unit exactly as the functional engine does.
package org.ternsim.isa.accel;

/** Which epilogue a Requantise applies; each delegates to the functional engine's one definition. */
public enum Epilogue {
    /** {@code gemv.I2sEpilogue}: ((float) raw - (float) sum q) / s * w_scale. */
    I2S,
    /** {@code lut.LutEpilogue}: (float) acc / s * w_scale. */
    LUT,
    /** {@code gemv.CanonicalSum}: tree over 16 lanes, then sum * w_scale (NaN canonicalised). */
    A16
}
