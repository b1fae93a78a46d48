// Lowers a workload and a phase into the ordered operator list of one unit of work (decode step, prompt, DiT step).
package org.ternsim.sim.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * Dataflow per LLM layer follows workloads.md §4.2 (b1.58 / 2B4T), §5.1 (a4.8 precision map) and §6 (v2 Hadamard);
 * per DiT block §9.2. Element-wise operation counts per element are our estimates of a straightforward
 * implementation (stated next to each operator) and only feed the analytic model of those small operators.
 *
 * <p>Not lowered (not modelled): sampling / argmax of the logits, the T5 and CLIP encoders and the VAE of a DiT,
 * the LM head of every prompt token but the last (llama.cpp computes logits only for the last prompt token), and for
 * the same reason the last layer's FFN of the other prompt tokens.
 */
public final class WorkloadLowering {

    /** RMSNorm: square-accumulate (2), then scale by 1/rms and the weight (2) per element. */
    static final double RMSNORM_OPS = 4;
    /** LayerNorm + adaLN modulation: mean, variance (3), normalise (2), (1+scale)*x+shift (2). */
    static final double LAYERNORM_MOD_OPS = 7;
    /** INT8 absmax: |x|, max, x*s, round+clamp. */
    static final double QUANT_INT8_OPS = 4;
    /** INT4 absmean: |x|, sum, x*s, round+clamp. */
    static final double QUANT_INT4_OPS = 4;
    /** Top-K 50% by |x|: |x| plus a selection pass (nth element, ~4 compares per element on average). */
    static final double TOPK_OPS = 5;
    /** ReLU^2-GLU: max(0,g), square, times up. */
    static final double RELU2_GLU_OPS = 3;
    /** SiLU-GLU: exp, add, divide, times gate, times up. */
    static final double SILU_GLU_OPS = 5;
    /** GELU (tanh approximation): cube, 2 mul-adds, tanh (~3), add, 2 mul. */
    static final double GELU_OPS = 9;
    /** RoPE: per rotated pair 4 mul + 2 add = 3 per element. */
    static final double ROPE_OPS = 3;

    /** Kernel name of an LLM prompt's attention: causal, its context the mean keys per query. */
    public static final String CAUSAL_PROMPT_ATTENTION = "sdpa_causal";

    private WorkloadLowering() {
    }

    public static List<Operator> lower(Workload w, Phase phase, KernelChoice choice) {
        if (w.family() == Workload.Family.LLM) {
            if (phase.diffusion()) {
                throw new IllegalArgumentException("workload " + w.name() + " is an LLM: use --phase decode or prefill");
            }
            return llm(w, phase, choice);
        }
        if (!phase.diffusion()) {
            throw new IllegalArgumentException("workload " + w.name() + " is a diffusion transformer: use --phase "
                + "diffusion-step or image");
        }
        return dit(w, phase, choice);
    }

    private static List<Operator> llm(Workload w, Phase phase, KernelChoice choice) {
        Workload.LlmShape s = w.llm();
        Workload.Numerics num = w.numerics();
        String head = choice.lmHeadFor(w);
        boolean prefill = phase.kind() == Phase.Kind.PREFILL;
        long n = prefill ? phase.tokens() : phase.batch();
        // Keys per query: the cache plus the new token; a causal prompt sees on average half of itself.
        long keys = prefill ? causalMeanKeys(phase.context(), phase.tokens()) : phase.context() + 1;
        boolean a48 = "int4".equals(num.activations()) && !num.hadamard();
        boolean v2 = num.hadamard();
        boolean quantized = num.activations().startsWith("int");
        Workload.Sparsity sp = w.sparsity();
        List<Operator> ops = new ArrayList<>();
        String embFormat = s.tiedEmbedding() ? head : "f16";
        ops.add(new Operator("embedding", -1, "", OpClass.EMBEDDING, "get_rows", 0, s.hidden(), n, 0, 0, 0,
            embFormat, 0));
        for (int l = 0; l < s.layers(); l++) {
            String qkvIn = a48 || v2 ? "int4" : "int8";
            String qkvAct = quantized ? qkvIn : num.activations();
            ops.add(el("attn_norm", l, OpClass.NORM, "rmsnorm", s.hidden(), n, RMSNORM_OPS));
            if (quantized) {
                ops.add(el("attn_quant", l, OpClass.QUANTIZE, "quant_" + qkvIn, s.hidden(), n, QUANT_INT8_OPS));
            }
            ops.add(linear("q_proj", l, choice.linearFor(w, "q_proj"), s.hidden(), s.hidden(), n, sp.qkv(), qkvAct));
            ops.add(linear("k_proj", l, choice.linearFor(w, "k_proj"), s.kvDim(), s.hidden(), n, sp.qkv(), qkvAct));
            ops.add(linear("v_proj", l, choice.linearFor(w, "v_proj"), s.kvDim(), s.hidden(), n, sp.qkv(), qkvAct));
            ops.add(el("rope", l, OpClass.ELEMENTWISE, "rope", s.hidden() + s.kvDim(), n, ROPE_OPS));
            if (num.kvBits() < 16) {
                ops.add(el("kv_quant", l, OpClass.QUANTIZE, "quant_kv_" + num.kvCache(), 2L * s.kvDim(), n,
                    QUANT_INT8_OPS));
            }
            ops.add(new Operator("attention", l, "layer", OpClass.ATTENTION, prefill ? CAUSAL_PROMPT_ATTENTION : "sdpa",
                s.heads(), s.headDim(), n, keys,
                s.kvHeads(), 0, num.kvCache(), 0));
            if (s.subNorms()) {
                ops.add(el("attn_sub_norm", l, OpClass.NORM, "rmsnorm", s.hidden(), n, RMSNORM_OPS));
            }
            if (v2) {
                ops.add(el("o_hadamard", l, OpClass.HADAMARD, "fwht", s.hidden(), n, 0));
            }
            if (quantized) {
                ops.add(el("o_quant", l, OpClass.QUANTIZE, a48 ? "quant_int8_topk" : "quant_" + qkvIn, s.hidden(), n,
                    a48 ? QUANT_INT8_OPS + TOPK_OPS : QUANT_INT8_OPS));
            }
            ops.add(linear("o_proj", l, choice.linearFor(w, "o_proj"), s.hidden(), s.hidden(), n, sp.out(), quantized ? (a48 ? "int8" : qkvIn)
                : num.activations()));
            // llama.cpp's last layer keeps only the output rows after attention (ggml_get_rows on inp_out_ids): in a
            // prompt its residual and FFN run on the last token alone.
            long nf = prefill && l == s.layers() - 1 ? 1 : n;
            ops.add(el("attn_residual", l, OpClass.ELEMENTWISE, "add", s.hidden(), nf, 1));
            ops.add(el("ffn_norm", l, OpClass.NORM, "rmsnorm", s.hidden(), nf, RMSNORM_OPS));
            if (quantized) {
                ops.add(el("ffn_quant", l, OpClass.QUANTIZE, "quant_" + qkvIn, s.hidden(), nf, QUANT_INT4_OPS));
            }
            ops.add(linear("gate_proj", l, choice.linearFor(w, "gate_proj"), s.ffn(), s.hidden(), nf, sp.gate(), qkvAct));
            ops.add(linear("up_proj", l, choice.linearFor(w, "up_proj"), s.ffn(), s.hidden(), nf, sp.up(), qkvAct));
            boolean relu2 = s.activation() == Workload.Activation.RELU2;
            ops.add(el("ffn_act", l, OpClass.ACTIVATION, relu2 ? "relu2_glu" : s.activation() == Workload.Activation.SILU
                ? "silu_glu" : "gelu_glu", s.ffn(), nf, relu2 ? RELU2_GLU_OPS : s.activation() == Workload.Activation.SILU
                ? SILU_GLU_OPS : GELU_OPS + 1));
            if (s.subNorms()) {
                ops.add(el("ffn_sub_norm", l, OpClass.NORM, "rmsnorm", s.ffn(), nf, RMSNORM_OPS));
            }
            if (v2) {
                ops.add(el("down_hadamard", l, OpClass.HADAMARD, "fwht", s.ffn(), nf, 0));
            }
            if (quantized) {
                ops.add(el("down_quant", l, OpClass.QUANTIZE, v2 ? "quant_int4" : "quant_int8", s.ffn(), nf,
                    QUANT_INT8_OPS));
            }
            ops.add(linear("down_proj", l, choice.linearFor(w, "down_proj"), s.hidden(), s.ffn(), nf, sp.down(), quantized ? (v2 ? "int4" : "int8")
                : num.activations()));
            ops.add(el("ffn_residual", l, OpClass.ELEMENTWISE, "add", s.hidden(), nf, 1));
        }
        long headTokens = prefill ? 1 : n;
        ops.add(el("final_norm", -1, OpClass.NORM, "rmsnorm", s.hidden(), headTokens, RMSNORM_OPS));
        ops.add(linear("lm_head", -1, head, s.vocab(), s.hidden(), headTokens, 0, ""));
        return ops;
    }

    private static List<Operator> dit(Workload w, Phase phase, KernelChoice choice) {
        Workload.DitShape d = w.dit();
        String lin = choice.linearFor(w);
        // Embedders and the final layer stay 16-bit in 1.58-bit FLUX (workloads.md §8 [D]: 99.44% = block linears).
        String edge = choice.linear() != null && !Formats.ternary(lin) ? lin : "bf16";
        String act = w.numerics().activations();
        long img = d.imageTokens(phase.resolution());
        long txt = d.textTokens();
        long all = img + txt;
        int h = d.hidden();
        List<Operator> ops = new ArrayList<>();
        ops.add(new Operator("img_in", -1, "", OpClass.LINEAR, edge, h, d.latentChannels(), img, 0, 0, 0, edge, 0));
        ops.add(new Operator("txt_in", -1, "", OpClass.LINEAR, edge, h, d.contextDim(), txt, 0, 0, 0, edge, 0));
        for (String e : List.of("time_in", "guidance_in")) {
            ops.add(new Operator(e + ".0", -1, "", OpClass.LINEAR, edge, h, 256, 1, 0, 0, 0, edge, 0));
            ops.add(new Operator(e + ".2", -1, "", OpClass.LINEAR, edge, h, h, 1, 0, 0, 0, edge, 0));
        }
        ops.add(new Operator("vector_in.0", -1, "", OpClass.LINEAR, edge, h, d.vecDim(), 1, 0, 0, 0, edge, 0));
        ops.add(new Operator("vector_in.2", -1, "", OpClass.LINEAR, edge, h, h, 1, 0, 0, 0, edge, 0));
        for (int b = 0; b < d.doubleBlocks(); b++) {
            for (String st : List.of("img", "txt")) {
                long n = st.equals("img") ? img : txt;
                ops.add(blockLinear(st + "_mod", b, "double", lin, 6L * h, h, 1, act));
                ops.add(blockEl(st + "_norm1", b, "double", OpClass.NORM, "layernorm_mod", h, n, LAYERNORM_MOD_OPS));
                ops.add(blockLinear(st + "_qkv", b, "double", lin, 3L * h, h, n, act));
                ops.add(blockEl(st + "_qk_norm", b, "double", OpClass.NORM, "rmsnorm", 2L * h, n, RMSNORM_OPS));
                ops.add(blockEl(st + "_rope", b, "double", OpClass.ELEMENTWISE, "rope", 2L * h, n, ROPE_OPS));
            }
            ops.add(new Operator("joint_attention", b, "double", OpClass.ATTENTION, "sdpa", d.heads(), d.headDim(), all,
                all, d.heads(), 0, act, 0));
            for (String st : List.of("img", "txt")) {
                long n = st.equals("img") ? img : txt;
                ops.add(blockLinear(st + "_proj", b, "double", lin, h, h, n, act));
                ops.add(blockEl(st + "_res1", b, "double", OpClass.ELEMENTWISE, "gate_add", h, n, 2));
                ops.add(blockEl(st + "_norm2", b, "double", OpClass.NORM, "layernorm_mod", h, n, LAYERNORM_MOD_OPS));
                ops.add(blockLinear(st + "_mlp0", b, "double", lin, d.mlpHidden(), h, n, act));
                ops.add(blockEl(st + "_gelu", b, "double", OpClass.ACTIVATION, "gelu", d.mlpHidden(), n, GELU_OPS));
                ops.add(blockLinear(st + "_mlp2", b, "double", lin, h, d.mlpHidden(), n, act));
                ops.add(blockEl(st + "_res2", b, "double", OpClass.ELEMENTWISE, "gate_add", h, n, 2));
            }
        }
        for (int b = 0; b < d.singleBlocks(); b++) {
            ops.add(blockLinear("mod", b, "single", lin, 3L * h, h, 1, act));
            ops.add(blockEl("norm", b, "single", OpClass.NORM, "layernorm_mod", h, all, LAYERNORM_MOD_OPS));
            ops.add(blockLinear("linear1", b, "single", lin, 3L * h + d.mlpHidden(), h, all, act));
            ops.add(blockEl("qk_norm", b, "single", OpClass.NORM, "rmsnorm", 2L * h, all, RMSNORM_OPS));
            ops.add(blockEl("rope", b, "single", OpClass.ELEMENTWISE, "rope", 2L * h, all, ROPE_OPS));
            ops.add(new Operator("attention", b, "single", OpClass.ATTENTION, "sdpa", d.heads(), d.headDim(), all, all,
                d.heads(), 0, act, 0));
            ops.add(blockEl("gelu", b, "single", OpClass.ACTIVATION, "gelu", d.mlpHidden(), all, GELU_OPS));
            ops.add(blockLinear("linear2", b, "single", lin, h, (long) h + d.mlpHidden(), all, act));
            ops.add(blockEl("residual", b, "single", OpClass.ELEMENTWISE, "gate_add", h, all, 2));
        }
        ops.add(new Operator("final_adaln", -1, "", OpClass.LINEAR, edge, 2L * h, h, 1, 0, 0, 0, edge, 0));
        ops.add(el("final_norm", -1, OpClass.NORM, "layernorm_mod", h, img, LAYERNORM_MOD_OPS));
        ops.add(new Operator("final_linear", -1, "", OpClass.LINEAR, edge, d.latentChannels(), h, img, 0, 0, 0, edge, 0));
        return ops;
    }

    /** Mean keys per query of a causal prompt of {@code tokens} after {@code cached} keys (the LLM attention's context). */
    static long causalMeanKeys(long cached, long tokens) {
        return cached + (tokens + 1) / 2;
    }

    /**
     * Keys in the cache once an attention operator's tokens are stored: for a causal prompt
     * ({@link #CAUSAL_PROMPT_ATTENTION}) the inverse of {@link #causalMeanKeys}, i.e. cached + tokens; otherwise
     * (decode, a DiT's joint attention) the operator's context. A runtime that scores the whole masked score matrix
     * computes this many keys per query.
     */
    public static long keysStored(Operator attention) {
        if (attention.kernel().equals(CAUSAL_PROMPT_ATTENTION)) {
            return attention.context() - (attention.n() + 1) / 2 + attention.n();
        }
        return attention.context();
    }

    private static Operator linear(String name, int layer, String kernel, long m, long k, long n, double sparsity,
            String input) {
        return new Operator(name, layer, layer < 0 ? "" : "layer", OpClass.LINEAR, kernel, m, k, n, 0, 0, 0, kernel,
            sparsity, input);
    }

    private static Operator el(String name, int layer, OpClass c, String kernel, long k, long n, double ops) {
        return new Operator(name, layer, layer < 0 ? "" : "layer", c, kernel, 0, k, n, 0, 0, ops, "f32", 0);
    }

    private static Operator blockLinear(String name, int b, String block, String kernel, long m, long k, long n,
            String input) {
        return new Operator(name, b, block, OpClass.LINEAR, kernel, m, k, n, 0, 0, 0, kernel, 0, input);
    }

    private static Operator blockEl(String name, int b, String block, OpClass c, String kernel, long k, long n,
            double ops) {
        return new Operator(name, b, block, c, kernel, 0, k, n, 0, 0, ops, "f32", 0);
    }
}
