// How bitnet.cpp's ggml executes an operator that TernSim lowers as one: which part runs on one thread, and how many
// keys its attention scores.
package org.ternsim.sim.target;

import java.util.List;
import org.ternsim.sim.workload.OpClass;
import org.ternsim.sim.workload.Operator;
import org.ternsim.sim.workload.WorkloadLowering;

/**
 * Facts from the ggml that bitnet.cpp builds (its llama.cpp fork, {@code ggml/src/ggml.c} and {@code src/llama.cpp},
 * Eddie-Wang1120/llama.cpp as stored, ggml.c at 13e12994 and llama.cpp at 038fca04; the fork is the 3rdparty
 * submodule of microsoft/BitNet):
 * <ul>
 *   <li>{@code build_bitnet_158} (the 2B4T graph) builds the ReLU^2-GLU as {@code LLM_FFN_RELU_SQR} with
 *       {@code LLM_FFN_PAR}: three graph nodes, {@code ggml_relu}, {@code ggml_sqr}, {@code ggml_mul}.
 *       {@code ggml_compute_forward_relu_f32} and {@code ggml_compute_forward_sqr_f32} begin with
 *       {@code if (params->ith != 0) return;} (and {@code ggml_get_n_tasks} gives both 1 task), so two of the three
 *       run on thread 0 while the others wait at the barrier after the node; {@code ggml_compute_forward_mul_f32}
 *       splits rows over all threads.</li>
 *   <li>Without flash attention (llama-bench's default) {@code llm_build_kqv} multiplies the queries with the whole
 *       K view of the cache ({@code n_kv} cells) and masks the future keys in {@code ggml_soft_max_ext}: every query of
 *       a prompt scores every key stored after the prompt, not the causal half.</li>
 *   <li>Element-wise nodes (rms_norm, mul, add) and the quantization of a mul_mat's input split rows (tokens) over
 *       the threads, {@code for (ir = ith; ir < nr; ir += nth)} or chunks of {@code (nr + nth - 1) / nth}: the
 *       slowest thread does ceil(rows / threads) rows, and a decode token's single row runs on thread 0.</li>
 *   <li>Every I2_S mul_mat quantizes its input with {@code quantize_row_i8_s} (ggml-bitnet-mad.cpp / ggml-quants.c):
 *       an absmax pass {@code max = MAX(max, (double) fabs((double) x[i]))}, which clang 19 -O3 -march=znver3 keeps
 *       scalar (a {@code vcvtss2sd} + {@code vmaxsd} chain, one element per max latency; llvm-mca-19: 8.0 cycles per
 *       8 elements), then a vectorised scale-round-clamp pass.</li>
 * </ul>
 * Not modelled: ggml repeats the quantization in each mul_mat that reads the same input (q, k, v: three times;
 * gate, up: twice), while the workload lowers one quantizer per input; rope and soft_max split rows of heads x
 * tokens and are kept fully parallel.
 */
final class GgmlGraph {

    /** Graph nodes of the ReLU^2-GLU and how many of them run on thread 0 only. */
    static final double RELU2_GLU_NODES = 3;
    static final double RELU2_GLU_SERIAL_NODES = 2;

    private GgmlGraph() {
    }

    /**
     * Share of an operator's element work that ggml runs on one thread. The ReLU^2-GLU's three nodes each cost one
     * operation and one read and write per element in the analytic model, so two thirds of it is serial.
     */
    static double serialShare(Operator op) {
        if (op.opClass() == OpClass.ACTIVATION && op.kernel().equals("relu2_glu")) {
            return RELU2_GLU_SERIAL_NODES / RELU2_GLU_NODES;
        }
        return 0;
    }

    /** The scalar double max that carries quantize_row_i8_s's absmax pass, one per element. */
    static final String ABSMAX_CHAIN_FORM = "vmaxsd xmm, xmm, xmm";

    /**
     * Wall time of the operator on {@code threads} threads as a share of its one-thread time: the serial share on
     * one thread, the rest split by rows (tokens) for ggml's row-split nodes, else evenly.
     */
    static double spread(Operator op, int threads) {
        double serial = serialShare(op);
        double parallel = rowSplit(op) ? rowsOfSlowestThread(op.n(), threads) / op.n() : 1.0 / threads;
        return serial + (1 - serial) * parallel;
    }

    /** ggml nodes whose rows are tokens (rope's rows are heads x tokens and stay evenly split). */
    static boolean rowSplit(Operator op) {
        return switch (op.opClass()) {
            case NORM, QUANTIZE, ACTIVATION -> op.n() > 0;
            case ELEMENTWISE -> op.n() > 0 && !op.kernel().equals("rope");
            default -> false;
        };
    }

    static double rowsOfSlowestThread(long rows, int threads) {
        return (rows + threads - 1) / threads;
    }

    /** Whether the operator is bitnet.cpp's int8 activation quantizer (quantize_row_i8_s). */
    static boolean quantizeRowI8s(Operator op) {
        return op.opClass() == OpClass.QUANTIZE && op.kernel().equals("quant_int8");
    }

    // ---- the graph around the operators: nodes, barriers and what each costs ----

    /**
     * ggml graph nodes per TernSim operator, counted in the fork's {@code build_bitnet_158} and the helpers it calls
     * (src/llama.cpp at 13e12994; views, reshapes, permutes and transposes are nodes too): an RMSNorm is
     * {@code rms_norm} and {@code mul}; a projection one {@code mul_mat}; rope the Q and K {@code reshape_3d} and
     * {@code rope_ext}; attention {@code llm_build_kv_store}'s five (K view and cpy, V view, transpose and cpy) and
     * {@code llm_build_kqv}'s eight without flash attention (permute, K view, mul_mat, soft_max_ext, V view, mul_mat,
     * permute, cont_2d); the ReLU^2-GLU {@code relu}, {@code sqr}, {@code mul}, a SiLU or GELU GLU two nodes; the
     * embedding one {@code get_rows}. The quantizers run inside their mul_mat and add no node.
     */
    static long nodes(Operator op) {
        return switch (op.opClass()) {
            case NORM -> 2;
            case LINEAR, EMBEDDING, HADAMARD -> 1;
            case ATTENTION -> 13;
            case ACTIVATION -> op.kernel().equals("relu2_glu") ? 3 : 2;
            case ELEMENTWISE -> op.kernel().equals("rope") ? 4 : 1;
            case QUANTIZE, RUNTIME -> 0;
        };
    }

    /** The last layer's two {@code ggml_get_rows} on {@code inp_out_ids}, the graph's only nodes outside operators. */
    static final long OUTPUT_ROW_NODES = 2;

    /**
     * ggml's node loop ({@code ggml_graph_compute_thread}, ggml.c at 13e12994) ends every node with
     * {@code ggml_barrier}, no-op nodes included, and every {@code mul_mat} has one more after it quantizes its input.
     * The attention's two matmuls (K x Q and V x KQ) are mul_mats as well.
     */
    static long barriers(List<Operator> ops) {
        long n = OUTPUT_ROW_NODES;
        for (Operator op : ops) {
            n += nodes(op) + switch (op.opClass()) {
                case LINEAR -> 1;
                case ATTENTION -> 2;
                default -> 0;
            };
        }
        return n;
    }

    /** Graph nodes of one run of the operators' graph (one decode step or one prompt). */
    static long nodes(List<Operator> ops) {
        return OUTPUT_ROW_NODES + ops.stream().mapToLong(GgmlGraph::nodes).sum();
    }

    /** The operator that carries the graph's dispatch and barriers (see {@link #RUNTIME_SOURCE}). */
    static Operator runtime(List<Operator> ops) {
        return new Operator("graph", -1, "", OpClass.RUNTIME, "ggml", nodes(ops), barriers(ops), 1, 0, 0, 0, "", 0);
    }

    /**
     * Host cycles of the graph's own work per node on one thread (building the graph, allocating it, dispatching the
     * node), and of one barrier per waiting thread. Measured on the dev VM's Intel Xeon at 3.5 GHz with llama.cpp's
     * ggml 0.25.1 (docs/validation.md, "llama.cpp itself on this host"): a 30-layer llama of width 256 whose graph has
     * the full node count took 1.04 ms per token at 1 thread and 1.23 ms at 2. TernSim costed its operators at
     * 0.2 ms on one thread (that section); on two they take about half (a 30-layer width-256 llama on xeon-gnr-2c:
     * 0.481 and 0.244 ms), so 0.10 ms. {@code build_llama} at the fork's commit makes 966 nodes of such a model (32
     * per layer and 6 outside) and 1,237 barriers (271 mul_mats): (1.04 - 0.2) ms x 3.5 GHz / 966 = 3,040 cycles per
     * node, and ((1.23 - 0.10) - (1.04 - 0.2)) ms x 3.5 GHz / 1,237 = 820 cycles per barrier at 2 threads. Estimates
     * beyond that one host: the same cycles on every core (the work is scalar bookkeeping and cache-line handoffs),
     * and a barrier's cost growing with the threads that arrive at it one after another on its counter's cache line,
     * 820 x (threads - 1) cycles.
     */
    static final String RUNTIME_SOURCE = "ggml dispatch 3,040 cycles per node, barrier 820 cycles per waiting thread "
        + "(measured: llama.cpp on the dev VM, docs/validation.md)";
    static final double DISPATCH_CYCLES_PER_NODE = 3040;
    static final double BARRIER_CYCLES_PER_WAITING_THREAD = 820;

    /** Cycles of the runtime operator {@link #runtime} on {@code threads} threads. */
    static double runtimeCycles(Operator runtime, int threads) {
        return runtime.m() * DISPATCH_CYCLES_PER_NODE
            + runtime.k() * BARRIER_CYCLES_PER_WAITING_THREAD * (threads - 1);
    }

    /** Keys each query's scores cover over the keys of the operator's own (causal mean) count. */
    static double attentionKeysFactor(Operator op) {
        if (op.opClass() != OpClass.ATTENTION || op.context() <= 0) {
            return 1;
        }
        return (double) WorkloadLowering.keysStored(op) / op.context();
    }
}
