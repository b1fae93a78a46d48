/**
 * Hardware and energy configuration: typed records, a YAML loader with located errors, unit parsing, provenance and
 * the resolved-config writer.
 *
 * <h2>Hardware config ({@code configs/hw/<name>.yaml})</h2>
 * <pre>
 * name: zen5-2c                    # required
 * description: "..."               # default ""
 * cores: 2                         # required, integer >= 1
 * core:
 *   uarch: zen5                    # required, isa-models uarch name
 *   freq: 3.9GHz                   # required, frequency > 0
 *   isa: [avx2, avx512]            # required, non-empty list
 * caches:                          # required, non-empty, ordered from the core out (L1D, L2, L3)
 *   - name: L1D                    # required, unique; paths use it: caches.L1D.size
 *     size: 48KiB                  # required; size = sets x ways x line, sets a power of two
 *     ways: 12                     # required, >= 1
 *     line: 64B                    # default 64B, a power of two
 *     latencyCycles: 4             # required, load-to-use hit latency in core cycles
 *     mshrs: 24                    # default 16
 *     shared: false                # default false
 *     replacement: lru             # default lru; lru | tree-plru (power-of-two ways only) | random
 *     inclusion: non-inclusive     # default; non-inclusive | inclusive | exclusive (relation to the levels above)
 *     fillBandwidth: 64B/cycle     # default 0B/cycle = unlimited; port that fills this level from the next
 *     prefetcher:                  # default none
 *       kind: next-line            # default none; none | next-line | stream | stride
 *       degree: 1                  # default 0 for none, else 1
 *       distance: 1                # default 0 for none, else 1
 * dram:
 *   preset: ddr5-6400              # optional (DramPreset.ALL): fills every field below except backgroundPower
 *   type: DDR5                     # required unless a preset names it
 *   bandwidth: 42.7GB/s            # required (or preset efficiency x peak), sustainable; what the timing model uses
 *   peak: 576GB/s                  # default channels x busWidth/8 x dataRate if known, else = bandwidth; >= bandwidth
 *   latency: 150ns                 # required unless preset, idle load-to-use
 *   channels: 12                   # default preset's or 1
 *   dataRate: 6000MT/s             # default preset's or 0 (unknown)
 *   busWidth: 64                   # data bits per channel; default preset's or 0 (unknown)
 *   energyPerBit: 12pJ             # required unless preset
 *   backgroundPower: 0.2W          # default 0W
 * energy: zen5-n4                  # required: loads ../energy/zen5-n4.yaml; or an inline table mapping
 * </pre>
 *
 * <h2>Energy table ({@code configs/energy/<name>.yaml})</h2>
 * <pre>
 * name: zen5-n4                    # required
 * node: 4nm                        # required, whole nanometres
 * description: "..."               # default ""
 * actions:                         # required: action name (lower-case, dotted) -> energy; each needs a source
 *   l1d.read: {value: 23pJ, source: "CACTI ...", estimate: true}
 * core_static_power: 0.8W          # required
 * uncore_static_power: 2W          # required
 * </pre>
 *
 * <h2>Rules for both</h2>
 * <ul>
 *   <li>Any leaf may be a scalar or {@code {value: X, source: "...", estimate: true}}. A mapping may carry
 *       {@code source:} and {@code estimate:} that apply to all leaves below it unless a leaf has its own.
 *       The loader records the source per field path in {@link org.ternsim.sim.config.Provenance}
 *       ({@code "[estimate] "} prefix for estimates, {@code "default"} for defaulted fields).</li>
 *   <li>Quantities need a unit ({@link org.ternsim.sim.config.Units}); plain numbers are rejected there. Counts
 *       (cores, ways, latencyCycles, mshrs, channels, degree, distance) are plain integers.</li>
 *   <li>Unknown keys are errors with a "did you mean" suggestion; all problems of a file are reported together
 *       as {@code <file>:<line>:<col>: <field.path>: <problem>; expected <form>}.</li>
 * </ul>
 */
package org.ternsim.sim.config;
