// A DRAM interface preset (DDR4/DDR5/LPDDR5/LPDDR5X/HBM2e/HBM3): per-channel geometry, typical latency, efficiency and energy, with sources.
package org.ternsim.sim.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a hardware config gets from {@code dram: {preset: ddr5-4800, channels: 12}}; every field can be overridden in
 * the config. Peak = channels x busBits / 8 x dataRate; sustainable = efficiency x peak.
 *
 * @param name        preset name as written in YAML
 * @param dataRateMTs transfers per second per pin, in MT/s
 * @param busBits     data bits per channel as the channel count counts them (DDR: one 64-bit DIMM channel)
 * @param channels    default channel count of a typical system (overridden by most configs)
 * @param efficiency  sustainable / peak bandwidth with all cores streaming reads
 * @param latencyNs   idle load-to-use latency of a typical system, ns
 * @param energyPjPerBit read energy per bit, device + PHY + channel
 * @param source      where each number comes from; {@code [E]} marks estimates
 */
public record DramPreset(String name, double dataRateMTs, int busBits, int channels, double efficiency,
        double latencyNs, double energyPjPerBit, String source) {

    private static final String DDR_EFF = "efficiency 0.83: STREAM Triad reaches 81-85 % of peak on AMD servers"
        + " (Azure HBv3 DDR4-3200, HBv4 DDR5-4800; cpus.md §10.2 [D])";

    public static final List<DramPreset> ALL = List.of(
        new DramPreset("ddr4-3200", 3200, 64, 2, 0.83, 110, 15,
            "JEDEC JESD79-4 DDR4: 64-bit channel, 3200 MT/s top bin (cpus.md §9.1 [R]); " + DDR_EFF
                + "; latency 110 ns [E] (cpus.md §2: ~100-120 ns on Milan NPS1); 15 pJ/bit [E] (cpus.md §9.3)"),
        new DramPreset("ddr5-4800", 4800, 64, 2, 0.83, 110, 12,
            "JEDEC JESD79-5 DDR5: a DIMM channel is two 32-bit subchannels = 64 data bits (cpus.md §9.1 [R/V]); "
                + DDR_EFF + "; latency 110 ns [E] (client/server DDR5 ~100-130 ns, cpus.md §3, §7.2);"
                + " 12 pJ/bit [E] (cpus.md §9.3)"),
        new DramPreset("ddr5-5600", 5600, 64, 2, 0.83, 110, 12,
            "JEDEC JESD79-5 DDR5-5600 (cpus.md §9.1 [R]); " + DDR_EFF + "; latency 110 ns [E]; 12 pJ/bit [E]"
                + " (cpus.md §9.3)"),
        new DramPreset("ddr5-6400", 6400, 64, 2, 0.83, 110, 12,
            "JEDEC JESD79-5 DDR5-6400 (cpus.md §9.1 [R]; AMD lists DDR5-6400 for Turin, §7.2); " + DDR_EFF
                + "; latency 110 ns [E]; 12 pJ/bit [E] (cpus.md §9.3)"),
        new DramPreset("lpddr5-6400", 6400, 16, 8, 0.75, 120, 5,
            "JEDEC JESD209-5 LPDDR5: 16-bit channels, 6400 MT/s (cpus.md §9.1 [V]); 8 channels = 128-bit laptop"
                + " bus (cpus.md §3); efficiency 0.75 [E] (cpus.md §3: 70-80 % expected); latency 120 ns [E]"
                + " (LPDDR trades latency for power); 5 pJ/bit [E] (cpus.md §9.3)"),
        new DramPreset("lpddr5x-8533", 8533, 16, 8, 0.75, 120, 5,
            "JEDEC JESD209-5B LPDDR5X: 16-bit channels, up to 8533 MT/s (cpus.md §8 Snapdragon X [T]); efficiency"
                + " 0.75 [E]; latency 120 ns [E]; 5 pJ/bit [E] (cpus.md §9.3)"),
        new DramPreset("lpddr4x-4267", 4267, 16, 2, 0.75, 120, 6,
            "JEDEC JESD209-4 LPDDR4X: 16-bit channels, 4267 MT/s (cpus.md §6, §9.1 [V]); 2 channels = the Pi 5's"
                + " 32-bit bus; efficiency 0.75 [E]; latency 120 ns [E]; 6 pJ/bit [E] (cpus.md §9.3)"),
        new DramPreset("hbm2e", 3200, 128, 8, 0.85, 120, 3.9,
            "JEDEC JESD235C HBM2E: 8 x 128-bit channels per stack, 3.2 Gb/s per pin = 409.6 GB/s per stack [R];"
                + " efficiency 0.85 [E]; latency 120 ns [E] (HBM latency is DRAM-core bound, like DDR);"
                + " 3.9 pJ/bit: O'Connor et al. MICRO 2017 (HBM2, cpus.md §9.2 [R])"),
        new DramPreset("hbm3", 6400, 64, 16, 0.85, 120, 3.9,
            "JEDEC JESD238 HBM3: 16 x 64-bit channels per stack, 6.4 Gb/s per pin = 819.2 GB/s per stack [R];"
                + " efficiency 0.85 [E]; latency 120 ns [E]; 3.9 pJ/bit [E]: HBM2's figure (O'Connor MICRO 2017,"
                + " cpus.md §9.2) as an upper bound, no primary HBM3 figure found"));

    public static List<String> names() {
        return ALL.stream().map(DramPreset::name).toList();
    }

    public static Optional<DramPreset> find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name.equals(n)).findFirst();
    }

    /** Interface peak in B/s: channels x bus bytes x transfer rate. */
    public static double peakBytesPerSec(int channels, double dataRateMTs, int busBits) {
        return channels * (busBits / 8.0) * dataRateMTs * 1e6;
    }
}
