// Writes small GGUF v2/v3 files (tests, fixtures, converters): metadata in insertion order, tensors aligned.
package org.ternsim.kernels.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a GGUF file in memory. Tensors are laid out in the order added, each at the next multiple of the
 * alignment; the data section starts at the first aligned offset after the tensor infos, and the file is padded to
 * the alignment at the end, as ggml's writer does. Whatever {@link GgufReader} reads back equals what was put.
 */
public final class GgufWriter {

    private record Tensor(String name, long[] dims, GgmlType type, byte[] data) {
    }

    private final int version;
    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();

    /** A version 3 writer. */
    public GgufWriter() {
        this(3);
    }

    /** A writer for version 2 or 3 (identical little-endian layouts). */
    public GgufWriter(int version) {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("GGUF version must be 2 or 3, got " + version);
        }
        this.version = version;
    }

    /** Sets {@code general.alignment} (a power of two) as a uint32. */
    public GgufWriter alignment(int alignment) {
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two, got " + alignment);
        }
        return put(GgufFile.ALIGNMENT_KEY, GgufValue.u32(alignment));
    }

    /** Adds or replaces a metadata pair; a replaced key keeps its first position. */
    public GgufWriter put(String key, GgufValue value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.equals(GgufFile.ALIGNMENT_KEY) && value.type() != GgufValueType.UINT32) {
            throw new IllegalArgumentException(key + " must be a uint32");
        }
        metadata.put(key, value);
        return this;
    }

    /** Adds a tensor; {@code data} must have exactly {@code type.byteSize(dims)} bytes. Copies nothing. */
    public GgufWriter tensor(String name, GgmlType type, long[] dims, byte[] data) {
        Objects.requireNonNull(name, "name");
        long expected = type.byteSize(dims);
        if (data.length != expected) {
            throw new IllegalArgumentException("tensor '" + name + "' (" + type.label() + " " + Arrays.toString(dims)
                + ") needs " + expected + " bytes, got " + data.length);
        }
        if (dims.length > GgufReader.MAX_DIMS) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + dims.length + " dimensions; at most "
                + GgufReader.MAX_DIMS);
        }
        if (tensors.stream().anyMatch(t -> t.name.equals(name))) {
            throw new IllegalArgumentException("duplicate tensor name '" + name + "'");
        }
        tensors.add(new Tensor(name, dims.clone(), type, data));
        return this;
    }

    /** The file's bytes. */
    public byte[] toByteArray() {
        long alignment = metadata.containsKey(GgufFile.ALIGNMENT_KEY)
            ? metadata.get(GgufFile.ALIGNMENT_KEY).asLong() : GgufFile.DEFAULT_ALIGNMENT;
        LeBytes out = new LeBytes();
        out.raw(new byte[] {'G', 'G', 'U', 'F'});
        out.u32(version);
        out.u64(tensors.size());
        out.u64(metadata.size());
        metadata.forEach((k, v) -> {
            out.string(k);
            out.u32(v.type().id());
            value(out, v);
        });
        long offset = 0;
        for (Tensor t : tensors) {
            out.string(t.name);
            out.u32(t.dims.length);
            for (long d : t.dims) {
                out.u64(d);
            }
            out.u32(t.type.id());
            out.u64(offset);
            offset = pad(offset + t.data.length, alignment);
        }
        out.zeros(pad(out.size(), alignment) - out.size());
        for (Tensor t : tensors) {
            out.raw(t.data);
            out.zeros(pad(t.data.length, alignment) - t.data.length);
        }
        return out.toByteArray();
    }

    /** Writes the file to {@code path}. */
    public void write(Path path) throws IOException {
        Files.write(path, toByteArray());
    }

    private static void value(LeBytes out, GgufValue v) {
        if (v instanceof GgufValue.Int i) {
            switch (i.type()) {
                case UINT8, INT8 -> out.u8((int) i.value());
                case UINT16, INT16 -> out.u16((int) i.value());
                case UINT32, INT32 -> out.u32(i.value());
                default -> out.u64(i.value());
            }
        } else if (v instanceof GgufValue.Real r) {
            if (r.type() == GgufValueType.FLOAT32) {
                out.u32(Float.floatToRawIntBits((float) r.value()));
            } else {
                out.u64(Double.doubleToRawLongBits(r.value()));
            }
        } else if (v instanceof GgufValue.Bool b) {
            out.u8(b.value() ? 1 : 0);
        } else if (v instanceof GgufValue.Str s) {
            out.string(s.value());
        } else if (v instanceof GgufValue.Array a) {
            out.u32(a.elementType().id());
            out.u64(a.elements().size());
            for (GgufValue e : a.elements()) {
                value(out, e);
            }
        }
    }

    private static long pad(long x, long alignment) {
        return (x + alignment - 1) / alignment * alignment;
    }

    /** Little-endian byte sink. */
    private static final class LeBytes extends ByteArrayOutputStream {
        void u8(int v) {
            write(v);
        }

        void u16(int v) {
            write(v);
            write(v >>> 8);
        }

        void u32(long v) {
            for (int i = 0; i < 4; i++) {
                write((int) (v >>> (8 * i)));
            }
        }

        void u64(long v) {
            for (int i = 0; i < 8; i++) {
                write((int) (v >>> (8 * i)));
            }
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            raw(b);
        }

        void raw(byte[] b) {
            write(b, 0, b.length);
        }

        void zeros(long n) {
            for (long i = 0; i < n; i++) {
                write(0);
            }
        }
    }
}
