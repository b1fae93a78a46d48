// The order energy components are stacked and listed in: core, caches outwards, DRAM, accelerator units, others,
// static last, whatever order a results file happens to use.
package org.ternsim.reports.chart;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

public final class ComponentOrder {

    private static final List<String> KNOWN = List.of("core", "l1", "l1d", "l1i", "l2", "l3", "dram");

    private ComponentOrder() {
    }

    public static List<String> sorted(Collection<String> components) {
        List<String> out = new ArrayList<>(components);
        out.sort(Comparator.comparingInt(ComponentOrder::rank)); // stable: unknown names keep their order
        return out;
    }

    static int rank(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        int known = KNOWN.indexOf(key);
        if (known >= 0) {
            return known;
        }
        if (key.equals("static")) {
            return KNOWN.size() + 2;
        }
        return key.startsWith("accel") ? KNOWN.size() : KNOWN.size() + 1;
    }
}
