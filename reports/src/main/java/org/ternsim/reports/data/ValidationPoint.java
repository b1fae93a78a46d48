// A predicted figure beside a measured or published one, with the measured spread, for validation charts and tables.
package org.ternsim.reports.data;

/**
 * @param name          what was compared, e.g. {@code "2B4T decode 4 threads"}
 * @param unit          unit of both values, e.g. {@code "tokens/s"}
 * @param predicted     TernSim's value
 * @param measured      measured or published value
 * @param measuredLow   low end of the measured spread (= measured when none is given)
 * @param measuredHigh  high end of the measured spread (= measured when none is given)
 * @param source        where the measured value comes from
 */
public record ValidationPoint(String name, String unit, double predicted, double measured, double measuredLow,
        double measuredHigh, String source) {

    /** Relative error of the prediction, (predicted - measured) / measured. */
    public double relativeError() {
        return (predicted - measured) / measured;
    }
}
