// The parsed header of a GGUF file: version, metadata in file order, tensor infos and where the data starts.
package org.ternsim.kernels.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything in a GGUF file except the tensor data, which {@link GgufReader} reads on demand.
 *
 * @param version    format version, 2 or 3
 * @param metadata   key-value pairs in file order; unmodifiable
 * @param tensors    tensor infos in file order; unmodifiable
 * @param dataOffset absolute file offset of the data section (tensor offsets count from here)
 */
public record GgufFile(int version, Map<String, GgufValue> metadata, List<GgufTensorInfo> tensors, long dataOffset) {

    /** Alignment when {@code general.alignment} is absent. */
    public static final int DEFAULT_ALIGNMENT = 32;
    public static final String ALIGNMENT_KEY = "general.alignment";
    public static final String ARCHITECTURE_KEY = "general.architecture";

    public GgufFile {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
    }

    /** The value of {@code key}, if present. */
    public Optional<GgufValue> get(String key) {
        return Optional.ofNullable(metadata.get(key));
    }

    /** {@code general.alignment}, or 32. */
    public long alignment() {
        return get(ALIGNMENT_KEY).map(GgufValue::asLong).orElse((long) DEFAULT_ALIGNMENT);
    }

    /** {@code general.architecture} if present and a string. */
    public Optional<String> architecture() {
        return get(ARCHITECTURE_KEY).filter(v -> v instanceof GgufValue.Str).map(GgufValue::asString);
    }

    /** The tensor called {@code name}, if present. */
    public Optional<GgufTensorInfo> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Absolute file offset of a tensor's first byte. */
    public long absoluteOffset(GgufTensorInfo t) {
        return dataOffset + t.offset();
    }
}
