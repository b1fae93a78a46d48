// Analytic cost of a candidate tile mapping, used by the mapper to rank candidates without lowering each one.
package org.ternsim.sim.accel;

import org.ternsim.isa.accel.AccelShape;
import org.ternsim.isa.accel.LoopOrder;
import org.ternsim.isa.accel.LutKind;
import org.ternsim.isa.accel.TileMapping;

/**
 * max(array cycles, DMA cycles, LUT-build cycles) of a mapping, with the reload counts the lowering's two-slot reuse
 * gives (a tile is kept when at most two distinct tiles of that buffer alternate), plus a tiny DRAM-byte term so
 * that, at equal time, less traffic (less energy) wins. An estimate for ranking; the scheduler gives the cycles. Zero
 * skipping is not in the ranking (the dense array time stands in: the mapping is chosen before the data is seen).
 */
final class MappingCost {

    private final AcceleratorConfig c;
    private final AccelCosts costs;

    MappingCost(AcceleratorConfig c) {
        this.c = c;
        this.costs = new AccelCosts(c);
    }

    double of(AccelShape s, TileMapping t) {
        int m = s.rows();
        int n = s.tokens();
        long nR = AccelCosts.ceil(m, t.rowTile());
        long nTripleK = s.threeK() == 0 ? 0 : AccelCosts.ceil(s.threeK(), t.kTile());
        long nK = nTripleK + (s.twoK() > 0 ? 1 : 0);
        boolean wgt = t.order() == LoopOrder.ROWS_K_TOKENS;
        long nN = AccelCosts.ceil(n, t.tokenTile());
        double wTotal = m * (s.kernel().isLut() ? s.weightRowBytes(s.threeK()) + s.twoK() / 4.0 : s.cols() / 4.0);
        double aTotal = (double) n * s.act().bytes(s.cols());
        double wLoads;
        double aLoads;
        switch (t.order()) {
            case ROWS_TOKENS_K:
                wLoads = nK <= 2 ? 1 : nN;
                aLoads = t.actWholeK() ? (nN <= 2 ? 1 : nR) : (nN * nK <= 2 ? 1 : nR);
                break;
            case TOKENS_ROWS_K:
                wLoads = nR * nK <= 2 ? 1 : nN;
                aLoads = t.actWholeK() ? 1 : (nK <= 2 ? 1 : nR);
                break;
            default:
                wLoads = 1;
                aLoads = t.actWholeK() ? (nN <= 2 ? 1 : nR * nK) : (nN * nK <= 2 ? 1 : nR);
        }
        double burstPenalty = (double) costs.burstBytes(t.kTile() / 4, t.rowTile(), false) / Math.max(1, t.kTile() / 4 * t.rowTile());
        double dramBytes = wTotal * wLoads * burstPenalty + aTotal * aLoads + 4.0 * m * n + 8.0 * n * nR;
        double perCycle = c.dma().bandwidthBytesPerSec() / c.clockHz();
        double dmaCycles = dramBytes / perCycle;
        long rowSteps = (m / t.rowTile()) * AccelCosts.ceil(t.rowTile(), c.pe().rows())
                + (m % t.rowTile() == 0 ? 0 : AccelCosts.ceil(m % t.rowTile(), c.pe().rows()));
        double array;
        double build = 0;
        if (s.kernel().isLut()) {
            double kSteps = AccelCosts.ceil(Math.max(1, t.kTile() / 3), c.pe().cols()) * (double) nTripleK
                    + (s.twoK() > 0 ? AccelCosts.ceil(s.twoK() / 2, c.pe().cols()) : 0);
            array = rowSteps * kSteps * n;
            double rebuild = t.order() == LoopOrder.TOKENS_ROWS_K ? (nK <= 2 ? 1 : nR) : (nN * nK <= 2 && !wgt ? 1 : nR);
            build = rebuild * n * (s.threeK() / 3.0 * AccelCosts.buildAdds(LutKind.TRIPLE)
                    + s.twoK() / 2.0 * AccelCosts.buildAdds(LutKind.PAIR)) / Math.max(1, c.pe().lutBuildAddersPerCycle());
        } else {
            long fullK = s.cols() / t.kTile();
            int rest = s.cols() % t.kTile();
            double perTokenCycles = fullK * (double) costs.macCycles(c.pe().rows(), t.kTile(), t.tokenTile(),
                    s.act()) / t.tokenTile()
                    + (rest == 0 ? 0 : (double) costs.macCycles(c.pe().rows(), Math.max(rest, 1), t.tokenTile(),
                    s.act()) / t.tokenTile());
            array = rowSteps * perTokenCycles * n;
        }
        // Steady state per compute step (one row tile x K tile x token tile): the busiest engine, but with two slots a
        // load can only run one step ahead, so a step also takes at least (DMA latency + transfer + compute) / 2.
        double visits = (double) nR * nK * nN;
        double dmaStep = dmaCycles / visits;
        double arrayStep = array / visits;
        double buildStep = build / visits;
        double latencyStep = (costs.dmaLatency() + dmaStep + arrayStep) / 2;
        double steady = visits * Math.max(Math.max(dmaStep, arrayStep), Math.max(buildStep, latencyStep));
        // Fill and drain: the first weight tile arrives before any compute; the last tile's compute, requantisation and
        // store follow the last load.
        long outTokens = wgt ? n : t.tokenTile();
        double tail = 2 * costs.dmaLatency() + dmaStep + arrayStep
                + AccelCosts.ceil((long) t.rowTile() * outTokens, c.epilogue().lanes()) + 4.0 * t.rowTile() * outTokens / perCycle;
        return steady + tail + 1e-6 * dramBytes;
    }
}
