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
    EMBEDDING,
    /**
     * The framework's own work per graph run, outside the operators: for a llama.cpp-style CPU run, ggml's dispatch of
     * every graph node and the barrier after it (m = nodes, k = barriers). Added by the target, not the lowering.
     */
    RUNTIME;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
