// Core-wide pipeline parameters of one microarchitecture (widths, windows, queues, load-to-use).
package org.ternsim.isa.uarch;

/**
 * Core-wide parameters of a microarchitecture; every value in the data file carries a source
 * (see {@link Microarchitecture#coreSources()}).
 *
 * @param dispatchWidth     macro-ops dispatched (renamed) per cycle
 * @param retireWidth       macro-ops retired per cycle
 * @param robSize           reorder-buffer entries (macro-ops in flight, one thread)
 * @param schedulerSize     integer scheduler entries (macro-ops waiting for integer/AGU pipes)
 * @param loadQueue         load-queue entries
 * @param storeQueue        store-queue entries
 * @param loadToUseInt      cycles from a GPR load's issue to a dependent op on an L1D hit
 * @param loadToUseVec      same for vector / FP loads
 * @param vectorWidthBits   width of one vector pipe, bits
 * @param zmmSplit          pipe passes a 512-bit op needs (1 = native 512-bit, 2 = double-pumped 256-bit)
 * @param fusesCmpJcc       cmp/test/dec followed by a conditional jump issue as one macro-op
 * @param fpSchedulerSize   FP/vector scheduler entries (all FP schedulers together)
 * @param mispredictPenalty typical branch-mispredict penalty, cycles
 * @param vectorRenameRegisters vector physical registers beyond the architectural ones, free for renaming
 *                          (0 = not modelled: no limit)
 * @param fpNonSchedulingQueue entries of the in-order queue in front of the FP schedulers (AMD's non-scheduling
 *                          queue); when set, the FP scheduler capacity ({@code fpSchedulerSize}) is modelled too
 *                          (0 = neither modelled)
 */
public record CoreParams(int dispatchWidth, int retireWidth, int robSize, int schedulerSize, int loadQueue,
                         int storeQueue, int loadToUseInt, int loadToUseVec, int vectorWidthBits, int zmmSplit,
                         boolean fusesCmpJcc, int fpSchedulerSize, int mispredictPenalty,
                         int vectorRenameRegisters, int fpNonSchedulingQueue) {
}
