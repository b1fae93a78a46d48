// Accessor of the baseline (llama.cpp formats) kernel family: the selected GEMV and GEMM and the activation quantizer.
package org.ternsim.kernels.baseline;

import org.ternsim.kernels.KernelProvider;

/** Entry points of the baseline family; the GEMV and GEMM are chosen once per JVM by {@link KernelProvider#select}. */
public final class BaselineKernels {

    static final String PANAMA_GEMV = "org.ternsim.kernels.baseline.PanamaBaselineGemv";

    private BaselineKernels() {
    }

    /** The selected baseline GEMV, shared and stateless. */
    public static BaselineGemv gemv() {
        return KernelProvider.select(BaselineGemv.class, PANAMA_GEMV, ScalarBaselineGemv::new);
    }

    static final String PANAMA_GEMM = "org.ternsim.kernels.baseline.PanamaBaselineGemm";

    /** The selected baseline GEMM (prefill, N tokens), shared and stateless; each token's output equals the GEMV's. */
    public static BaselineGemm gemm() {
        return KernelProvider.select(BaselineGemm.class, PANAMA_GEMM, ScalarBaselineGemm::new);
    }

    /**
     * Activations for a GEMV with {@code weightType} weights: F32 as is, Q8_0 by {@code quantize_row_q8_0_ref}, Q8_K by
     * {@code quantize_row_q8_K_ref}. K must be whole blocks of the activation type.
     */
    public static BlockTensor quantizeActivations(BlockFormat weightType, float[] x) {
        return BlockTensor.row(weightType.activationType(), x);
    }
}
