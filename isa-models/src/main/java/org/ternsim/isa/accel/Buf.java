// The on-chip buffers of the accelerator, each split into slots so DMA can fill one while compute reads the other.
package org.ternsim.isa.accel;

/** On-chip buffers. Every buffer has {@link AccelMachine#SLOTS} slots (double buffering). */
public enum Buf {
    /** Packed ternary weights of one tile. */
    WEIGHT,
    /** Activations (int8 / int4 codes one per byte, or 16-bit floats little-endian). */
    ACT,
    /** LUT tables built from activations (16 int16 entries per activation group). */
    LUT,
    /** Accumulators (int32, or 16 float lanes per output for W1.58A16) and the requantised outputs. */
    OUT,
    /** Per-token epilogue parameters: int32 code sum, float32 activation scale (8 bytes per token). */
    PARAM
}
