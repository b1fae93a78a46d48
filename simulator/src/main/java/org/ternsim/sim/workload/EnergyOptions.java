// Which energy model a run reports: the full per-action model of the target, or matmul arithmetic only at a node.
package org.ternsim.sim.workload;

/**
 * @param model "full" or "arithmetic"
 * @param node  technology node of the arithmetic model ("45nm" or "7nm"); the full model uses the hardware's table
 */
public record EnergyOptions(String model, String node) {
    public static final EnergyOptions FULL = new EnergyOptions("full", "7nm");

    public EnergyOptions {
        if (!model.equals("full") && !model.equals("arithmetic")) {
            throw new IllegalArgumentException("--energy-model must be full or arithmetic, got '" + model + "'");
        }
        ArithmeticEnergy.checkNode(node); // also under the full model, where it is unused: a typo is still a typo
    }

    public boolean arithmetic() {
        return model.equals("arithmetic");
    }
}
