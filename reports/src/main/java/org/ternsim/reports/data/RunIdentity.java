// What a run simulated: workload, phase, hardware, threads and main kernel, as labels for tables and chart series.
package org.ternsim.reports.data;

/**
 * @param label       short name of the run (its directory name)
 * @param workload    model or kernel call, e.g. {@code "bitnet-b1.58-2b4t"} or {@code "gemv i2_s/avx2 64x256"}
 * @param phase       decode / prefill / diffusion-step / image / kernel call
 * @param hardware    hardware config name
 * @param threads     threads used (null when not given)
 * @param kernel      main kernel (null when operators use several and the results name none)
 * @param modelParams parameter count of the model (null when not given)
 */
public record RunIdentity(String label, String workload, String phase, String hardware, Integer threads,
        String kernel, Double modelParams) {
}
