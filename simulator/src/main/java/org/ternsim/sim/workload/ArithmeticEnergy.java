// Matmul arithmetic energy as the BitNet papers estimate it: adds and multiplies per operation, at 45 nm or 7 nm.
package org.ternsim.sim.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BitNet (arXiv 2310.11453) §2.3 Eq.16-18: an (m x n)(n x p) matmul costs m(n-1)p adds and m n p multiplies; with
 * ternary (or binary) weights only the rescaling multiplies remain, (m p + m n). Per-op energies are the paper's
 * Table 2 (workloads.md §2), which gives 45 nm (Horowitz ISSCC 2014) and 7 nm values; no other node is published
 * there, so others are refused rather than scaled by an invented factor. Element-wise work, memory and static power
 * are outside this model by definition. Zero inputs of a4.8 are skipped (its "activated parameters" view), since a
 * skipped add costs nothing in the papers' accounting.
 */
public final class ArithmeticEnergy {

    public static final List<String> NODES = List.of("45nm", "7nm");
    public static final String SOURCE = "BitNet arXiv 2310.11453 Table 2 (Horowitz ISSCC 2014 at 45 nm; 7 nm as "
        + "reused in arXiv 2402.17764 §3), workloads.md §2";

    private ArithmeticEnergy() {
    }

    /** {add pJ, mul pJ} per operation for a number format at a node. */
    static double[] perOp(String format, String node) {
        boolean n7 = node.equals("7nm");
        return switch (format) {
            case "int8", "int4", "int3" -> n7 ? new double[] {0.007, 0.07} : new double[] {0.03, 0.2};
            case "f32" -> n7 ? new double[] {0.38, 1.31} : new double[] {0.9, 3.7};
            default -> n7 ? new double[] {0.16, 0.34} : new double[] {0.4, 1.1}; // f16, bf16
        };
    }

    public static void checkNode(String node) {
        if (!NODES.contains(node)) {
            throw new IllegalArgumentException("--node '" + node + "': expected one of " + String.join(", ", NODES)
                + " (the nodes whose energies the arithmetic model's source publishes)");
        }
    }

    /** Energy by component ("add", "mul") in pJ for one operator call; empty for non-matmul operators. */
    public static Map<String, Double> of(Operator op, String activations, String node) {
        Map<String, Double> e = new LinkedHashMap<>();
        double adds;
        double muls;
        String fmt;
        if (op.opClass() == OpClass.LINEAR) {
            double m = op.n(); // tokens = the paper's m
            double n = op.k();
            double p = op.m();
            if (Formats.ternary(op.kernel())) {
                fmt = op.kernel().endsWith("-a16") ? "f16" : activations.startsWith("int") ? "int8" : activations;
                adds = m * (n - 1) * p * (1 - op.inputSparsity());
                muls = m * p + m * n;
            } else {
                // tmac-w4 (int4 weights) sums int8 table entries, as the q formats multiply int8 codes
                fmt = op.kernel().startsWith("q") || op.kernel().equals("tmac-w4") ? "int8"
                    : op.kernel().equals("f32") ? "f32" : "f16";
                adds = m * (n - 1) * p;
                muls = m * n * p;
            }
        } else if (op.opClass() == OpClass.ATTENTION) {
            fmt = op.weightFormat().startsWith("int") ? "int8" : "f16";
            adds = op.macs();
            muls = op.macs();
        } else {
            return e;
        }
        double[] pj = perOp(fmt, node);
        e.put("add", adds * pj[0]);
        e.put("mul", muls * pj[1]);
        return e;
    }
}
