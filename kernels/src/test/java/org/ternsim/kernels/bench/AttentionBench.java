// JMH benchmark of attention over an F16 KV cache: 2B4T decode (one token, GQA 20/5 heads of 128) at context 512 and
// 4096, and FLUX joint attention (24 heads of 128, 256 tokens, no mask) as a prefill; scalar vs Vector API NnOps.
//
// Run as I2sGemvBench says, with the class name AttentionBench, e.g.
//   java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main AttentionBench -f 1 -wi 5 -i 3 -w 1 -r 1
// The cache is filled in setup and not changed by the benchmark. Each call decodes every cached row it reads
// (scalar code, F16KvCodec) in both variants; only dot / softmax / weightedRowSum differ. -p codec=f32 stores F32
// rows instead. GFLOP/s counts 2 flops per multiply-add of QK^T and of PV: 4 * heads * headDim * queries * keys.
package org.ternsim.kernels.bench;

import java.util.Random;
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
import org.ternsim.kernels.nn.Attention;
import org.ternsim.kernels.nn.AttentionShape;
import org.ternsim.kernels.nn.F16KvCodec;
import org.ternsim.kernels.nn.F32KvCodec;
import org.ternsim.kernels.nn.KvCache;
import org.ternsim.kernels.nn.NnOps;
import org.ternsim.kernels.nn.ScalarNnOps;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class AttentionBench {

    /** {@code 2b4t-decode-<context>}: one query token; {@code flux-joint-<tokens>}: all tokens attend to all. */
    @Param({"2b4t-decode-512", "2b4t-decode-4096", "flux-joint-256"})
    public String workload;

    /** {@code scalar} (ScalarNnOps), or {@code panama}: NnOps.selected() (preferred width unless forced). */
    @Param({"scalar", "panama"})
    public String kernel;

    /** KV row format: {@code f16} (the 2B4T cache), or {@code f32} to see what the per-call F16 decoding costs. */
    @Param({"f16"})
    public String codec;

    private Attention attention;
    private KvCache cache;
    private float[] q;
    private float[] out;
    private int queries;
    private boolean causal;

    @Setup
    public void setUp() {
        int dash = workload.lastIndexOf('-');
        int length = Integer.parseInt(workload.substring(dash + 1));
        AttentionShape shape;
        if (workload.startsWith("2b4t-decode-")) {
            shape = AttentionShape.bitnet2b4t();
            queries = 1;
            causal = true;
        } else if (workload.startsWith("flux-joint-")) {
            shape = AttentionShape.flux();
            queries = length;
            causal = false;
        } else {
            throw new IllegalArgumentException("unknown workload " + workload);
        }
        Random random = new Random(1);
        cache = new KvCache(shape.kvHeads(), shape.headDim(), length,
            codec.equals("f32") ? new F32KvCodec() : new F16KvCodec());
        float[] k = new float[shape.kvWidth()];
        float[] v = new float[shape.kvWidth()];
        for (int t = 0; t < length; t++) {
            fill(random, k);
            fill(random, v);
            cache.append(k, 0, v, 0);
        }
        q = new float[queries * shape.queryWidth()];
        fill(random, q);
        out = new float[q.length];
        NnOps ops = kernel.equals("scalar") ? new ScalarNnOps() : NnOps.selected();
        if (!kernel.equals("scalar") && ops.name().equals("scalar")) {
            throw new IllegalStateException("the Vector API kernel did not load");
        }
        attention = new Attention(ops, shape);
        System.out.println("kernel " + ops.name() + ", " + shape + ", cache " + cache.length() + " x "
            + cache.codec().name());
    }

    private static void fill(Random random, float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
    }

    @Benchmark
    public float[] attention() {
        if (queries == 1) {
            attention.decode(q, 0, cache, out, 0);
        } else {
            attention.prefill(q, 0, queries, cache, causal, out, 0);
        }
        return out;
    }
}
