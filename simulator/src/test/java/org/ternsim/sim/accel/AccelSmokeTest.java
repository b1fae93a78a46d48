package org.ternsim.sim.accel;

import org.junit.jupiter.api.Test;

class AccelSmokeTest {
    @Test
    void print() {
        for (String n : new String[] {"accel-edge", "accel-edge-lut", "accel-large", "accel-vitallm", "accel-tereffic-hbm"}) {
            AcceleratorConfig c = AccelConfigs.load(n);
            String k = n.contains("lut") ? "tl2" : "i2_s";
            AccelResult r = AcceleratorSimulation.run(c, AccelRequest.of(k, 2560, 2560, 1, 1, true));
            System.out.println(n + " " + r.mapping() + " cycles " + r.cycles() + " roof " + r.roofline() + " bound " + r.bound()
                + " E " + r.totalEnergyJ() + " " + r.energyJ() + " area " + r.totalAreaMm2() + " " + r.check() + " busy " + r.busyCycles());
            c.publishedFigures().ifPresent(p -> {
                DecodeEstimate d = DecodeEstimate.of(c, p);
                System.out.println("  decode " + d.tokensPerSecond() + " isolated " + d.isolatedTokensPerSecond() + " tok/s vs " + p.decodeTokensPerSecond() + " J/tok " + d.joulesPerToken()
                    + " compute " + d.computeSeconds() + " dram " + d.dramSeconds() + " " + d.energyJ());
            });
        }
    }
}
