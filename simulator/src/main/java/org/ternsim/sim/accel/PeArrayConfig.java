// The PE array: compute unit, rows x cols, pipeline depth, LUT builder width, supported activation types.
package org.ternsim.sim.accel;

import java.util.List;
import org.ternsim.isa.accel.ActType;

/**
 * @param unit                   compute unit
 * @param rows                   PE rows: output rows computed in parallel
 * @param cols                   adder-tree width (K values per row per cycle), or LUT lookups per row per cycle
 * @param pipelineStages         register stages besides the adder tree's log2(cols) levels (fill/drain per tile)
 * @param lutBuildAddersPerCycle adders of the LUT builder (LUT unit only; 0 otherwise)
 * @param activations            activation types the datapath accepts
 * @param blockRegister          whether activations pass through a register holding one 128-value I2_S block, filled
 *                               by contiguous buffer reads; without it the array reads the codes of each step where
 *                               the I2_S layout scatters them (four runs 32 apart) and meets bank conflicts
 * @param int4PerLane            int4 activations one adder-tree input takes per cycle: 1, or 2 when each input is split
 *                               into two int4 sub-word adders (then an int4 operator needs half the array steps)
 */
public record PeArrayConfig(PeUnit unit, int rows, int cols, int pipelineStages, int lutBuildAddersPerCycle,
        List<ActType> activations, boolean blockRegister, int int4PerLane) {

    public PeArrayConfig {
        activations = List.copyOf(activations);
    }

    /** One int4 activation per adder-tree input. */
    public PeArrayConfig(PeUnit unit, int rows, int cols, int pipelineStages, int lutBuildAddersPerCycle,
            List<ActType> activations, boolean blockRegister) {
        this(unit, rows, cols, pipelineStages, lutBuildAddersPerCycle, activations, blockRegister, 1);
    }

    /** Activations of type {@code act} each adder tree takes per cycle: cols, or cols x int4PerLane for int4. */
    public int lanes(ActType act) {
        return act == ActType.INT4 ? cols * int4PerLane : cols;
    }

    /** PEs in the array. */
    public int pes() {
        return rows * cols;
    }

    /** Cycles from the first operand in to the first sum out: adder-tree levels plus the extra stages. */
    public int fillCycles() {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, cols - 1)) + pipelineStages;
    }
}
