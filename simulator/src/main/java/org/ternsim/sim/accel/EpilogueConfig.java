// The requantisation / epilogue unit: outputs per cycle and pipeline depth.
package org.ternsim.sim.accel;

/**
 * @param lanes          outputs finished per cycle (each: int-to-float, offset, scale; or a 16-lane tree for A16)
 * @param pipelineStages latency from accumulator to stored float
 */
public record EpilogueConfig(int lanes, int pipelineStages) {
}
