// Loads configs/hw/accel-*.yaml (kind: accelerator) into an AcceleratorConfig, with the energy table it names, reporting
// every problem of both files as located one-line errors (the same readers and message form as HardwareConfigLoader).
package org.ternsim.sim.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ternsim.isa.accel.AccelKernel;
import org.ternsim.isa.accel.AccelShape;
import org.ternsim.isa.accel.ActType;
import org.ternsim.sim.accel.AccelEnergyTable;
import org.ternsim.sim.accel.AcceleratorConfig;
import org.ternsim.sim.accel.BufferConfig;
import org.ternsim.sim.accel.DmaConfig;
import org.ternsim.sim.accel.EpilogueConfig;
import org.ternsim.sim.accel.PeArrayConfig;
import org.ternsim.sim.accel.PeUnit;
import org.ternsim.sim.accel.PublishedFigures;
import org.ternsim.sim.accel.SparsityConfig;

/**
 * Accelerator config loader. Schema (defaults after #):
 * <pre>
 * kind: accelerator                 # required; tells the CLI this is not a CPU config
 * name: accel-edge                  # required
 * description: "..."                # ""
 * clock: 1GHz                       # required
 * energy: accel-16nm                # required: ../energy/accel-16nm.yaml (kind: accelerator-energy)
 * pe:
 *   unit: ternary-adder-tree        # required: ternary-adder-tree | lut | int8-mac
 *   rows: 16                        # required: output rows in parallel
 *   cols: 16                        # required: adder-tree width, or LUT lookups per row per cycle
 *   pipelineStages: 1               # 1: registers besides the adder tree
 *   lutBuildAddersPerCycle: 32      # required for lut, else 0
 *   activations: [int8, int4, f16, bf16]   # all four
 *   blockRegister: true             # true: activations staged per 128-value block (no I2_S bank conflicts)
 *   int4PerLane: 1                  # 1 | 2: int4 activations per adder-tree input per cycle (2 needs int4 above)
 * buffers:                          # each {size, banks: 1, width: 8B, ports: 1}; lut only (and required) for lut
 *   weight: {size: 64KiB, banks: 8, width: 8B}
 *   activation: {size: 16KiB, banks: 8, width: 8B}
 *   output: {size: 32KiB, banks: 4, width: 8B}
 * dma:
 *   dram: LPDDR5X                   # required, type name
 *   bandwidth: 60GB/s               # required, sustained
 *   latency: 100ns                  # required
 *   burst: 64B                      # 64B
 *   energyPerBit: 5pJ               # required
 * doubleBuffering: true             # true
 * epilogue: {lanes: 16, pipelineStages: 4}      # lanes 16, stages 4
 * sparsity:                         # all optional
 *   zeroWeightGating: false         # false: zero weights gate the add (energy only)
 *   zeroWeightFraction: 0.33        # 1/3
 *   skipZeroActivations: false      # false: skip all-zero activation groups (not for pe.unit: lut)
 *   skipGroup: 1                    # 1: activations per group, a power of two up to 128
 *   skipIndexCycles: 1              # 1: compaction-unit cycles per token and row-group pass
 * </pre>
 * A loaded design is also checked against the mapper's minimum tile: every buffer slot (half the buffer when double
 * buffered) must hold one tile of pe.rows rows x one K block (128, TL2 96) x one token for each kernel the design
 * runs, else no operator can be mapped and the buffer's size is reported.
 * <pre>
 * published:                        # optional, for reproductions of published designs
 *   source: "accelerators.md §2.1; arXiv 2605.00320 abstract"
 *   model: bitnet-b1.58-3b
 *   hidden: 3200
 *   ffn: 8640
 *   layers: 26
 *   projections: 4
 *   decodeTokensPerSecond: 72.46
 *   power: 65.97mW                  # optional
 *   area: 0.214mm2                  # optional
 *   note: "chip only, no DRAM"
 * </pre>
 */
public final class AcceleratorConfigLoader {
    private static final String BUFFER_FORM = "{size: 32KiB, banks: 8, width: 8B, ports: 1}";
    private static final List<String> ACT_NAMES = List.of("int8", "int4", "f16", "bf16");

    private AcceleratorConfigLoader() {
    }

    /** Whether the YAML file's top level says {@code kind: accelerator} (false for CPU configs and unreadable files). */
    public static boolean isAccelerator(Path yaml) {
        Problems problems = new Problems(yaml.toString());
        if (!Files.isRegularFile(yaml)) return false;
        YamlNode doc = YamlTreeReader.read(yaml, problems);
        if (doc == null || !doc.isMapping()) return false;
        YamlNode k = doc.get("kind");
        if (k != null && k.isMapping()) k = k.get("value");
        return k != null && k.isScalar() && "accelerator".equals(k.text);
    }

    /** Loads and validates an accelerator config and its energy table; throws ConfigException listing every problem. */
    public static AcceleratorConfig load(Path yaml) {
        return load(yaml, List.of());
    }

    /** As {@link #load(Path)} with some fields replaced (sweep points), validated exactly like the file's own. */
    public static AcceleratorConfig load(Path yaml, List<ConfigOverride> overrides) {
        Problems problems = new Problems(yaml.toString());
        YamlNode doc = YamlTreeReader.read(yaml, problems);
        if (doc != null && !overrides.isEmpty()) doc = YamlOverrides.apply(doc, overrides, problems);
        AcceleratorConfig c = null;
        if (doc != null) {
            Map<String, String> prov = new LinkedHashMap<>();
            MappingReader r = MappingReader.root(doc, problems, prov);
            if (r != null) c = read(r, prov, yaml, problems);
        }
        problems.throwIfAny();
        return c;
    }

    /** Requires {@code kind: <expected>}. */
    static void kind(MappingReader r, String expected) {
        r.typed("kind", s -> {
            if (!s.equals(expected)) {
                throw new ConfigException("'" + Units.show(s) + "' is not " + expected + "; expected kind: " + expected);
            }
            return s;
        }, null, "kind: " + expected);
    }

    private static AcceleratorConfig read(MappingReader r, Map<String, String> prov, Path yaml, Problems problems) {
        kind(r, "accelerator");
        String name = r.name();
        String description = r.typed("description", d -> d, "", "a one-line description");
        Double clock = r.typed("clock", Units::hz, null, Units.FREQ_FORM);
        PeArrayConfig pe = readPe(r.mapping("pe", false, "a mapping with unit, rows, cols"));
        MappingReader b = r.mapping("buffers", false, "a mapping with weight, activation, output (and lut) buffers");
        BufferConfig weight = null;
        BufferConfig act = null;
        BufferConfig lut = null;
        BufferConfig out = null;
        if (b != null) {
            weight = readBuffer(b, "weight", false);
            act = readBuffer(b, "activation", false);
            out = readBuffer(b, "output", false);
            // From the raw text, so a LUT design with another mistake in pe: still gets its buffer checked.
            YamlNode peNode = r.node.get("pe");
            YamlNode unitNode = peNode != null && peNode.isMapping() ? peNode.get("unit") : null;
            if (unitNode != null && unitNode.isMapping()) unitNode = unitNode.get("value");
            boolean wantsLut = unitNode != null && unitNode.isScalar() && "lut".equals(unitNode.text);
            lut = readBuffer(b, "lut", !wantsLut);
            if (!wantsLut && lut != null) {
                int[] w = b.where("lut");
                problems.add(w[0], w[1], b.child("lut"), "a LUT buffer needs pe.unit: lut", "no lut buffer for this unit");
                lut = null;
            }
            b.finish();
        }
        DmaConfig dma = readDma(r.mapping("dma", false, "a mapping with dram, bandwidth, latency, energyPerBit"));
        Boolean dbuf = r.bool("doubleBuffering", true);
        EpilogueConfig epi = readEpilogue(r.mapping("epilogue", true, "{lanes: 16, pipelineStages: 4}"));
        SparsityConfig sp = readSparsity(r.mapping("sparsity", true, "{zeroWeightGating: true, zeroWeightFraction: 0.33}"),
                pe != null && pe.unit() == PeUnit.LUT);
        PublishedFigures pub = readPublished(r.mapping("published", true, "the published figures of the design"));
        AccelEnergyTable energy = readEnergy(r, yaml, problems);
        r.finish();
        if (name == null || description == null || clock == null || pe == null || weight == null || act == null
                || out == null || dma == null || dbuf == null || epi == null || sp == null || energy == null
                || !problems.isEmpty()) {
            return null;
        }
        AcceleratorConfig c = new AcceleratorConfig(name, description, clock, pe, weight, act, lut, out, dma, dbuf, epi,
                sp, energy, pub, new Provenance(prov), yaml);
        checkMinimumTile(c, r.node.get("buffers"), problems);
        return problems.isEmpty() ? c : null;
    }

    /**
     * The mapper's smallest tile for each kernel the design runs (pe.rows rows, one K block, one token, activations
     * for that block only: what {@code AccelMapper.fits} accepts at the least) must fit every buffer slot; reports
     * each buffer that cannot hold it at its size.
     */
    private static void checkMinimumTile(AcceleratorConfig c, YamlNode buffers, Problems problems) {
        Map<String, Long> need = new LinkedHashMap<>();
        for (AccelKernel k : AccelKernel.values()) {
            ActType act = k == AccelKernel.TERNARY_A16 && !c.pe().activations().contains(ActType.F16) ? ActType.BF16
                    : k.defaultAct();
            if (k.isLut() != (c.pe().unit() == PeUnit.LUT) || !c.pe().activations().contains(act)) continue;
            AccelShape s = new AccelShape(k, act, c.pe().rows(), k.kAlign(), 1);
            int split = c.doubleBuffering() ? 2 : 1;
            int kt = k.kAlign();
            need.merge("weight", (long) split * c.pe().rows() * s.weightRowBytes(kt), Math::max);
            need.merge("activation", split * act.bytes(kt), Math::max);
            if (k.isLut()) need.merge("lut", split * 2L * 16 * (kt / 3), Math::max);
            need.merge("output", split * (long) c.pe().rows() * (k.accumulatorBytes() + 4), Math::max);
        }
        for (Map.Entry<String, Long> e : need.entrySet()) {
            long have = size(c, e.getKey());
            if (have >= e.getValue()) continue;
            YamlNode b = buffers == null ? null : buffers.get(e.getKey());
            YamlNode at = b != null && b.isMapping() && b.get("size") != null ? b.get("size") : b;
            if (at != null && at.isMapping() && at.get("value") != null) at = at.get("value");
            problems.add(at == null ? 1 : at.line, at == null ? 1 : at.col, "buffers." + e.getKey() + ".size",
                    have + " B cannot hold the minimum tile (" + c.pe().rows() + " PE rows x one K block x 1 token"
                    + (c.doubleBuffering() ? ", twice for double buffering" : "") + ")",
                    "size >= " + e.getValue() + " B");
        }
    }

    private static long size(AcceleratorConfig c, String buffer) {
        return switch (buffer) {
            case "weight" -> c.weight().sizeBytes();
            case "activation" -> c.activation().sizeBytes();
            case "lut" -> c.lut() == null ? 0 : c.lut().sizeBytes();
            default -> c.output().sizeBytes();
        };
    }

    private static PeArrayConfig readPe(MappingReader m) {
        if (m == null) return null;
        String unit = m.choice("unit", PeUnit.NAMES, null);
        Integer rows = m.integer("rows", null, 1, "16");
        Integer cols = m.integer("cols", null, 1, "16");
        Integer stages = m.integer("pipelineStages", 1, 0, "2");
        boolean lut = "lut".equals(unit);
        Integer builders = m.integer("lutBuildAddersPerCycle", lut ? null : 0, lut ? 1 : 0, "32");
        List<String> acts = m.stringList("activations", ACT_NAMES, "[int8, int4, f16]");
        Boolean blockRegister = m.bool("blockRegister", true);
        Integer int4PerLane = m.integer("int4PerLane", 1, 1, "1 or 2");
        m.finish();
        if (unit == null || rows == null || cols == null || stages == null || builders == null || acts == null
                || blockRegister == null || int4PerLane == null) {
            return null;
        }
        if (int4PerLane > 2 || (int4PerLane == 2 && (lut || acts.stream().noneMatch("int4"::equalsIgnoreCase)))) {
            int[] w = m.where("int4PerLane");
            m.problems.add(w[0], w[1], m.child("int4PerLane"), "int4PerLane " + int4PerLane + " needs an adder-tree"
                    + " or int8-mac unit that accepts int4", "1, or 2 with int4 in pe.activations");
            return null;
        }
        List<ActType> types = new ArrayList<>();
        for (String a : acts) {
            String w = a.toLowerCase(Locale.ROOT);
            if (!ACT_NAMES.contains(w)) {
                int[] where = m.where("activations");
                String hint = Suggestions.closest(w, ACT_NAMES).map(x -> " (did you mean '" + x + "'?)").orElse("");
                m.problems.add(where[0], where[1], m.child("activations"), "unknown activation type '" + Units.show(a)
                        + "'" + hint, "a list of int8, int4, f16, bf16");
                return null;
            }
            types.add(ActType.valueOf(w.toUpperCase(Locale.ROOT)));
        }
        return new PeArrayConfig(PeUnit.byId(unit), rows, cols, stages, builders, types, blockRegister, int4PerLane);
    }

    private static BufferConfig readBuffer(MappingReader parent, String key, boolean optional) {
        MappingReader m = parent.mapping(key, optional, BUFFER_FORM);
        if (m == null) return null;
        Long size = m.typed("size", Units::bytes, null, Units.SIZE_FORM);
        Integer banks = m.integer("banks", 1, 1, "8");
        Long width = m.typed("width", Units::bytes, 8L, "a bank word width such as 8B");
        Integer ports = m.integer("ports", 1, 1, "1");
        m.finish();
        if (size == null || banks == null || width == null || ports == null) return null;
        if (width < 1 || width > 1024) {
            int[] w = m.where("width");
            m.problems.add(w[0], w[1], m.child("width"), "bank width " + width + " B out of range", "1B to 1KiB");
            return null;
        }
        if (size < (long) banks * width || size > (1L << 40)) {
            int[] w = m.where("size");
            m.problems.add(w[0], w[1], m.child("size"), size + " B cannot hold " + banks + " banks of " + width + " B",
                    "size >= banks x width");
            return null;
        }
        return new BufferConfig(key, size, banks, width.intValue(), ports);
    }

    private static DmaConfig readDma(MappingReader m) {
        if (m == null) return null;
        String dram = m.string("dram", null);
        Double bw = m.typed("bandwidth", Units::bytesPerSec, null, Units.BANDWIDTH_FORM);
        Double lat = m.typed("latency", Units::nanoseconds, null, Units.TIME_FORM);
        Long burst = m.typed("burst", Units::bytes, 64L, "a burst size such as 64B");
        Double epb = m.typed("energyPerBit", Units::picojoules, null, "an energy per bit such as 5pJ");
        m.finish();
        if (dram == null || bw == null || lat == null || burst == null || epb == null) return null;
        if (burst < 1 || burst > 4096) {
            int[] w = m.where("burst");
            m.problems.add(w[0], w[1], m.child("burst"), "burst " + burst + " B out of range", "1B to 4KiB");
            return null;
        }
        return new DmaConfig(bw, lat, burst.intValue(), dram, epb);
    }

    private static EpilogueConfig readEpilogue(MappingReader m) {
        if (m == null) return new EpilogueConfig(16, 4);
        Integer lanes = m.integer("lanes", 16, 1, "16");
        Integer stages = m.integer("pipelineStages", 4, 0, "4");
        m.finish();
        return lanes == null || stages == null ? null : new EpilogueConfig(lanes, stages);
    }

    private static SparsityConfig readSparsity(MappingReader m, boolean lutUnit) {
        double dflt = 1.0 / 3;
        if (m == null) return new SparsityConfig(false, dflt);
        Boolean gating = m.bool("zeroWeightGating", false);
        Double fraction = m.typed("zeroWeightFraction", AcceleratorConfigLoader::fraction, dflt, "a fraction in [0, 1]");
        Boolean skip = m.bool("skipZeroActivations", false);
        Integer group = m.integer("skipGroup", 1, 1, "a power of two up to 128");
        Integer index = m.integer("skipIndexCycles", 1, 0, "1");
        m.finish();
        if (gating == null || fraction == null || skip == null || group == null || index == null) return null;
        if (Integer.bitCount(group) != 1 || group > 128) {
            int[] w = m.where("skipGroup");
            m.problems.add(w[0], w[1], m.child("skipGroup"), "skip group " + group + " is not a power of two up to 128",
                    "1, 2, 4, ..., 128");
            return null;
        }
        if (skip && lutUnit) {
            int[] w = m.where("skipZeroActivations");
            m.problems.add(w[0], w[1], m.child("skipZeroActivations"), "zero-activation skipping is modelled for the"
                    + " ternary-adder-tree and int8-mac units only", "false for pe.unit: lut");
            return null;
        }
        return new SparsityConfig(gating, fraction, skip, group, index);
    }

    private static PublishedFigures readPublished(MappingReader m) {
        if (m == null) return null;
        String source = m.string("source", null);
        String model = m.string("model", null);
        Integer hidden = m.integer("hidden", null, 1, "3200");
        Integer ffn = m.integer("ffn", null, 1, "8640");
        Integer layers = m.integer("layers", null, 1, "26");
        Integer proj = m.integer("projections", 4, 0, "4");
        Double tps = m.typed("decodeTokensPerSecond", AcceleratorConfigLoader::positive, null, "a rate such as 72.46");
        Double power = m.typed("power", Units::watts, Double.NaN, Units.POWER_FORM);
        Double area = m.typed("area", AcceleratorEnergyLoader::mm2, Double.NaN, AcceleratorEnergyLoader.AREA_FORM);
        String note = m.typed("note", d -> d, "", "a note on the power boundary");
        m.finish();
        if (source == null || model == null || hidden == null || ffn == null || layers == null || proj == null
                || tps == null || power == null || area == null || note == null) {
            return null;
        }
        return new PublishedFigures(source, model, hidden, ffn, layers, proj, tps, power, area, note);
    }

    private static AccelEnergyTable readEnergy(MappingReader r, Path yaml, Problems problems) {
        String name = r.typed("energy", s -> {
            if (!s.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException("'" + Units.show(s) + "' is not a table name; expected a file name under"
                        + " configs/energy without .yaml, such as accel-16nm");
            }
            return s;
        }, null, "an energy table name such as accel-16nm");
        if (name == null) return null;
        Path file = yaml.toAbsolutePath().getParent().resolveSibling("energy").resolve(name + ".yaml");
        Path shown = yaml.getParent() == null ? Path.of("..", "energy", name + ".yaml")
                : yaml.getParent().resolveSibling("energy").resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) {
            int[] w = r.where("energy");
            problems.add(w[0], w[1], "energy", "energy table file " + shown + " not found",
                    "an existing table under configs/energy");
            return null;
        }
        try {
            return AcceleratorEnergyLoader.load(file);
        } catch (ConfigException e) {
            for (String p : e.problems()) problems.addRaw(p.replace(file.toString(), shown.toString()));
            return null;
        }
    }

    private static double fraction(String s) {
        double v = number(s, "a fraction in [0, 1]");
        if (v < 0 || v > 1) throw new ConfigException("'" + Units.show(s) + "' is outside [0, 1]; expected a fraction in [0, 1]");
        return v;
    }

    private static double positive(String s) {
        double v = number(s, "a positive number");
        if (!(v > 0)) throw new ConfigException("'" + Units.show(s) + "' must be > 0; expected a positive number");
        return v;
    }

    private static double number(String s, String form) {
        try {
            double v = Double.parseDouble(s.strip());
            if (Double.isNaN(v) || Double.isInfinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException("'" + Units.show(s) + "' is not a number; expected " + form);
        }
    }
}
