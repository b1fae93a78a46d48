// What kind of work an operator is; decides how a target costs it and how arithmetic energy counts it.
package org.ternsim.sim.workload;

import java.util.Locale;

public enum OpClass {
    /** Weight matmul y = W x over N tokens (GEMV when N = 1). */
    LINEAR,
    /** Scaled-dot-product attention against a KV cache (QK^T, softmax, AV). */
    ATTENTION,
    /** RMSNorm / LayerNorm (with modulation for a DiT). */
    NORM,
    /** Activation function, gating product included. */
    ACTIVATION,
    /** Activation quantizer (INT8 absmax, INT4 absmean, Top-K, KV codes). */
    QUANTIZE,
    /** Fast Walsh-Hadamard transform (BitNet v2). */
    HADAMARD,
    /** RoPE, residual adds and other element-wise work. */
    ELEMENTWISE,
    /** Embedding row lookup. */
    EMBEDDING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
