// Energy and area reference table of one technology node: per-action energies, SRAM points by size, logic areas.
package org.ternsim.sim.accel;

import java.util.List;
import java.util.Map;
import org.ternsim.sim.config.EnergyAction;
import org.ternsim.sim.config.Provenance;

/**
 * Accelergy-style ERT/ART for the accelerator at one node. SRAM values between the tabulated sizes are interpolated
 * log-log (energy, leakage and area all follow near power laws in size in CACTI), and extrapolated with the nearest
 * segment's slope outside them.
 *
 * @param actions dynamic energy per action (names in {@link AccelActions})
 * @param sram    SRAM points, increasing size, at least two
 * @param areas   logic areas (names in {@link AccelActions})
 */
public record AccelEnergyTable(String name, int nodeNm, Map<String, EnergyAction> actions, List<SramPoint> sram,
        Map<String, AreaEntry> areas, Provenance provenance) {

    public AccelEnergyTable {
        actions = Map.copyOf(actions);
        sram = List.copyOf(sram);
        areas = Map.copyOf(areas);
        if (sram.size() < 2) {
            throw new IllegalArgumentException("an SRAM table needs at least two sizes");
        }
    }

    /** Energy of one action in pJ. */
    public double pj(String action) {
        EnergyAction a = actions.get(action);
        if (a == null) {
            throw new IllegalArgumentException("energy table " + name + " has no action " + action);
        }
        return a.energyPj();
    }

    /** Area of one logic component in mm^2. */
    public double areaMm2(String component) {
        AreaEntry a = areas.get(component);
        if (a == null) {
            throw new IllegalArgumentException("energy table " + name + " has no area " + component);
        }
        return a.mm2();
    }

    /** 64-bit read energy of a bank of {@code bytes}. */
    public double sramReadPj(long bytes) {
        return interpolate(bytes, 0);
    }

    /** 64-bit write energy of a bank of {@code bytes}. */
    public double sramWritePj(long bytes) {
        return interpolate(bytes, 1);
    }

    /** Leakage of one bank of {@code bytes}, in watts. */
    public double sramLeakageW(long bytes) {
        return interpolate(bytes, 2);
    }

    /** Area of one bank of {@code bytes}, in mm^2. */
    public double sramAreaMm2(long bytes) {
        return interpolate(bytes, 3);
    }

    private double interpolate(long bytes, int field) {
        int i = 0;
        while (i < sram.size() - 2 && sram.get(i + 1).sizeBytes() < bytes) {
            i++;
        }
        SramPoint a = sram.get(i);
        SramPoint b = sram.get(i + 1);
        double slope = Math.log(value(b, field) / value(a, field)) / Math.log((double) b.sizeBytes() / a.sizeBytes());
        return value(a, field) * Math.pow((double) Math.max(bytes, 1) / a.sizeBytes(), slope);
    }

    private static double value(SramPoint p, int field) {
        switch (field) {
            case 0:
                return p.readPj();
            case 1:
                return p.writePj();
            case 2:
                return p.leakageW();
            default:
                return p.areaMm2();
        }
    }
}
