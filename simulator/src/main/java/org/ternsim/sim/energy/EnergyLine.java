// One row of an energy account: how often an action happened, what it costs, and where that cost comes from.
package org.ternsim.sim.energy;

public record EnergyLine(String component, String action, double count, double pjEach, String source) {
    public double totalPj() {
        return count * pjEach;
    }
}
