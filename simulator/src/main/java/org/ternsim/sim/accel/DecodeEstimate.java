// Decode rate of a published design's model on its reproduction: the ternary projections of every layer, one token.
package org.ternsim.sim.accel;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ternsim.isa.accel.AccelKernel;

/**
 * Sums timing-only GEMV runs of a model's ternary linear layers per decoded token: {@code projections} d x d, gate and
 * up (ffn x d), down (d x ffn), times the layer count. Not included: attention over the KV cache, norms, embeddings
 * and the LM head. Two schedules bracket the operators: isolated (each operator starts with an empty pipeline and
 * drains completely, the simulated cycles summed) and pipelined (a design that prefetches the next operator's weights
 * while finishing the current one, as streaming dataflow designs do: each operator costs its busiest engine's cycles).
 * Without attention both are upper bounds on tokens/s.
 *
 * @param tokensPerSecond   pipelined: 1 / sum over operators of the busiest engine's time
 * @param isolatedTokensPerSecond 1 / sum of the operators' simulated times
 * @param joulesPerToken    energy per token, all components (DRAM included)
 * @param energyJ           joules per token by component
 * @param dramBytesPerToken bytes moved per token
 * @param computeSeconds    seconds per token the operators' compute roofline alone would take
 * @param dramSeconds       seconds per token the compulsory DRAM traffic alone would take
 */
public record DecodeEstimate(double tokensPerSecond, double isolatedTokensPerSecond, double joulesPerToken, Map<String, Double> energyJ,
        long dramBytesPerToken, double computeSeconds, double dramSeconds) {

    /** The decode estimate of {@code p}'s model on {@code c} with the adder-tree kernel (i2_s). */
    public static DecodeEstimate of(AcceleratorConfig c, PublishedFigures p) {
        int d = p.hidden();
        int f = p.ffn();
        AccelKernel k = c.pe().unit() == PeUnit.LUT ? AccelKernel.TL2 : AccelKernel.I2S;
        int[][] shapes = {{d, d, p.projections()}, {f, d, 2}, {d, f, 1}};
        double seconds = 0;
        double pipelined = 0;
        double compute = 0;
        double dram = 0;
        long bytes = 0;
        Map<String, Double> energy = new LinkedHashMap<>();
        for (int[] s : shapes) {
            if (s[2] == 0) {
                continue;
            }
            AccelResult r = AcceleratorSimulation.run(c, new AccelRequest(k, s[0], s[1], 1, 1, false));
            double times = (double) s[2] * p.layers();
            seconds += r.seconds() * times;
            long busiest = r.busyCycles().values().stream().mapToLong(Long::longValue).max().orElse(r.cycles());
            pipelined += busiest / c.clockHz() * times;
            compute += r.roofline().computeCycles() / c.clockHz() * times;
            dram += r.roofline().dramCycles() / c.clockHz() * times;
            bytes += (long) (r.dramBytes() * times);
            r.energyJ().forEach((key, v) -> energy.merge(key, v * times, Double::sum));
        }
        double joules = energy.values().stream().mapToDouble(Double::doubleValue).sum();
        // Energy uses the isolated time for leakage: the conservative side.
        return new DecodeEstimate(1 / pipelined, 1 / seconds, joules, energy, bytes, compute, dram);
    }
}
