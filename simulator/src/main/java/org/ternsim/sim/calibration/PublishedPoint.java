// One published measurement to reproduce: which machine, what run, the value and where it was published.
package org.ternsim.sim.calibration;

/**
 * @param hw        hardware config name (file under configs/hw without .yaml)
 * @param kind      decode, prefill or kernel
 * @param workload  workload name for decode / prefill, empty for kernel rows
 * @param threads   threads
 * @param m         kernel rows: output rows (weights m x k)
 * @param k         kernel rows: reduction length
 * @param n         tokens (kernel rows, prefill)
 * @param kernel    kernel of the weight matmuls the measurement ran, empty = the workload's (i2_s for kernel rows)
 * @param lmHead    format of the LM head and embedding, empty = the workload's
 * @param published the published value
 * @param unit      tokens/s or ms
 * @param source    reference file and section
 */
public record PublishedPoint(String hw, String kind, String workload, int threads, int m, int k, int n,
        String kernel, String lmHead, double published, String unit, String source) {
}
