// Which kernel each operator class uses: the workload's defaults, overridden from the command line.
package org.ternsim.sim.workload;

/**
 * @param linear  kernel of the weight matmuls, null = the workload's {@code linearKernel}
 * @param lmHead  format of the LM head and embedding, null = the workload's {@code lmHead}
 */
public record KernelChoice(String linear, String lmHead) {
    public static final KernelChoice DEFAULTS = new KernelChoice(null, null);

    public String linearFor(Workload w) {
        return linear != null ? linear : w.linearKernel();
    }

    public String lmHeadFor(Workload w) {
        return lmHead != null ? lmHead : w.lmHead();
    }
}
