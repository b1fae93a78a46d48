// Which kernel each operator class uses: the workload's defaults, overridden from the command line.
package org.ternsim.sim.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * @param linear     kernel of the weight matmuls, null = the workload's {@code linearKernel}
 * @param lmHead     format of the LM head and embedding, null = the workload's {@code lmHead}
 * @param byOperator kernel of single LLM projections ({@code o_proj} -> {@code i2_s-sparse}), over {@code linear}
 */
public record KernelChoice(String linear, String lmHead, Map<String, String> byOperator) {
    public static final KernelChoice DEFAULTS = new KernelChoice(null, null);

    /** The weight matmuls of an LLM layer that a per-operator choice may name. */
    public static final List<String> PROJECTIONS = List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
        "up_proj", "down_proj");

    public KernelChoice {
        byOperator = Map.copyOf(byOperator);
        for (String op : byOperator.keySet()) {
            if (!PROJECTIONS.contains(op)) {
                throw new IllegalArgumentException("--kernel " + op + "=...: unknown operator '" + op + "'; expected "
                    + String.join(", ", PROJECTIONS));
            }
        }
    }

    public KernelChoice(String linear, String lmHead) {
        this(linear, lmHead, Map.of());
    }

    /**
     * {@code --kernel} as given: a kernel for every weight matmul, and/or {@code <projection>=<kernel>} entries, comma
     * separated ({@code i2_s,o_proj=i2_s-sparse,down_proj=i2_s-sparse}); null keeps the workload's kernels.
     */
    public static KernelChoice parse(String kernelOption, String lmHead) {
        if (kernelOption == null) {
            return new KernelChoice(null, lmHead);
        }
        String linear = null;
        Map<String, String> byOperator = new LinkedHashMap<>();
        for (String item : kernelOption.split(",", -1)) {
            String entry = item.strip();
            int eq = entry.indexOf('=');
            if (entry.isEmpty() || eq == 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("--kernel '" + kernelOption + "': expected <kernel> and/or "
                    + "<projection>=<kernel>, comma separated, got '" + item + "'");
            }
            if (eq < 0) {
                if (linear != null) {
                    throw new IllegalArgumentException("--kernel '" + kernelOption + "': one kernel for all weight "
                        + "matmuls expected, got " + linear + " and " + entry);
                }
                linear = entry;
            } else if (byOperator.put(entry.substring(0, eq), entry.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("--kernel '" + kernelOption + "': " + entry.substring(0, eq)
                    + " given twice");
            }
        }
        return new KernelChoice(linear, lmHead, byOperator);
    }

    public String linearFor(Workload w) {
        return linear != null ? linear : w.linearKernel();
    }

    /** The kernel of the LLM projection {@code operator} (one of {@link #PROJECTIONS}). */
    public String linearFor(Workload w, String operator) {
        return byOperator.getOrDefault(operator, linearFor(w));
    }

    public String lmHeadFor(Workload w) {
        return lmHead != null ? lmHead : w.lmHead();
    }

    /** A kernel named on the command line and the option it came from ({@code --kernel o_proj}). */
    public record Named(String option, String kernel) {
    }

    /** Every kernel named on the command line, for checking names. */
    public List<Named> named() {
        List<Named> out = new ArrayList<>();
        if (linear != null) {
            out.add(new Named("--kernel", linear));
        }
        byOperator.forEach((op, k) -> out.add(new Named("--kernel " + op, k)));
        if (lmHead != null) {
            out.add(new Named("--lm-head", lmHead));
        }
        return out;
    }
}
