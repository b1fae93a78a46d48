// Timing of one instruction form on one microarchitecture (llvm-mca's InstrDesc, read from a data file).
package org.ternsim.isa.uarch;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Immutable timing descriptor of one instruction form, looked up per (form, microarchitecture) from the
 * bundled YAML tables and never built by hand in simulator code (llvm-mca {@code InstrDesc}, uiCA
 * {@code instrData}).
 *
 * <p>Conventions (also in the header of every data file):
 * <ul>
 *   <li>{@code form}: mnemonic and operand kinds in Intel order, destination first, canonical spelling
 *       {@code "vpmaddubsw ymm, ymm, ymm"} (see {@link #canonicalForm}). Operand kinds: r8, r16, r32, r64, k (AVX-512 mask), xmm,
 *       ymm, zmm, m8 ... m512, imm, rel; a write-masked destination adds {@code {k}} or {@code {k}{z}} ({@code zmm{k}}).</li>
 *   <li>{@code uops}: macro-ops that occupy dispatch / retire slots and ROB entries. This may be smaller than
 *       the sum of the {@code usage} counts: a store is one macro-op but uses an AGU and the store-data path.</li>
 *   <li>{@code latency} (core cycles): from the last source operand ready to the result ready. For a
 *       <b>load</b> it is the execution latency <i>beyond</i> the cache access: the simulator adds the cache
 *       hit latency (load-to-use, {@link CoreParams#loadToUseInt()} / {@link CoreParams#loadToUseVec()} on an L1
 *       hit). A plain load therefore has latency 0. For a <b>store</b> it is the cycles until the data is in
 *       the store queue; nothing in the register file waits for it. A branch has latency 0 (no result).</li>
 *   <li>{@code rthr}: reciprocal throughput, cycles per instruction when many independent copies run.</li>
 *   <li>{@code usage}: per-port issue slots ({@link PortUsageParser} notation); {@code occupancy}: cycles each
 *       of these uops holds its port (1 = pipelined; more for non-pipelined dividers or for double-pumped
 *       512-bit ops).</li>
 *   <li>{@code source}: ids of {@link Microarchitecture#sources()} separated by ';', each optionally followed
 *       by free text saying what was taken from it ("ILX lat/rthr; ZN5TD ports").</li>
 *   <li>{@code estimate}: the numbers are inferred, not read from a source; {@code basis} says how.</li>
 * </ul>
 *
 * @param form      canonical form string
 * @param uops      macro-ops (dispatch/retire slots)
 * @param latency   cycles, see above (loads: beyond load-to-use)
 * @param rthr      reciprocal throughput, cycles per instruction
 * @param usage     port usage terms; empty when no execution port is used
 * @param occupancy cycles each uop holds its port, {@code >= 1}
 * @param load      the form reads memory
 * @param store     the form writes memory
 * @param source    source ids (see above)
 * @param estimate  true when inferred rather than taken from a source
 * @param basis     how an estimate was made; empty when {@code estimate} is false
 * @param note      disagreements between sources and the alternative values; may be empty
 * @param zeroIdiom when all register sources are the same register the result does not depend on them
 *                  (xor r,r / vpxor x,x,x): renamed to zero with latency 0 and no port. The other numbers
 *                  describe the general (different registers) case.
 * @param accumulateLatency late forwarding of a multiply-accumulate: the cycles after which the result may enter
 *                  the accumulator operand of a following form of the same {@code accumulateGroup} (Arm's
 *                  "latency (accumulate latency)" notation, llvm's {@code SchedReadAdvance} on that operand); 0 when
 *                  the form has none and every consumer waits the full {@code latency}
 * @param accumulateGroup the forwarding class (llvm's write class, e.g. {@code N2Wr_VDOT}); empty when none
 */
public record InstrDesc(String form, int uops, int latency, double rthr, List<PortUse> usage, int occupancy,
                        boolean load, boolean store, String source, boolean estimate, String basis, String note,
                        boolean zeroIdiom, int accumulateLatency, String accumulateGroup) {

    /** Operand kinds a form may use. */
    public static final Set<String> OPERAND_KINDS = Set.of("r8", "r16", "r32", "r64", "xmm", "ymm", "zmm",
            "k", "m8", "m16", "m32", "m64", "m128", "m256", "m512", "imm", "rel");

    /** AArch64 operand kinds: general registers, vector arrangements, scalar SIMD&FP views (see apple-m2.yaml). */
    public static final Set<String> ARM_OPERAND_KINDS = Set.of("x", "w", "v16b", "v8b", "v8h", "v4h", "v4s", "v2s",
            "v2d", "q", "d", "s", "h", "b");

    public InstrDesc {
        usage = List.copyOf(usage);
        basis = basis == null ? "" : basis;
        note = note == null ? "" : note;
        accumulateGroup = accumulateGroup == null ? "" : accumulateGroup;
        if (accumulateLatency < 0 || accumulateLatency > latency || accumulateLatency > 0 == accumulateGroup.isEmpty()) {
            throw new IllegalArgumentException(form + ": accumulate latency " + accumulateLatency + " and group '"
                + accumulateGroup + "' must be given together, the latency within 1.." + latency);
        }
    }

    /** Timing without late forwarding of an accumulator (every form of the x86 tables, most Arm ones). */
    public InstrDesc(String form, int uops, int latency, double rthr, List<PortUse> usage, int occupancy,
                     boolean load, boolean store, String source, boolean estimate, String basis, String note,
                     boolean zeroIdiom) {
        this(form, uops, latency, rthr, usage, occupancy, load, store, source, estimate, basis, note, zeroIdiom, 0, "");
    }

    /** Total uops placed on ports (sum of the usage counts). */
    public int portUops() {
        return usage.stream().mapToInt(PortUse::count).sum();
    }

    /**
     * Canonical spelling of a form: lower case, single spaces, operands separated by {@code ", "}.
     * {@code "VPADDD  ymm,ymm , ymm"} becomes {@code "vpaddd ymm, ymm, ymm"}.
     */
    public static String canonicalForm(String form) {
        // Memoised: every simulated call decodes its program's forms (a regex per operand showed in profiles), and a
        // run sees a few hundred distinct spellings at most.
        return CANONICAL.computeIfAbsent(form, InstrDesc::canonicalise);
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, String> CANONICAL =
        new java.util.concurrent.ConcurrentHashMap<>();

    private static String canonicalise(String form) {
        String s = form.strip().toLowerCase(Locale.ROOT);
        int sp = s.indexOf(' ');
        if (sp < 0) {
            return s;
        }
        String mnemonic = s.substring(0, sp);
        String[] ops = s.substring(sp + 1).split(",");
        StringBuilder sb = new StringBuilder(mnemonic).append(' ');
        for (int i = 0; i < ops.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(ops[i].strip().replaceAll("\\s+", " "));
        }
        return sb.toString();
    }

    /** Operand kinds of a canonical form that are not in {@link #OPERAND_KINDS} (empty when all are known). */
    static List<String> unknownOperandKinds(String canonicalForm) {
        int sp = canonicalForm.indexOf(' ');
        if (sp < 0) {
            return List.of();
        }
        return java.util.Arrays.stream(canonicalForm.substring(sp + 1).split(", "))
                .filter(k -> !OPERAND_KINDS.contains(unmasked(k)) && !ARM_OPERAND_KINDS.contains(k)).toList();
    }

    /**
     * An AVX-512 write-masked destination kind ({@code zmm{k}} merging, {@code zmm{k}{z}} zeroing, as
     * {@code Operand.Masked.kind()} spells it) without its mask suffix; other kinds unchanged.
     */
    private static String unmasked(String kind) {
        return kind.endsWith("{k}{z}") ? kind.substring(0, kind.length() - 6)
            : kind.endsWith("{k}") ? kind.substring(0, kind.length() - 3) : kind;
    }
}
