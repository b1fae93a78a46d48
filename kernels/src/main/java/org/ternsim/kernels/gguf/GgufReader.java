// Reads a GGUF v2/v3 file: the header eagerly and checked, tensor data on demand; damage -> GgufFormatException.
package org.ternsim.kernels.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.lut.TlFileLayout;
import org.ternsim.kernels.lut.TlKernelConfig;
import org.ternsim.kernels.quant.TernaryWeights;

/**
 * An open GGUF file (ggml {@code docs/gguf.md}, {@code gguf.cpp}): magic {@code GGUF}, uint32 version (2 or 3),
 * uint64 tensor count, uint64 metadata count, the key-value pairs, the tensor infos (name, uint32 n_dims, uint64
 * dims, uint32 ggml type, uint64 offset), padding to {@code general.alignment}, then the data section.
 *
 * <p>Every length and count is checked against the bytes the file has left before anything is allocated, and the
 * whole header is validated when the file is opened (alignment a power of two, at most 4 dimensions, known types,
 * whole blocks, tensors aligned, inside the file and not overlapping), so a damaged file fails at open with a
 * {@link GgufFormatException} naming the byte offset. Tensor offsets need not be in file order (older writers).
 *
 * <p>Heap use is proportional to the file: numeric arrays stay packed; an array of short strings costs about five
 * times its file bytes. Big-endian GGUF (possible since v3) and v1 (32-bit counts) are rejected.
 */
public final class GgufReader implements AutoCloseable {

    /** Longest string accepted; far above any real key, token or chat template. */
    public static final int MAX_STRING_BYTES = 64 << 20;
    /** Deepest array-in-array nesting accepted; ggml itself reads none, the spec allows it. */
    public static final int MAX_ARRAY_DEPTH = 8;
    /** ggml's GGML_MAX_DIMS. */
    public static final int MAX_DIMS = 4;
    private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;
    private static final byte[] MAGIC = {'G', 'G', 'U', 'F'};
    // Least file bytes of one key-value pair (empty key, type, uint8) and one tensor info (empty name, 0 dims).
    private static final int MIN_KV_BYTES = 8 + 4 + 1;
    private static final int MIN_TENSOR_INFO_BYTES = 8 + 4 + 4 + 8;

    private final String name;
    private final SeekableByteChannel channel;
    private final GgufFile file;

    private GgufReader(String name, SeekableByteChannel channel) {
        this.name = name;
        this.channel = channel;
        this.file = new Parser(new GgufCursor(name, channel)).parse();
    }

    /** Opens and checks {@code path}; the header is parsed now, tensor data later. */
    public static GgufReader open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        return open(path.toString(), ch);
    }

    /** Opens a channel holding a GGUF file; {@code name} appears in messages. Takes ownership of the channel. */
    public static GgufReader open(String name, SeekableByteChannel channel) {
        try {
            return new GgufReader(name, channel);
        } catch (RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Reads only the header of {@code path}. */
    public static GgufFile read(Path path) throws IOException {
        try (GgufReader r = open(path)) {
            return r.file();
        }
    }

    /** The header: version, metadata, tensor infos, data offset. */
    public GgufFile file() {
        return file;
    }

    /**
     * The bytes of tensor {@code t}, exactly {@code t.byteSize()} of them.
     *
     * @throws IllegalArgumentException if {@code t} is not a tensor of this file or is larger than a Java array
     */
    public byte[] tensorBytes(GgufTensorInfo t) {
        Objects.requireNonNull(t, "t");
        if (!file.tensors().contains(t)) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' is not one of " + name + "'s tensors");
        }
        if (t.byteSize() > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' has " + t.byteSize()
                + " bytes, more than one Java array holds");
        }
        byte[] out = new byte[(int) t.byteSize()];
        ByteBuffer dst = ByteBuffer.wrap(out);
        long from = file.absoluteOffset(t);
        try {
            channel.position(from);
            while (dst.hasRemaining()) {
                if (channel.read(dst) < 0) {
                    throw new GgufFormatException(name, from + dst.position(), "file ends inside tensor '" + t.name()
                        + "' (it changed after it was opened)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": reading tensor '" + t.name() + "' failed", e);
        }
        return out;
    }

    /** The I2_S tensor {@code t} in bitnet.cpp's x86 layout (128-value blocks). */
    public I2sWeights i2sWeights(GgufTensorInfo t) {
        return i2sWeights(t, I2sLayout.X86_128);
    }

    /**
     * The I2_S tensor {@code t} as {@link I2sWeights}: M = ne1 rows, K = ne0 columns, the scale from the tail.
     *
     * @throws IllegalArgumentException if {@code t} is not an I2_S tensor of this file
     * @throws GgufFormatException      if its shape or codes are not valid I2_S weights in {@code layout}
     */
    public I2sWeights i2sWeights(GgufTensorInfo t, I2sLayout layout) {
        int[] shape = matrix(t, GgmlType.I2_S);
        byte[] data = tensorBytes(t);
        try {
            return I2sWeights.fromTensorBytes(shape[0], shape[1], layout, data);
        } catch (IllegalArgumentException e) {
            throw new GgufFormatException(name, file.absoluteOffset(t), "i2_s tensor '" + t.name() + "': " + e.getMessage());
        }
    }

    /**
     * The TL1 or TL2 tensor {@code t} as ternary weights, undoing bitnet.cpp's tile permutation for the kernel config
     * it was converted with (the file does not record it, see {@link TlKernelConfig}). The scale is the F32 tensor
     * {@code <name>_scale} the converter writes beside it, else the fp32 in the tensor's tail, where bitnet.cpp's
     * transform reads it.
     */
    public TernaryWeights tlWeights(GgufTensorInfo t, TlKernelConfig config) {
        if (t.type() != GgmlType.TL1 && t.type() != GgmlType.TL2) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' is " + t.type().label() + ", not tl1 or tl2");
        }
        int[] shape = matrix(t, t.type());
        byte[] data = tensorBytes(t);
        long at = file.absoluteOffset(t);
        try {
            float scale = scale(t, data);
            return t.type() == GgmlType.TL1 ? TlFileLayout.decodeTl1(data, shape[0], shape[1], config, scale)
                : TlFileLayout.decodeTl2(data, shape[0], shape[1], config, scale);
        } catch (IllegalArgumentException e) {
            throw new GgufFormatException(name, at, t.type().label() + " tensor '" + t.name() + "': " + e.getMessage());
        }
    }

    private float scale(GgufTensorInfo t, byte[] data) {
        var separate = file.tensor(t.name() + "_scale");
        if (separate.isPresent() && separate.get().type() == GgmlType.F32 && separate.get().byteSize() >= 4) {
            return ByteBuffer.wrap(tensorBytes(separate.get())).order(ByteOrder.LITTLE_ENDIAN).getFloat(0);
        }
        int tail = data.length - GgmlType.SCALE_TAIL_BYTES;
        if (tail < 0) {
            throw new IllegalArgumentException("no scale: neither a '" + t.name() + "_scale' tensor nor a tail");
        }
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getFloat(tail);
    }

    /** {rows, cols} of a matrix tensor [K, M] of {@code type}, or a located error. */
    private int[] matrix(GgufTensorInfo t, GgmlType type) {
        if (t.type() != type) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' is " + t.type().label() + ", not "
                + type.label());
        }
        long[] dims = t.dims();
        long at = file.absoluteOffset(t);
        for (int i = 2; i < dims.length; i++) {
            if (dims[i] != 1) {
                throw new GgufFormatException(name, at, type.label() + " tensor '" + t.name() + "' has shape "
                    + t.shape() + "; expected a matrix [K, M]");
            }
        }
        long cols = dims.length > 0 ? dims[0] : 1;
        long rows = dims.length > 1 ? dims[1] : 1;
        if (cols > Integer.MAX_VALUE || rows > Integer.MAX_VALUE) {
            throw new GgufFormatException(name, at, type.label() + " tensor '" + t.name() + "' has shape " + t.shape()
                + "; expected dimensions below 2^31");
        }
        return new int[] {(int) rows, (int) cols};
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** One pass over the header. */
    private static final class Parser {
        private final GgufCursor in;

        Parser(GgufCursor in) {
            this.in = in;
        }

        GgufFile parse() {
            byte[] magic = in.bytes(Math.toIntExact(Math.min(4, in.remaining())), "magic");
            if (magic.length < 4 || !java.util.Arrays.equals(magic, MAGIC)) {
                throw in.fail(0, "expected magic 'GGUF' (47 47 55 46), found " + printable(magic)
                    + (magic.length < 4 ? " (file has " + magic.length + " bytes)" : ""));
            }
            long version = in.u32("version");
            checkVersion(version);
            long tensorCount = count(in.i64("tensor count"), MIN_TENSOR_INFO_BYTES, "tensor infos", "tensor count");
            long kvCount = count(in.i64("metadata count"), MIN_KV_BYTES, "metadata pairs", "metadata count");

            Map<String, GgufValue> metadata = new LinkedHashMap<>();
            long alignmentAt = -1;
            for (long i = 0; i < kvCount; i++) {
                long keyAt = in.position();
                String key = string("metadata key " + i);
                if (metadata.containsKey(key)) {
                    throw in.fail(keyAt, "duplicate metadata key '" + key + "'");
                }
                long typeAt = in.position();
                GgufValueType type = valueType(in.u32("value type of '" + key + "'"), typeAt, "'" + key + "'");
                if (key.equals(GgufFile.ALIGNMENT_KEY)) {
                    alignmentAt = in.position();
                }
                metadata.put(key, value(type, key, 0));
            }
            long alignment = alignment(metadata.get(GgufFile.ALIGNMENT_KEY), alignmentAt);

            List<GgufTensorInfo> tensors = new ArrayList<>((int) Math.min(tensorCount, 1024));
            List<Long> offsetFieldAt = new ArrayList<>((int) Math.min(tensorCount, 1024));
            Set<String> names = new HashSet<>();
            for (long i = 0; i < tensorCount; i++) {
                long nameAt = in.position();
                String tname = string("name of tensor " + i);
                if (!names.add(tname)) {
                    throw in.fail(nameAt, "duplicate tensor name '" + tname + "'");
                }
                long dimsAt = in.position();
                long nDims = in.u32("dimension count of '" + tname + "'");
                if (nDims > MAX_DIMS) {
                    throw in.fail(dimsAt, "tensor '" + tname + "' has " + nDims + " dimensions; expected at most "
                        + MAX_DIMS);
                }
                long[] dims = new long[(int) nDims];
                for (int d = 0; d < nDims; d++) {
                    dims[d] = in.i64("dimension " + d + " of '" + tname + "'");
                    if (dims[d] < 0) {
                        throw in.fail(in.position() - 8, "tensor '" + tname + "' dimension " + d + " is "
                            + Long.toUnsignedString(dims[d]) + "; expected less than 2^63");
                    }
                }
                long typeAt = in.position();
                long typeId = in.u32("ggml type of '" + tname + "'");
                GgmlType type = GgmlType.fromId(typeId).orElseThrow(() -> in.fail(typeAt, "tensor '" + tname
                    + "' has unknown ggml type id " + typeId + "; expected 0..3 or 6..39"));
                long size;
                try {
                    size = type.byteSize(dims);
                } catch (IllegalArgumentException | ArithmeticException e) {
                    String why = e instanceof ArithmeticException ? "its byte size overflows 64 bits" : e.getMessage();
                    throw in.fail(dimsAt, "tensor '" + tname + "' (" + type.label() + ", " + java.util.Arrays.toString(dims)
                        + ") is invalid: " + why);
                }
                offsetFieldAt.add(in.position());
                long offset = in.i64("data offset of '" + tname + "'");
                tensors.add(new GgufTensorInfo(tname, dims, type, offset, size));
            }
            long dataOffset = alignUp(in.position(), alignment);
            checkPlacement(tensors, offsetFieldAt, dataOffset, alignment);
            return new GgufFile((int) version, metadata, tensors, dataOffset);
        }

        private void checkVersion(long version) {
            if (version == 2 || version == 3) {
                return;
            }
            String why;
            if (version == 1) {
                why = "GGUF version 1 (32-bit counts) is not supported; expected 2 or 3";
            } else if (version != 0 && (version & 0xFFFF) == 0) {
                why = "version field 0x" + Long.toHexString(version) + " looks byte-swapped: big-endian GGUF is not"
                    + " supported; expected version 2 or 3, little-endian";
            } else {
                why = "unsupported GGUF version " + version + "; expected 2 or 3";
            }
            throw in.fail(4, why);
        }

        // A count that cannot exceed what the rest of the file could hold at minBytes per item.
        private long count(long n, int minBytes, String items, String what) {
            long at = in.position() - 8;
            if (n < 0 || n > in.remaining() / minBytes) {
                throw in.fail(at, what + " " + Long.toUnsignedString(n) + " is impossible: " + items + " take at least "
                    + minBytes + " bytes each and only " + in.remaining() + " bytes remain");
            }
            return n;
        }

        private GgufValueType valueType(long id, long at, String of) {
            return GgufValueType.fromId(id).orElseThrow(() -> in.fail(at, "unknown metadata value type " + id
                + " for " + of + "; expected 0..12"));
        }

        private String string(String what) {
            long at = in.position();
            long len = in.i64("length of " + what);
            if (len < 0 || len > in.remaining()) {
                throw in.fail(at, "length of " + what + " is " + Long.toUnsignedString(len) + " bytes but only "
                    + in.remaining() + " bytes remain");
            }
            if (len > MAX_STRING_BYTES) {
                throw in.fail(at, "length of " + what + " is " + len + " bytes; expected at most " + MAX_STRING_BYTES);
            }
            return new String(in.bytes((int) len, what), StandardCharsets.UTF_8);
        }

        private GgufValue value(GgufValueType type, String key, int depth) {
            if (type == GgufValueType.STRING) {
                return new GgufValue.Str(string("string value of '" + key + "'"));
            }
            if (type == GgufValueType.ARRAY) {
                return array(key, depth + 1);
            }
            long at = in.position();
            byte[] raw = in.bytes(type.minBytes(), type.label() + " value of '" + key + "'");
            checkBools(type, raw, at, key);
            return new PackedList(type, raw).get(0);
        }

        private GgufValue array(String key, int depth) {
            long at = in.position();
            if (depth > MAX_ARRAY_DEPTH) {
                throw in.fail(at, "arrays in '" + key + "' nest deeper than " + MAX_ARRAY_DEPTH + " levels");
            }
            GgufValueType type = valueType(in.u32("array element type of '" + key + "'"), at, "array '" + key + "'");
            long countAt = in.position();
            long n = in.i64("array length of '" + key + "'");
            if (n < 0 || n > in.remaining() / type.minBytes()) {
                throw in.fail(countAt, "array '" + key + "' claims " + Long.toUnsignedString(n) + " " + type.label()
                    + " elements, at least " + type.minBytes() + " bytes each, but only " + in.remaining()
                    + " bytes remain");
            }
            if (type.isFixedSize()) {
                long bytes = n * type.minBytes();
                if (bytes > MAX_ARRAY_BYTES) {
                    throw in.fail(countAt, "array '" + key + "' has " + bytes + " bytes; expected at most "
                        + MAX_ARRAY_BYTES);
                }
                long dataAt = in.position();
                byte[] raw = in.bytes((int) bytes, "elements of '" + key + "'");
                checkBools(type, raw, dataAt, key);
                return new GgufValue.Array(type, new PackedList(type, raw));
            }
            if (n > MAX_ARRAY_BYTES) {
                throw in.fail(countAt, "array '" + key + "' has " + n + " elements; expected at most " + MAX_ARRAY_BYTES);
            }
            List<GgufValue> elements = new ArrayList<>((int) Math.min(n, 4096));
            for (long i = 0; i < n; i++) {
                elements.add(value(type, key, depth));
            }
            return new GgufValue.Array(type, elements);
        }

        private void checkBools(GgufValueType type, byte[] raw, long at, String key) {
            if (type != GgufValueType.BOOL) {
                return;
            }
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] != 0 && raw[i] != 1) {
                    throw in.fail(at + i, "bool in '" + key + "' is " + (raw[i] & 0xFF) + "; expected 0 or 1");
                }
            }
        }

        private long alignment(GgufValue v, long at) {
            if (v == null) {
                return GgufFile.DEFAULT_ALIGNMENT;
            }
            if (v.type() != GgufValueType.UINT32) {
                throw in.fail(at, GgufFile.ALIGNMENT_KEY + " is " + v.type().label() + "; expected uint32");
            }
            long a = v.asLong();
            if (a == 0 || (a & (a - 1)) != 0) {
                throw in.fail(at, GgufFile.ALIGNMENT_KEY + " is " + a + "; expected a power of two");
            }
            return a;
        }

        // Aligned, inside the file, and disjoint; offsets count from the data section.
        private void checkPlacement(List<GgufTensorInfo> tensors, List<Long> offsetAt, long dataOffset, long align) {
            long dataBytes = in.size() - dataOffset;
            for (int i = 0; i < tensors.size(); i++) {
                GgufTensorInfo t = tensors.get(i);
                long at = offsetAt.get(i);
                if (t.offset() < 0 || t.offset() % align != 0) {
                    throw in.fail(at, "tensor '" + t.name() + "' data offset " + Long.toUnsignedString(t.offset())
                        + " is not a multiple of the alignment " + align);
                }
                if (t.byteSize() > 0 && (dataBytes < 0 || t.offset() > dataBytes
                        || t.byteSize() > dataBytes - t.offset())) {
                    throw in.fail(at, "tensor '" + t.name() + "' data [" + t.offset() + ", +" + t.byteSize()
                        + " bytes) lies outside the data section, which starts at byte " + dataOffset + " and holds "
                        + Math.max(0, dataBytes) + " bytes");
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < tensors.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingLong(i -> tensors.get(i).offset()));
            for (int k = 1; k < order.size(); k++) {
                GgufTensorInfo prev = tensors.get(order.get(k - 1));
                GgufTensorInfo t = tensors.get(order.get(k));
                if (prev.offset() + prev.byteSize() > t.offset() && t.byteSize() > 0) {
                    throw in.fail(offsetAt.get(order.get(k)), "tensor '" + t.name() + "' data at offset " + t.offset()
                        + " overlaps tensor '" + prev.name() + "' [" + prev.offset() + ", "
                        + (prev.offset() + prev.byteSize()) + ")");
                }
            }
        }

        private static long alignUp(long x, long align) {
            return (x + align - 1) / align * align;
        }

        private static String printable(byte[] b) {
            StringBuilder s = new StringBuilder("'");
            for (byte c : b) {
                s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
            }
            StringBuilder hex = new StringBuilder();
            for (byte c : b) {
                hex.append(hex.length() == 0 ? "" : " ").append(String.format("%02x", c & 0xFF));
            }
            return s.append("' (").append(hex).append(')').toString();
        }
    }
}
