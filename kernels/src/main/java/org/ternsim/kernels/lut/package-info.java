/**
 * LUT kernels of bitnet.cpp: TL1 (two weights to a 4-bit index, 9-entry table per activation pair) and TL2 (three
 * weights to a 4-bit index plus a sign bit, 14-entry table per activation triple, with a TL1-style pair part for the
 * remainder of K). Formats in their logical (row-major) layout, pack/unpack, scalar references and Vector API
 * kernels that agree bit for bit, including the int16 wrap of the original's block accumulators.
 *
 * <p>Sources: kernels.md §1 (TL activation quantization, see
 * {@link org.ternsim.kernels.quant.Int8Quantizer#absmaxTl}), §3 (TL1), §4 (TL2).
 */
package org.ternsim.kernels.lut;
