// TL2_0's int8-quantized tables of one activation vector, held as int16 in TL2's table layout, with their two scales.
package org.ternsim.kernels.lut;

/**
 * @param triples    one 16-entry table per triple of the triple part ({@link LutTables#triples} layout), int8 values
 * @param pairs      one 16-entry table per pair of the pair part ({@link LutTables#pairs} layout), int8 values
 * @param threeScale the triple tables' lut_scale: max over the vector's triples of sum |a| / 127
 * @param twoScale   the pair tables' lut_scale: max over the vector's pairs of sum |a| / 127
 */
public record Tl20Lut(short[] triples, short[] pairs, float threeScale, float twoScale) {
}
