#!/usr/bin/env python3
# Writes configs/workloads/*.yaml from the shape tables below (each row cites its reference section); run once,
# then the YAML files are the data. Kept so that a reviewer can re-derive every file from one table.
import os, sys

OUT = os.path.join(os.path.dirname(__file__), "..", "configs", "workloads")

def llm(name, desc, src, hidden, ffn, layers, heads, kv, hd, vocab, act, subnorms, tied, numerics, kernel, lmhead,
        lmsrc, sparsity=None, extra=""):
    s = f"""# {desc}
# Shapes: {src}. Schema: docs/workloads.md.
name: {name}
description: "{desc}"
source: "{src}"
family: llm
model:
  source: "{src}"
  hidden: {hidden}
  ffn: {ffn}
  layers: {layers}
  heads: {heads}
  kvHeads: {kv}
  headDim: {hd}
  vocab: {vocab}
  activation: {act}
  subNorms: {str(subnorms).lower()}
  tiedEmbedding: {str(tied).lower()}
{extra}numerics:
{numerics}
linearKernel: {kernel}
lmHead: {{value: {lmhead}, source: "{lmsrc}", estimate: true}}
"""
    if sparsity:
        s += sparsity
    with open(os.path.join(OUT, name + ".yaml"), "w") as f:
        f.write(s)

TERNARY = """  source: "workloads.md §1.1-1.2: ternary absmean weights, INT8 absmax per-token activations"
  weights: ternary
  activations: int8
  kvCache: f16"""
FP16 = """  source: "FP16 baseline: f16 weights and activations, as llama.cpp users run unquantized models"
  weights: f16
  activations: f16
  kvCache: f16"""
Q40 = """  source: "Q4_0 baseline (kernels.md §6 context; llama.cpp Q4_0 weights with Q8_0 activations)"
  weights: q4_0
  activations: int8
  kvCache: f16"""
LM_T = "kernels.md §2.5: setup_env.py --quant-embd converts the embedding to f16; §8.3 embedding-type figure (f16 ... tq2_0)"
LM_F = "FP16 baseline: LM head in f16"
LM_Q = "llama.cpp Q4_0 files keep output.weight in q6_k (llama.cpp quantize default for the output tensor) [recalled]"

base = [
    # name, desc, src, hidden, ffn, layers, heads, kv, hd, vocab, act, subnorms, tied
    ("bitnet-b1.58-2b4t", "BitNet b1.58 2B4T: GQA, ReLU^2-GLU, sub-norms, tied embedding",
     "workloads.md §4.1-4.3; kernels.md §9", 2560, 6912, 30, 20, 5, 128, 128256, "relu2", True, True),
    ("bitnet-b1.58-large", "bitnet_b1_58-large (0.7B): LLaMA-style MHA, SiLU-GLU",
     "kernels.md §9 (HF 1bitLLM/bitnet_b1_58-large config.json)", 1536, 4096, 24, 16, 16, 96, 32002, "silu", False, True),
    ("bitnet-b1.58-3b", "bitnet_b1_58-3B (3.3B): LLaMA-style MHA, SiLU-GLU",
     "kernels.md §9 (HF 1bitLLM/bitnet_b1_58-3B config.json)", 3200, 8640, 26, 32, 32, 100, 32002, "silu", False, True),
    ("llama3-8b-1.58", "Llama3-8B-1.58-100B-tokens: Llama-3-8B shapes, GQA 32/8, untied output",
     "kernels.md §9 (shapes from codegen; Llama-3-8B config)", 4096, 14336, 32, 32, 8, 128, 128256, "silu", False, False),
]
for (name, desc, src, h, f, l, hs, kv, hd, v, act, sn, tied) in base:
    llm(name, desc, src, h, f, l, hs, kv, hd, v, act, sn, tied, TERNARY, "i2_s", "f16", LM_T)
    llm(name + "-fp16", desc + " (FP16 baseline)", src, h, f, l, hs, kv, hd, v, act, sn, tied, FP16, "f16", "f16", LM_F)
    llm(name + "-q4_0", desc + " (Q4_0 baseline)", src, h, f, l, hs, kv, hd, v, act, sn, tied, Q40, "q4_0", "q6_k", LM_Q)

# T-MAC's Llama-2-7B datasheet rows (kernels.md §8.5): the 7B shapes of workloads.md §3; the weights stay ternary
# (the tmac kernel's two bit-planes are W2's) unless --kernel names a format.
LM_TMAC = ("not published for T-MAC's runs; f16 as the other LLM workloads (the llama.cpp rows set q6_k, llama.cpp's "
           "default output type)")
llm("llama-2-7b", "Llama-2-7B (6.7B): LLaMA MHA, SiLU-GLU, untied output",
    "workloads.md §3 7B row; vocab 32000, 32 KV heads, head_dim 128: HF meta-llama/Llama-2-7b config.json as a public "
    "model table quotes it (search tool)", 4096, 11008, 32, 32, 32, 128, 32000, "silu", False, False, TERNARY, "i2_s",
    "f16", LM_TMAC)

dummy = [("125m", 768, 3072, 11, 12), ("350m", 1024, 3072, 24, 16), ("1b", 2048, 3584, 24, 32),
         ("1.5b", 1536, 9216, 28, 32), ("2.7b", 3072, 7680, 24, 32), ("3.8b", 3840, 8192, 24, 32),
         ("7b", 4096, 12032, 32, 32), ("13b", 5120, 13824, 40, 40), ("30b", 6656, 16384, 60, 52),
         ("70b", 8192, 24576, 80, 64), ("100b", 8192, 45568, 72, 64)]
for (size, h, f, l, hs) in dummy:
    llm("bitnet-dummy-" + size, f"bitnet.cpp dummy model {size.upper()}: random ternary weights, MHA, vocab 32002",
        "kernels.md §9.1 (utils/generate-dummy-bitnet-model.py)", h, f, l, hs, hs, h // hs, 32002, "silu", True, True,
        TERNARY, "i2_s", "f16", LM_T)

VOCAB_GUESS = '{value: 32000, source: "[?] not stated in the paper; the LLaMA tokenizer size is assumed", estimate: true}'
A48 = """  source: "workloads.md §5.1, §5.3: INT4 absmean on Wq/Wk/Wv/Wgate/Wup inputs, INT8 (TopK 50%) on Wo, INT8 on Wdown; 3-bit KV"
  weights: ternary
  activations: int4
  kvCache: int3"""
def a48_sparsity(src):
    return f"""sparsity:
  source: "{src}"
  mode: given
  qkv: 0.121
  out: 0.5
  gate: 0.120
  up: 0.714
  down: 0.842
"""
llm("bitnet-a4.8-2b", "BitNet a4.8 on 2B4T shapes: hybrid INT4/INT8 activations, TopK 50% on Wo, gate-skip, 3-bit KV",
    "workloads.md §4.1 shapes, §5.1 precision map", 2560, 6912, 30, 20, 5, 128, 128256, "relu2", True, True, A48,
    "i2_s", "f16", LM_T,
    a48_sparsity("workloads.md §5.2 [D]: a4.8 7B row of Table 2 applied to 2B4T shapes (use --sparsity measured to measure it instead)"))
llm("bitnet-a4.8-7b", "BitNet a4.8 7B: hybrid INT4/INT8 activations, TopK 50% on Wo, gate-skip, 3-bit KV",
    "workloads.md §3 (7B config of 2411.04965 Table 6), §5.1", 4096, 11008, 32, 32, 32, 128, VOCAB_GUESS, "relu2", False,
    False, A48, "i2_s", "f16", LM_T, a48_sparsity("workloads.md §5.2: 2411.04965 Table 2, a4.8 7B row"),
    extra="")
V2 = """  source: "workloads.md §6: INT4 absmean activations on all linears, Hadamard before the Wo and Wdown quantizers"
  weights: ternary
  activations: int4
  kvCache: f16
  hadamard: true"""
llm("bitnet-v2-3b", "BitNet v2 3B: H-BitLinear (Hadamard) on Wo/Wdown, INT4 activations everywhere, SwishGLU",
    "workloads.md §6 (2504.18415 Table 8, 3B)", 4096, 8192, 20, 32, 32, 128, VOCAB_GUESS, "silu", False, False, V2,
    "i2_s", "f16", LM_T)

def flux(name, desc, numerics, kernel):
    s = f"""# {desc}
# Shapes: workloads.md §9.1-9.3 (black-forest-labs/flux util.py configs["flux-dev"]). Schema: docs/workloads.md.
name: {name}
description: "{desc}"
source: "workloads.md §8-9"
family: dit
model:
  source: "workloads.md §9.1 (flux util.py, model.py, layers.py)"
  hidden: 3072
  heads: 24
  headDim: 128
  mlpHidden: 12288
  doubleBlocks: 19
  singleBlocks: 38
  textTokens: 512
  contextDim: 4096
  vecDim: 768
  latentChannels: 64
  patchPixels: 16
  resolution: 1024
  steps: 50
numerics:
{numerics}
linearKernel: {kernel}
"""
    with open(os.path.join(OUT, name + ".yaml"), "w") as f:
        f.write(s)

flux("flux-dev-1.58bit", "1.58-bit FLUX.1-dev: ternary block linears x 16-bit activations (W1.58A16)",
     """  source: "workloads.md §8: 99.5% of weights ternary, activations not quantized (W1.58A16)"
  weights: ternary
  activations: bf16
  kvCache: bf16""", "i2_s-a16")
flux("flux-dev-fp16", "FLUX.1-dev FP16 baseline", """  source: "FLUX.1-dev baseline in 16-bit"
  weights: bf16
  activations: bf16
  kvCache: bf16""", "bf16")
