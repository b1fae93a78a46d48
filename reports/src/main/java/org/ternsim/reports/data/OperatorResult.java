// One operator of a run as the reports read it; every measure may be missing (null) when the results do not carry it.
package org.ternsim.reports.data;

/**
 * @param name     operator name, e.g. {@code "layer3.ffn.down"}
 * @param kernel   kernel name ({@code i2_s}, {@code tl2}, ...)
 * @param shape    shape text as the results give it, e.g. {@code "2560x6912"}
 * @param layer    layer label, null when the results have none
 * @param opClass  operator class (bitlinear, attention, norm, ...); the op name when the results have none
 * @param cycles   simulated cycles
 * @param seconds  simulated time
 * @param energyJoules energy of the operator
 * @param bound    compute / memory / latency
 * @param bytes    bytes moved (operand bytes for a single kernel call)
 * @param macs     multiply-accumulates (flops / 2 when only flops are given)
 */
public record OperatorResult(String name, String kernel, String shape, String layer, String opClass, Long cycles,
        Double seconds, Double energyJoules, String bound, Long bytes, Double macs) {

    /** Achieved MAC/s, or null when time or work is missing. */
    public Double macsPerSecond() {
        return macs == null || seconds == null || seconds <= 0 ? null : macs / seconds;
    }

    /** MACs per byte moved, or null when either is missing. */
    public Double intensity() {
        return macs == null || bytes == null || bytes <= 0 ? null : macs / bytes;
    }
}
