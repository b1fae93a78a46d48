/**
 * The ternary-accelerator ISA: tile-level instructions with exact semantics (DMA load/store, LUT build, ternary MAC,
 * LUT accumulate, requantise, sync) executed on {@link org.ternsim.isa.accel.AccelMachine}, a small mapper choosing
 * loop order and tile sizes within buffer capacities, and lowerings of the GEMV/GEMM kernels of
 * {@code org.ternsim.kernels} (I2_S x INT8, TL2 LUT, I2_S x INT4, W1.58A16) whose outputs equal the functional engine
 * bit for bit. Timing and energy live in {@code org.ternsim.sim.accel}; nothing here knows about cycles.
 */
package org.ternsim.isa.accel;
