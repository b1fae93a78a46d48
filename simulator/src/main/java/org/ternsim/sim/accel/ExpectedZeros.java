// Expected zero-group counts of a timing-only run: a given zero fraction, zeros placed uniformly at random over K.
package org.ternsim.sim.accel;

import java.util.HashMap;
import java.util.Map;
import org.ternsim.isa.accel.TernaryMac;

/**
 * Each token has Z = K - ceil((1 - p) K) zeros (Top-K's count) at uniformly random positions, so a group of G is all
 * zero with probability prod_{i < G} (Z - i) / (K - i), and the non-zero groups of a window of n groups are taken as
 * Binomial(n, q) with q the complement (independent groups: an approximation of the hypergeometric draw). The steps
 * of a window are the exact expectation of ceil(X G / lanes) under that binomial, so coarse groups gain nothing from
 * scattered zeros (at p = 0.5, G = 32 skips a group with probability 2^-32). Real activations are not uniformly
 * placed (outlier channels, ReLU^2 patterns): a functional run times the zeros it actually sees.
 */
public final class ExpectedZeros implements ZeroGroups {

    private final int cols;
    private final double zeroFraction;
    private final Map<Long, Double> stepsPerWindow = new HashMap<>();

    /** {@code cols}: K of the operator; {@code zeroFraction}: fraction of each token's activations that are zero. */
    public ExpectedZeros(int cols, double zeroFraction) {
        this.cols = cols;
        this.zeroFraction = zeroFraction;
    }

    /** Probability that a group of {@code g} activations is all zero. */
    double allZero(int g) {
        long zeros = cols - (long) Math.ceil((1 - zeroFraction) * cols - 1e-9);
        double p = 1;
        for (int i = 0; i < g; i++) {
            p *= Math.max(0, zeros - i) / (double) (cols - i);
        }
        return p;
    }

    @Override
    public Counts of(TernaryMac m, int lanes, int window) {
        int g = m.skipGroup();
        double q = 1 - allZero(g);
        int n = window / g;
        double perWindow = stepsPerWindow.computeIfAbsent(((long) g << 40) ^ ((long) lanes << 20) ^ window,
                key -> expectedSteps(n, q, g, lanes));
        // Tiles whose K is not a whole number of windows: the steps scale with the activations covered.
        double windows = (double) m.kLen() / window;
        return new Counts(m.tokens() * windows * perWindow, m.tokens() * (double) m.kLen() / g * q);
    }

    /** E[ceil(X g / lanes)] for X ~ Binomial(n, q), summed in log space so large n does not underflow. */
    static double expectedSteps(int n, double q, int g, int lanes) {
        if (q <= 0) {
            return 0;
        }
        if (q >= 1) {
            return AccelCosts.ceil((long) n * g, lanes);
        }
        double e = 0;
        double logC = 0;
        for (int x = 0; x <= n; x++) {
            if (x > 0) {
                logC += Math.log(n - x + 1) - Math.log(x);
            }
            double pmf = Math.exp(logC + x * Math.log(q) + (n - x) * Math.log1p(-q));
            e += pmf * AccelCosts.ceil((long) x * g, lanes);
        }
        return e;
    }
}
