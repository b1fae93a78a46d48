// The non-dominated points when both coordinates are minimised, sorted by the first coordinate.
package org.ternsim.reports.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

public final class ParetoFront {

    private ParetoFront() {
    }

    public static <T> List<T> of(List<T> points, ToDoubleFunction<T> x, ToDoubleFunction<T> y) {
        List<T> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(x).thenComparingDouble(y));
        List<T> front = new ArrayList<>();
        double bestY = Double.POSITIVE_INFINITY;
        for (T p : sorted) {
            // Sorted by x, a point is on the front iff it beats every point before it in y.
            if (y.applyAsDouble(p) < bestY) {
                front.add(p);
                bestY = y.applyAsDouble(p);
            }
        }
        return front;
    }
}
