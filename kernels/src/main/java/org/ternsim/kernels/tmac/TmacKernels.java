// Accessor for the selected T-MAC kernel (Vector API when available, else the scalar reference).
package org.ternsim.kernels.tmac;

import org.ternsim.kernels.KernelProvider;

/** Chooses the T-MAC kernel once per JVM through {@link KernelProvider#select}, honouring its properties. */
public final class TmacKernels {

    private TmacKernels() {
    }

    /** The selected T-MAC GEMV, shared and stateless. */
    public static TmacGemv tmac() {
        return KernelProvider.select(TmacGemv.class, "org.ternsim.kernels.tmac.PanamaTmacGemv", ScalarTmacGemv::new);
    }
}
