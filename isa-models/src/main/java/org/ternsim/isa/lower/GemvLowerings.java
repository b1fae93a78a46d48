// The registry of CPU GEMV lowerings: every kernel x ISA pair that simulate and validate know.
package org.ternsim.isa.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class GemvLowerings {

    private GemvLowerings() {
    }

    /** All lowerings with their default tuning parameters, in the order validate lists them. */
    public static List<GemvLowering> all() {
        List<GemvLowering> all = new ArrayList<>();
        all.add(new I2sAvx2Lowering(I2sAvx2Gemv.SAFE_GROUP_BLOCKS));
        all.add(new I2s1xnAvx2Lowering(I2s1xnAvx2Lowering.DEFAULT_ROWS_PER_PASS, I2sAvx2Gemv.SAFE_GROUP_BLOCKS));
        all.add(new I2sVnniLowering(I2sVnniLowering.DEFAULT_ROWS_PER_PASS));
        all.add(Tl2Avx2Lowering.defaults());
        all.add(new BaselineAvx2Lowering(org.ternsim.kernels.baseline.BlockFormat.TQ2_0));
        all.add(new BaselineAvx2Lowering(org.ternsim.kernels.baseline.BlockFormat.Q4_0));
        all.add(new BaselineAvx2Lowering(org.ternsim.kernels.baseline.BlockFormat.F16));
        // AVX-512 lowerings beyond i2_s-vnni (VBMI TL2, baselines, Nx1).
        all.add(Tl2VbmiLowering.defaults());
        all.add(new BaselineAvx512Lowering(org.ternsim.kernels.baseline.BlockFormat.TQ2_0));
        all.add(new BaselineAvx512Lowering(org.ternsim.kernels.baseline.BlockFormat.Q4_0));
        all.add(new BaselineAvx512Lowering(org.ternsim.kernels.baseline.BlockFormat.F16));
        all.add(new I2sNx1VnniLowering(I2sNx1VnniLowering.DEFAULT_TOKENS, I2sNx1VnniLowering.DEFAULT_COLUMNS_PER_PASS));
        // Nx1 GEMM (prefill) lowerings for AVX2 and NEON with dot product.
        all.add(I2sNx1Avx2Lowering.defaults());
        all.add(new I2sNx1NeonLowering(I2sNx1NeonLowering.DEFAULT_TOKENS));
        all.add(I2sNeonLowering.defaults(false));
        all.add(I2sNeonLowering.defaults(true));
        all.add(new Tl1NeonLowering(Tl1NeonLowering.DEFAULT_BK));
        all.add(new TmacNeonLowering(org.ternsim.kernels.tmac.TmacShapes.DEFAULT_ACT_GROUP));
        // NEON: llama.cpp baselines, a4.8 int4, W1.58A16 (h-neon).
        for (org.ternsim.kernels.baseline.BlockFormat f : List.of(org.ternsim.kernels.baseline.BlockFormat.TQ2_0,
                org.ternsim.kernels.baseline.BlockFormat.Q4_0)) {
            all.add(new BaselineNeonLowering(f, false));
            all.add(new BaselineNeonLowering(f, true));
        }
        all.add(new BaselineNeonLowering(org.ternsim.kernels.baseline.BlockFormat.F16, false));
        all.add(I2sInt4NeonLowering.defaults(false));
        all.add(I2sInt4NeonLowering.defaults(true));
        all.add(new TernaryA16NeonLowering(org.ternsim.kernels.gemv.A16Format.F16));
        // AVX2 lowerings of the T-MAC, a4.8, A16 and sparse kernels (helper h-x86)
        all.add(TmacAvx2Lowering.defaults());
        all.add(I2sInt4Avx2Lowering.defaults());
        all.add(TernaryA16Avx2Lowering.defaults());
        all.add(SparseAvx2Lowering.defaults());
        // AVX-512 lowering of the a4.8 int4 kernel (helper h-a512): the VNNI I2_S program on int4 codes.
        all.add(I2sInt4Avx512Lowering.defaults());
        // AVX-512 lowering of W1.58A16 (h-a512): the AVX2 program with one zmm accumulator per row.
        all.add(TernaryA16Avx512Lowering.defaults());
        // LUT kernels on the remaining ISAs (helper h-lut).
        all.add(Tl2NeonLowering.defaults());
        all.add(TmacAvx512Lowering.defaults());
        all.add(Tl1Avx2Lowering.defaults());
        all.add(Tl1Avx512Lowering.defaults());
        // AVX-512 and NEON lowerings of the activation-sparse GEMV (helper h-sparse).
        all.add(new SparseAvx512Lowering());
        all.add(new SparseNeonLowering(false));
        all.add(new SparseNeonLowering(true));
        // T-MAC with 4-bit weights (tmac-w4, T-MAC's W4): the tmac programs with four bit planes.
        int w4 = org.ternsim.kernels.tmac.TmacShapes.W4_BITS;
        all.add(new TmacNeonLowering(org.ternsim.kernels.tmac.TmacShapes.DEFAULT_ACT_GROUP, w4));
        all.add(TmacAvx2Lowering.defaults(w4));
        all.add(TmacAvx512Lowering.defaults(w4));
        return List.copyOf(all);
    }

    public static Optional<GemvLowering> find(String kernel, String isa) {
        return all().stream().filter(l -> l.kernel().equals(kernel) && l.isa().equals(isa)).findFirst();
    }

    /**
     * Workload kernel names whose lowering is registered under another name: workloads call the W1.58A16 linear
     * {@code i2_s-a16} (its weight format), the lowerings and the accelerator {@code ternary-a16}.
     */
    private static final java.util.Map<String, String> WORKLOAD_ALIASES = java.util.Map.of("i2_s-a16", "ternary-a16");

    /** The lowering of {@code kernel} for the first ISA of {@code isas} (a core's ISA list, best first) that has one. */
    public static Optional<GemvLowering> forCore(String kernel, List<String> isas) {
        String name = WORKLOAD_ALIASES.getOrDefault(kernel, kernel);
        for (String isa : isas) {
            Optional<GemvLowering> l = find(name, isa);
            if (l.isPresent()) {
                return l;
            }
        }
        return Optional.empty();
    }

    /** The ISAs that have lowerings, in registry order: the names a core's ISA list may use. */
    public static List<String> isas() {
        return all().stream().map(GemvLowering::isa).distinct().toList();
    }

    public static List<String> kernels() {
        return all().stream().map(GemvLowering::kernel).distinct().toList();
    }

    /** "kernel/isa" of every lowering, for error messages. */
    public static String describeAll() {
        return String.join(", ", all().stream().map(l -> l.kernel() + "/" + l.isa()).toList());
    }
}
