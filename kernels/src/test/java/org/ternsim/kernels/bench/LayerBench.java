// JMH benchmark of one 2B4T decoder layer for one token: BitNet b1.58 (BitNetLayer, I2_S int8, F16 KV cache) and
// BitNet a4.8 (A48Layer: int4 QKV/gate/up, Top-K sparse Wo, ReLU^2-sparse Wdown, 3-bit KV cache); all kernels scalar
// or all Vector API.
//
// Run as I2sGemvBench says, with the class name LayerBench, e.g.
//   java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main LayerBench -f 1 -wi 5 -i 3 -w 1 -r 1
// Weights: BitNetLayerWeights.synthetic(2B4T, seed 7), 69.5 M ternary weights (17.4 MB as I2_S). The KV cache holds
// `context` synthetic positions; each call decodes the token at position `context`. Before each call the benchmark
// restores the residual state (a 10 KiB copy) and truncates the cache back to `context` positions (a private-field
// write, see rewind()), so every call does the same work. Layer tokens/s = 1e6 / (us per op); 30 layers, no LM head:
// about us per op * 30 per token. The a4.8 layer uses the ternary weights as they are (no a4.8 checkpoint).
package org.ternsim.kernels.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ternsim.kernels.gemv.I2sGemv;
import org.ternsim.kernels.gemv.I2sInt4Gemv;
import org.ternsim.kernels.gemv.ScalarI2sGemv;
import org.ternsim.kernels.gemv.ScalarI2sInt4Gemv;
import org.ternsim.kernels.layer.A48Layer;
import org.ternsim.kernels.layer.A48Sparsity;
import org.ternsim.kernels.layer.BitNetLayer;
import org.ternsim.kernels.layer.BitNetLayerWeights;
import org.ternsim.kernels.layer.LayerConfig;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.nn.F16KvCodec;
import org.ternsim.kernels.nn.KvCache;
import org.ternsim.kernels.nn.KvRowCodec;
import org.ternsim.kernels.nn.LowBitKvCodec;
import org.ternsim.kernels.nn.NnOps;
import org.ternsim.kernels.nn.ScalarNnOps;
import org.ternsim.kernels.quant.KvCacheQuantizer;
import org.ternsim.kernels.sparse.ScalarSparseGemv;
import org.ternsim.kernels.sparse.SparseGemv;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class LayerBench {

    /** {@code b158}: BitNetLayer; {@code a48}: A48Layer. */
    @Param({"b158", "a48"})
    public String layer;

    /** {@code scalar}: every kernel the scalar reference; {@code panama}: every kernel the selected Vector API one. */
    @Param({"scalar", "panama"})
    public String kernel;

    /** Cached positions before the decoded token. */
    @Param({"512"})
    public int context;

    private static final LayerConfig C = LayerConfig.bitnet2b4t();

    private BitNetLayer b158;
    private A48Layer a48;
    private KvCache cache;
    private float[] h0;
    private float[] h;

    @Setup
    public void setUp() {
        BitNetLayerWeights weights = BitNetLayerWeights.synthetic(C, 7);
        boolean scalar = kernel.equals("scalar");
        NnOps ops = scalar ? new ScalarNnOps() : NnOps.selected();
        I2sGemv i2s = scalar ? new ScalarI2sGemv() : I2sGemv.selected();
        KvRowCodec codec;
        String names;
        if (layer.equals("b158")) {
            b158 = new BitNetLayer(C, weights, i2s, ops);
            codec = new F16KvCodec();
            names = "i2s " + i2s.name() + ", nn " + ops.name();
        } else if (layer.equals("a48")) {
            I2sInt4Gemv int4 = scalar ? new ScalarI2sInt4Gemv() : I2sInt4Gemv.selected();
            SparseGemv sparse = scalar ? new ScalarSparseGemv() : SparseGemv.selected();
            a48 = new A48Layer(C, weights, int4, i2s, sparse, ops);
            codec = new LowBitKvCodec(KvCacheQuantizer.A48);
            names = "i2s " + i2s.name() + ", int4 " + int4.name() + ", sparse " + sparse.name() + ", nn " + ops.name();
        } else {
            throw new IllegalArgumentException("unknown layer " + layer);
        }
        if (!scalar && names.contains("scalar")) {
            throw new IllegalStateException("a Vector API kernel did not load: " + names);
        }
        cache = new KvCache(C.attention().kvHeads(), C.attention().headDim(), context + 1, codec);
        for (int t = 0; t < context; t++) {
            cache.append(SyntheticWeights.gaussian(C.kvWidth(), 1f, 1000 + 2L * t), 0,
                SyntheticWeights.gaussian(C.kvWidth(), 1f, 1001 + 2L * t), 0);
        }
        h0 = SyntheticWeights.gaussian(C.hidden(), 1f, 200);
        h = h0.clone();
        String sparsity = step();
        if (cache.length() != context + 1) {
            throw new IllegalStateException("decode did not append one position");
        }
        rewind();
        if (cache.length() != context) {
            throw new IllegalStateException("rewind failed");
        }
        System.out.println(layer + ": " + names + ", cache " + codec.name() + " x " + context + sparsity);
    }

    private void rewind() {
        System.arraycopy(h0, 0, h, 0, h.length);
        cache.truncate(context);
    }

    private String step() {
        if (b158 != null) {
            b158.decode(h, context, cache);
            return "";
        }
        A48Sparsity s = a48.decode(h, context, cache);
        return ", sparsity " + s.summary();
    }

    @Benchmark
    public float[] decode() {
        rewind();
        if (b158 != null) {
            b158.decode(h, context, cache);
        } else {
            a48.decode(h, context, cache);
        }
        return h;
    }
}
