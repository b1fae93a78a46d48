// A run result as an ordered tree of plain values: the single source that JSON, CSV and stats text are rendered from.
package org.ternsim.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.sim.core.CoreStats;
import org.ternsim.sim.core.OpClass;
import org.ternsim.sim.energy.EnergyLine;
import org.ternsim.sim.mem.CacheStats;
import org.ternsim.sim.run.RunResult;

public final class ResultTree {

    private ResultTree() {
    }

    public static Map<String, Object> of(RunResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("op", r.op());
        run.put("kernel", r.kernel());
        run.put("isa", r.isa());
        run.put("rows", r.rows());
        run.put("cols", r.cols());
        run.put("threads", r.threads());
        run.put("hardware", r.hardware());
        run.put("uarch", r.uarch());
        run.put("freq_hz", r.freqHz());
        run.put("cache_state", r.cacheState().name().toLowerCase(java.util.Locale.ROOT));
        run.put("program", r.program());
        root.put("run", run);

        Map<String, Object> perf = new LinkedHashMap<>();
        perf.put("cycles", r.cycles());
        perf.put("seconds", r.seconds());
        perf.put("macs", r.macs());
        perf.put("gmac_per_s", r.gmacPerSecond());
        perf.put("operand_bytes", r.operandBytes());
        perf.put("effective_gb_per_s", r.effectiveGBPerSecond());
        perf.put("dominant_bound", r.dominantBound());
        root.put("performance", perf);

        CoreStats c = r.core();
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("dispatch_cycles", c.dispatchBoundCycles());
        bounds.put("port_cycles", c.portBoundCycles());
        bounds.put("busiest_port", c.busiestPort());
        bounds.put("dataflow_cycles", c.dataflowBoundCycles());
        bounds.put("dram_cycles", r.dramBoundCycles());
        bounds.put("miss_window_cycles", r.missWindow().cycles());
        bounds.put("miss_window_lines_in_flight", r.missWindow().linesInFlight());
        bounds.put("miss_window_limit", r.missWindow().limit());
        bounds.put("simulated_over_tightest", (double) r.cycles() / Math.max(1, r.tightestBoundCycles()));
        root.put("bounds", bounds);

        Map<String, Object> core = new LinkedHashMap<>();
        core.put("instructions", c.instructions());
        core.put("uops", c.uops());
        core.put("ipc", c.ipc());
        core.put("loads", c.loads());
        core.put("stores", c.stores());
        Map<String, Object> classes = new LinkedHashMap<>();
        for (OpClass k : OpClass.values()) {
            classes.put(k.name().toLowerCase(java.util.Locale.ROOT), c.opCounts().get(k));
        }
        core.put("op_classes", classes);
        Map<String, Object> ports = new LinkedHashMap<>();
        for (int p = 0; p < c.ports().size(); p++) {
            ports.put(c.ports().get(p), c.portBusyCycles()[p]);
        }
        core.put("port_busy_cycles", ports);
        root.put("core", core);

        Map<String, Object> memory = new LinkedHashMap<>();
        for (CacheStats s : r.caches()) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("reads", s.reads);
            level.put("writes", s.writes);
            level.put("hits", s.hits);
            level.put("in_flight_hits", s.inFlightHits);
            level.put("misses", s.misses);
            level.put("prefetches_issued", s.prefetchesIssued);
            level.put("prefetches_dropped", s.prefetchesDropped);
            level.put("write_backs", s.writeBacks);
            level.put("mshr_stall_cycles", s.mshrStallCycles);
            memory.put(s.level, level);
        }
        memory.put("dram_read_bytes", r.dramReadBytes());
        memory.put("dram_write_bytes", r.dramWriteBytes());
        root.put("memory", memory);

        Map<String, Object> energy = new LinkedHashMap<>();
        energy.put("total_pj", r.energy().totalPj());
        energy.put("pj_per_mac", r.energy().totalPj() / r.macs());
        energy.put("by_component_pj", r.energy().byComponent());
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (EnergyLine l : r.energy().lines()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("component", l.component());
            line.put("action", l.action());
            line.put("count", l.count());
            line.put("pj_each", l.pjEach());
            line.put("total_pj", l.totalPj());
            line.put("source", l.source());
            lines.add(line);
        }
        energy.put("actions", lines);
        root.put("energy", energy);

        Map<String, Object> check = new LinkedHashMap<>();
        check.put("bit_exact", r.check().bitExact());
        check.put("mismatches", r.check().mismatches());
        check.put("outputs", r.check().outputs());
        check.put("reference", r.check().reference());
        root.put("functional_check", check);
        return root;
    }
}
