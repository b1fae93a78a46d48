// One operator of a lowered workload: what it computes, on which shapes, with which kernel and which formats.
package org.ternsim.sim.workload;

import java.util.Objects;

/**
 * Shapes follow one convention for every class: {@code m} outputs per token, {@code k} reduction length (or
 * elements per token for element-wise work), {@code n} tokens. Class-specific fields:
 *
 * @param name        e.g. {@code q_proj}
 * @param layer       decoder layer / block index, -1 outside layers
 * @param block       block kind for DiTs ("double", "single"), "layer" for LLMs, "" outside
 * @param opClass     kind of work
 * @param kernel      kernel name (linear: i2_s, f16 ...; others: the functional op such as rmsnorm)
 * @param m           outputs per token (linear) / query heads (attention)
 * @param k           reduction length (linear) / head dim (attention) / elements per token (element-wise)
 * @param n           tokens (query tokens for attention)
 * @param context     keys per query for attention (mean over a causal prefill), 0 otherwise
 * @param kvHeads     KV heads for attention, 0 otherwise
 * @param opsPerElement arithmetic operations per element for element-wise classes (documented per op in the lowering)
 * @param weightFormat format of the weights (linear), of the KV cache (attention), of the table (embedding)
 * @param inputSparsity fraction of zero inputs (a4.8), 0 when dense
 * @param inputFormat  format of a linear's input activations as the workload quantizes them ({@code int8},
 *                     {@code int4}, {@code bf16}, ...), "" when not stated; CPU kernels take it from the kernel name,
 *                     an accelerator sizes its activation traffic and datapath by it
 */
public record Operator(String name, int layer, String block, OpClass opClass, String kernel, long m, long k, long n,
        long context, int kvHeads, double opsPerElement, String weightFormat, double inputSparsity, String inputFormat) {

    public Operator {
        Objects.requireNonNull(name);
        Objects.requireNonNull(opClass);
        Objects.requireNonNull(kernel);
        Objects.requireNonNull(inputFormat);
    }

    /** An operator whose input format is not stated. */
    public Operator(String name, int layer, String block, OpClass opClass, String kernel, long m, long k, long n,
            long context, int kvHeads, double opsPerElement, String weightFormat, double inputSparsity) {
        this(name, layer, block, opClass, kernel, m, k, n, context, kvHeads, opsPerElement, weightFormat, inputSparsity,
            "");
    }

    /** Multiply-accumulates of matmul-like work (linear, attention, embedding counts none). */
    public double macs() {
        return switch (opClass) {
            case LINEAR -> (double) m * k * n;
            case ATTENTION -> 2.0 * m * k * context * n; // QK^T and AV per query head
            default -> 0;
        };
    }

    /** Element-wise arithmetic operations. */
    public double elementOps() {
        return switch (opClass) {
            case ATTENTION -> 5.0 * m * context * n; // softmax: max, sub, exp, sum, scale per score
            case LINEAR, EMBEDDING, RUNTIME -> 0;
            case HADAMARD -> (double) k * n * (64 - Long.numberOfLeadingZeros(Math.max(1, k) - 1) + 1);
            default -> opsPerElement * k * n;
        };
    }

    /** Bytes of weights (linear), KV cache (attention) or table rows read (embedding). */
    public double weightBytes() {
        return switch (opClass) {
            case LINEAR -> m * k * Formats.bitsPerWeight(weightFormat) / 8.0;
            case ATTENTION -> 2.0 * kvHeads * k * context * Formats.bitsPerWeight(weightFormat) / 8.0;
            case EMBEDDING -> n * k * Formats.bitsPerWeight(weightFormat) / 8.0;
            default -> 0;
        };
    }

    /** Bytes of activations in and out, at 4 B (fp32) for element-wise classes and the kernel's input format else. */
    public double activationBytes() {
        return switch (opClass) {
            case LINEAR -> n * (k + 4.0 * m);
            case ATTENTION -> n * 4.0 * 2 * m * k;
            case EMBEDDING -> n * 4.0 * k;
            case RUNTIME -> 0;
            default -> n * 8.0 * k;
        };
    }

    public String shape() {
        return switch (opClass) {
            case LINEAR -> m + "x" + k + (n > 1 ? "x" + n : "");
            case ATTENTION -> m + "h" + kvHeads + "kv" + k + "d@" + context + (n > 1 ? "x" + n : "");
            case RUNTIME -> m + "n/" + k + "b";
            default -> k + (n > 1 ? "x" + n : "");
        };
    }
}
