/**
 * Microarchitecture timing tables as data: per-core parameters ({@link org.ternsim.isa.uarch.CoreParams}),
 * execution ports, and per-instruction-form timing ({@link org.ternsim.isa.uarch.InstrDesc}) with uops.info-style
 * port usage, read from bundled YAML files ({@code zen5.yaml}, {@code zen5-256b.yaml}) by
 * {@link org.ternsim.isa.uarch.UarchLoader}. Every number carries a source id; estimates say their basis.
 * Load latencies exclude the cache access (the simulator adds load-to-use).
 */
package org.ternsim.isa.uarch;
