// The Pareto front of sweep points: feasible points no other feasible point beats or ties on every objective
// (all minimised) while beating it on at least one.
package org.ternsim.sim.sweep;

import java.util.List;

final class Pareto {
    private Pareto() {}

    static boolean[] front(List<PointRecord> points, boolean[] feasible, List<String> objectives) {
        int n = points.size();
        double[][] v = new double[n][objectives.size()];
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            usable[i] = feasible[i];
            for (int j = 0; j < objectives.size(); j++) {
                Object o = points.get(i).metrics().get(objectives.get(j));
                if (o instanceof Number num && !Double.isNaN(num.doubleValue())) v[i][j] = num.doubleValue();
                else usable[i] = false; // a point without the objective cannot be compared on it
            }
        }
        boolean[] front = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!usable[i] || objectives.isEmpty()) continue;
            boolean dominated = false;
            for (int k = 0; k < n && !dominated; k++) {
                if (k != i && usable[k] && dominates(v[k], v[i])) dominated = true;
            }
            front[i] = !dominated;
        }
        return front;
    }

    private static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int j = 0; j < a.length; j++) {
            if (a[j] > b[j]) return false;
            if (a[j] < b[j]) strictly = true;
        }
        return strictly;
    }
}
