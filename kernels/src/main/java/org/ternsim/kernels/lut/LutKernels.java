// Accessors for the selected TL1 and TL2 kernels (Vector API when available, else the scalar references).
package org.ternsim.kernels.lut;

import org.ternsim.kernels.KernelProvider;

/** Chooses each LUT kernel family once per JVM through {@link KernelProvider#select}, honouring its properties. */
public final class LutKernels {

    private LutKernels() {
    }

    /** The selected TL1 GEMV, shared and stateless. */
    public static Tl1Gemv tl1() {
        return KernelProvider.select(Tl1Gemv.class, "org.ternsim.kernels.lut.PanamaTl1Gemv", ScalarTl1Gemv::new);
    }

    /** The selected TL2 GEMV, shared and stateless. */
    public static Tl2Gemv tl2() {
        return KernelProvider.select(Tl2Gemv.class, "org.ternsim.kernels.lut.PanamaTl2Gemv", ScalarTl2Gemv::new);
    }

    /** The selected TL2_0 GEMV (lossy int8 tables), shared and stateless. */
    public static Tl20Gemv tl20() {
        return KernelProvider.select(Tl20Gemv.class, "org.ternsim.kernels.lut.PanamaTl20Gemv", ScalarTl20Gemv::new);
    }
}
