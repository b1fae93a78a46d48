// Where one tensor lives in a GGUF file: name, ggml dimensions, type, data offset and size.
package org.ternsim.kernels.gguf;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor info. ggml lists dimensions fastest-varying first: a weight matrix of M output rows and K inputs has
 * {@code dims = [ne0 = K, ne1 = M]}.
 *
 * @param name     tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param dims     ne0, ne1, ... (1 to 4 entries in valid files); copied, never shared
 * @param type     element type
 * @param offset   data offset relative to the start of the data section, as stored in the file
 * @param byteSize bytes of the tensor data, {@link GgmlType#byteSize(long[])}
 */
public record GgufTensorInfo(String name, long[] dims, GgmlType type, long offset, long byteSize) {

    public GgufTensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** Number of values: the product of the dimensions (fits in a long in any file the reader accepted). */
    public long elements() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Dimensions as ggml prints them: {@code 2560 x 640}, ne0 first. */
    public String shape() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            b.append(i == 0 ? "" : " x ").append(dims[i]);
        }
        return b.length() == 0 ? "scalar" : b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t && name.equals(t.name) && Arrays.equals(dims, t.dims) && type == t.type
            && offset == t.offset && byteSize == t.byteSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(dims), type, offset, byteSize);
    }

    @Override
    public String toString() {
        return "GgufTensorInfo[" + name + ", " + type.label() + " " + Arrays.toString(dims) + ", offset " + offset
            + ", " + byteSize + " bytes]";
    }
}
