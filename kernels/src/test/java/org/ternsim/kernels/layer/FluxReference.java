// An independent double-precision transcription of FLUX layers.py / math.py, to check the blocks' dataflow.
package org.ternsim.kernels.layer;

import org.ternsim.kernels.numeric.Bf16;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.quant.TernaryWeights;

/**
 * Written from the PyTorch source, not from the block classes: dense dequantized weights, double arithmetic,
 * {@code Math} functions, its own RoPE tables. It shares with the blocks only the one deliberate rounding of the
 * W1.58A16 model, bf16 Linear inputs, so the two agree up to float-vs-double error (and the odd input that lands on
 * the other side of a bf16 rounding boundary).
 */
final class FluxReference {

    private final FluxConfig c;

    FluxReference(FluxConfig c) {
        this.c = c;
    }

    static double[][] toDouble(float[][] x) {
        double[][] d = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            d[t] = new double[x[t].length];
            for (int i = 0; i < x[t].length; i++) {
                d[t][i] = x[t][i];
            }
        }
        return d;
    }

    double[] linear(FluxLinear l, double[] x) {
        return linear(I2sPacker.unpack(l.weight()), l.bias(), x);
    }

    private static double[] linear(TernaryWeights w, float[] bias, double[] x) {
        double[] y = new double[w.rows()];
        for (int j = 0; j < w.rows(); j++) {
            double s = 0;
            for (int k = 0; k < w.cols(); k++) {
                s += w.trits()[j * w.cols() + k] * (double) Bf16.toFloat(Bf16.fromFloat((float) x[k]));
            }
            y[j] = s * w.scale() + bias[j];
        }
        return y;
    }

    double[][] linear(FluxLinear l, double[][] x) {
        TernaryWeights w = I2sPacker.unpack(l.weight());
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            y[t] = linear(w, l.bias(), x[t]);
        }
        return y;
    }

    /** Modulation: lin(silu(vec)).chunk(n): chunk i is values [i h, (i+1) h). */
    double[][] modulation(FluxLinear l, float[] vec) {
        double[] s = new double[vec.length];
        for (int i = 0; i < vec.length; i++) {
            s[i] = vec[i] / (1 + Math.exp(-vec[i]));
        }
        double[] out = linear(l, s);
        int h = c.hidden();
        double[][] chunks = new double[out.length / h][h];
        for (int i = 0; i < chunks.length; i++) {
            System.arraycopy(out, i * h, chunks[i], 0, h);
        }
        return chunks;
    }

    /** (1 + scale) * LayerNorm(x) + shift. */
    double[][] modulatedNorm(double[][] x, double[] shift, double[] scale) {
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (double v : x[t]) {
                mean += v;
            }
            mean /= x[t].length;
            double var = 0;
            for (double v : x[t]) {
                var += (v - mean) * (v - mean);
            }
            var /= x[t].length;
            out[t] = new double[x[t].length];
            for (int i = 0; i < x[t].length; i++) {
                out[t][i] = (1 + scale[i]) * ((x[t][i] - mean) / Math.sqrt(var + c.layerNormEps())) + shift[i];
            }
        }
        return out;
    }

    /** QKNorm then apply_rope on q (offset 0) and k (offset hidden) of one qkv row, in place. */
    void normRope(double[] row, float[] qScale, float[] kScale, int[] ids) {
        int d = c.headDim();
        int[] axes = c.rope().axesDims();
        for (int base : new int[] {0, c.hidden()}) {
            float[] scale = base == 0 ? qScale : kScale;
            for (int h = 0; h < c.heads(); h++) {
                int off = base + h * d;
                double ms = 0;
                for (int i = 0; i < d; i++) {
                    ms += row[off + i] * row[off + i];
                }
                double r = 1 / Math.sqrt(ms / d + c.qkNormEps());
                for (int i = 0; i < d; i++) {
                    row[off + i] = row[off + i] * r * scale[i];
                }
                // math.py rope(): per axis a, omega_i = 1 / theta^(2i / dim_a); pairs (2p, 2p+1) of the head.
                int p = 0;
                for (int a = 0; a < axes.length; a++) {
                    for (int i = 0; i < axes[a] / 2; i++, p++) {
                        double angle = ids[a] / Math.pow(c.rope().theta(), 2.0 * i / axes[a]);
                        double x0 = row[off + 2 * p];
                        double x1 = row[off + 2 * p + 1];
                        row[off + 2 * p] = Math.cos(angle) * x0 - Math.sin(angle) * x1;
                        row[off + 2 * p + 1] = Math.sin(angle) * x0 + Math.cos(angle) * x1;
                    }
                }
            }
        }
    }

    /** softmax(q k^T / sqrt(d)) v per head over all rows; q, k, v at offsets 0, hidden, 2 hidden. */
    double[][] attention(double[][] qkv) {
        int n = qkv.length;
        int d = c.headDim();
        int hid = c.hidden();
        double[][] out = new double[n][hid];
        for (int h = 0; h < c.heads(); h++) {
            for (int t = 0; t < n; t++) {
                double[] s = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < d; i++) {
                        s[j] += qkv[t][h * d + i] * qkv[j][hid + h * d + i];
                    }
                    s[j] /= Math.sqrt(d);
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < d; i++) {
                        out[t][h * d + i] += s[j] / sum * qkv[j][2 * hid + h * d + i];
                    }
                }
            }
        }
        return out;
    }

    static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    static void gatedAdd(double[][] x, double[] gate, double[][] y) {
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < x[t].length; i++) {
                x[t][i] += gate[i] * y[t][i];
            }
        }
    }

    /** DoubleStreamBlock.forward; returns {img, txt}. */
    double[][][] doubleBlock(FluxDoubleBlockWeights w, float[][] imgIn, float[][] txtIn, float[] vec,
            FluxPositions imgIds, FluxPositions txtIds) {
        double[][] img = toDouble(imgIn);
        double[][] txt = toDouble(txtIn);
        double[][] im = modulation(w.img().mod(), vec);
        double[][] tm = modulation(w.txt().mod(), vec);
        double[][] iq = linear(w.img().qkv(), modulatedNorm(img, im[0], im[1]));
        double[][] tq = linear(w.txt().qkv(), modulatedNorm(txt, tm[0], tm[1]));
        for (int t = 0; t < iq.length; t++) {
            normRope(iq[t], w.img().qScale(), w.img().kScale(), imgIds.of(t));
        }
        for (int t = 0; t < tq.length; t++) {
            normRope(tq[t], w.txt().qScale(), w.txt().kScale(), txtIds.of(t));
        }
        double[][] joint = new double[tq.length + iq.length][];
        System.arraycopy(tq, 0, joint, 0, tq.length);
        System.arraycopy(iq, 0, joint, tq.length, iq.length);
        double[][] attn = attention(joint);
        double[][] txtAttn = java.util.Arrays.copyOfRange(attn, 0, tq.length);
        double[][] imgAttn = java.util.Arrays.copyOfRange(attn, tq.length, attn.length);
        stream(w.img(), img, imgAttn, im);
        stream(w.txt(), txt, txtAttn, tm);
        return new double[][][] {img, txt};
    }

    private void stream(FluxStreamWeights s, double[][] x, double[][] attn, double[][] m) {
        gatedAdd(x, m[2], linear(s.proj(), attn));
        double[][] h = linear(s.mlpIn(), modulatedNorm(x, m[3], m[4]));
        for (double[] row : h) {
            for (int i = 0; i < row.length; i++) {
                row[i] = gelu(row[i]);
            }
        }
        gatedAdd(x, m[5], linear(s.mlpOut(), h));
    }

    /** SingleStreamBlock.forward. */
    double[][] singleBlock(FluxSingleBlockWeights w, float[][] xIn, float[] vec, FluxPositions ids) {
        double[][] x = toDouble(xIn);
        double[][] m = modulation(w.modulation(), vec);
        double[][] fused = linear(w.linear1(), modulatedNorm(x, m[0], m[1]));
        for (int t = 0; t < fused.length; t++) {
            normRope(fused[t], w.qScale(), w.kScale(), ids.of(t));
        }
        double[][] attn = attention(fused);
        int hid = c.hidden();
        double[][] cat = new double[x.length][hid + c.mlpHidden()];
        for (int t = 0; t < x.length; t++) {
            System.arraycopy(attn[t], 0, cat[t], 0, hid);
            for (int i = 0; i < c.mlpHidden(); i++) {
                cat[t][hid + i] = gelu(fused[t][3 * hid + i]);
            }
        }
        gatedAdd(x, m[2], linear(w.linear2(), cat));
        return x;
    }
}
