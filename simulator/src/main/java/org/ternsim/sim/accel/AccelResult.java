// Result of one operator on an accelerator: time, energy and area by component, DRAM traffic, bound and bit-exactness.
package org.ternsim.sim.accel;

import java.util.Map;

/**
 * @param design          config name
 * @param kernel          kernel name
 * @param rows            M
 * @param cols            K
 * @param tokens          N
 * @param mapping         the mapper's choice, e.g. {@code rows-tokens-k 64x2560x1 act-resident}
 * @param cycles          simulated cycles (scoreboard over the whole program)
 * @param seconds         cycles / clock
 * @param energyJ         joules by component (see {@link AccelEnergy})
 * @param dramReadBytes   bytes read from DRAM, bursts included
 * @param dramWriteBytes  bytes written to DRAM
 * @param bound           the engine that was busiest: {@code compute}, {@code dram}, {@code lut-build} or
 *                        {@code epilogue}
 * @param roofline        the analytic bound beside the simulated cycles
 * @param areaMm2         area by component
 * @param busyCycles      busy cycles per engine
 * @param macs            multiply-accumulates (ternary weight x activation) of the operator, skipped ones included
 * @param skippedMacs     MACs of all-zero activation groups the array skipped (0 without zero skipping)
 * @param instructions    accelerator instructions executed
 * @param check           "bit-exact (N outputs vs REF)", "N of M outputs differ from REF", or "not run"
 * @param checkPassed     true when bit-exact, false when it differs, null when not run
 */
public record AccelResult(String design, String kernel, int rows, int cols, int tokens, String mapping, long cycles,
        double seconds, Map<String, Double> energyJ, long dramReadBytes, long dramWriteBytes, String bound,
        Roofline roofline, Map<String, Double> areaMm2, Map<String, Long> busyCycles, long macs, long skippedMacs,
        long instructions,
        String check, Boolean checkPassed) {

    public AccelResult {
        energyJ = Map.copyOf(energyJ);
        areaMm2 = Map.copyOf(areaMm2);
        busyCycles = Map.copyOf(busyCycles);
    }

    public double totalEnergyJ() {
        return energyJ.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public double totalAreaMm2() {
        return areaMm2.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Energy per operation, counting a MAC as 2 ops (the usual TOPS convention; skipped MACs count as done). */
    public double pjPerOp() {
        return totalEnergyJ() * 1e12 / (2.0 * macs);
    }

    /** 2 x MACs / energy, in TOPS/W (tera-ops per joule). */
    public double topsPerWatt() {
        return 2.0 * macs / totalEnergyJ() / 1e12;
    }

    /** Tokens of this operator per joule (N / energy); a model's tokens/J comes from summing its operators. */
    public double tokensPerJoule() {
        return tokens / totalEnergyJ();
    }

    public long dramBytes() {
        return dramReadBytes + dramWriteBytes;
    }
}
