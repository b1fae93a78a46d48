// Builds the memory hierarchy of one core from a hardware config, converting time and bandwidth to core cycles.
package org.ternsim.sim.run;

import java.util.ArrayList;
import java.util.List;
import org.ternsim.sim.config.CacheConfig;
import org.ternsim.sim.config.HardwareConfig;
import org.ternsim.sim.config.Inclusion;
import java.util.function.LongUnaryOperator;
import org.ternsim.sim.mem.SharedGate;
import org.ternsim.sim.mem.Cache;
import org.ternsim.sim.mem.Dram;
import org.ternsim.sim.mem.MemoryHierarchy;
import org.ternsim.sim.mem.Prefetcher;
import org.ternsim.sim.mem.ReplacementPolicy;

public final class MachineBuilder {

    private MachineBuilder() {
    }

    public static MemoryHierarchy memory(HardwareConfig hw) {
        double freq = hw.core().freqHz();
        List<Cache> levels = new ArrayList<>();
        List<Prefetcher> prefetchers = new ArrayList<>();
        List<Inclusion> inclusion = new ArrayList<>();
        for (CacheConfig c : hw.caches()) {
            levels.add(cache(c));
            prefetchers.add(prefetcher(c));
            inclusion.add(c.inclusion());
        }
        int line = lineBytes(hw);
        return new MemoryHierarchy(levels, inclusion, prefetchers, dram(hw), line, levels.size() + 1, null, a -> a);
    }

    /** The levels (from the first {@code shared: true} one outwards) and the DRAM that all cores of a machine share. */
    public record SharedParts(int firstShared, List<Cache> caches, List<Prefetcher> prefetchers, Dram dram) {
    }

    public static SharedParts sharedParts(HardwareConfig hw) {
        int first = hw.caches().size();
        for (int i = 0; i < hw.caches().size(); i++) {
            if (hw.caches().get(i).shared()) {
                first = i;
                break;
            }
        }
        List<Cache> caches = new ArrayList<>();
        List<Prefetcher> pf = new ArrayList<>();
        for (int i = first; i < hw.caches().size(); i++) {
            caches.add(cache(hw.caches().get(i)));
            pf.add(prefetcher(hw.caches().get(i)));
        }
        return new SharedParts(first, caches, pf, dram(hw));
    }

    /**
     * One core's view of a multi-core machine: private levels of its own, the shared levels and DRAM of
     * {@code shared}; {@code gate} orders its shared accesses (null: caller steps cores itself), {@code relocate} maps
     * its program addresses to machine addresses.
     */
    public static MemoryHierarchy coreMemory(HardwareConfig hw, SharedParts shared, SharedGate gate,
            LongUnaryOperator relocate) {
        List<Cache> levels = new ArrayList<>();
        List<Prefetcher> prefetchers = new ArrayList<>();
        List<Inclusion> inclusion = new ArrayList<>();
        for (int i = 0; i < hw.caches().size(); i++) {
            CacheConfig c = hw.caches().get(i);
            boolean isShared = i >= shared.firstShared();
            levels.add(isShared ? shared.caches().get(i - shared.firstShared()) : cache(c));
            prefetchers.add(isShared ? shared.prefetchers().get(i - shared.firstShared()) : prefetcher(c));
            inclusion.add(c.inclusion());
        }
        return new MemoryHierarchy(levels, inclusion, prefetchers, shared.dram(), lineBytes(hw), shared.firstShared(),
            gate, relocate);
    }

    public static int lineBytes(HardwareConfig hw) {
        return hw.caches().isEmpty() ? 64 : hw.caches().get(0).lineBytes();
    }

    public static Cache cache(CacheConfig c) {
        return new Cache(c.name(), c.sizeBytes(), c.ways(), c.lineBytes(), c.latencyCycles(), c.mshrs(),
            ReplacementPolicy.Kind.valueOf(c.replacement().name())).withFillBandwidth(c.fillBytesPerCycle());
    }

    public static Prefetcher prefetcher(CacheConfig c) {
        return c.prefetcher() == null ? null
            : Prefetcher.of(c.prefetcher().kind(), c.prefetcher().degree(), c.prefetcher().distance());
    }

    /** DRAM as a bandwidth server in core cycles. */
    public static Dram dram(HardwareConfig hw) {
        double freq = hw.core().freqHz();
        int line = lineBytes(hw);
        double bytesPerCycle = hw.dram().bandwidthBytesPerSec() / freq;
        long idle = Math.round(hw.dram().latencyNs() * 1e-9 * freq);
        // The configured latency is the idle load-to-use time of a DRAM access, line transfer included.
        long beyondTransfer = Math.max(0, idle - Math.round(line / bytesPerCycle));
        return new Dram(bytesPerCycle, beyondTransfer, line);
    }

    public static double dramBytesPerCycle(HardwareConfig hw) {
        return hw.dram().bandwidthBytesPerSec() / hw.core().freqHz();
    }
}
