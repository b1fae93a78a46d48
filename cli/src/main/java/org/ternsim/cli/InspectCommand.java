// `ternsim inspect <file.gguf>`: header, selected (or all) metadata, tensor table and bytes per type of a GGUF model.
package org.ternsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ternsim.kernels.gguf.GgmlType;
import org.ternsim.kernels.gguf.GgufFile;
import org.ternsim.kernels.gguf.GgufReader;
import org.ternsim.kernels.gguf.GgufTensorInfo;
import org.ternsim.kernels.gguf.GgufValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Show what a GGUF model file holds: format version, metadata (general.* and the architecture's",
        "keys; every key with --all), one line per tensor (name, type, ggml dims ne0 x ne1 ..., bytes, data offset)",
        "and the bytes per tensor type. Reads only the header; a malformed file is reported with its byte offset."})
final class InspectCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<file.gguf>", description = "GGUF v2/v3 model file.")
    Path file;

    @Option(names = "--all", description = "Print every metadata key (tokenizer arrays are summarised).")
    boolean all;

    @Override
    public Integer call() {
        if (!Files.exists(file)) {
            throw new UserError(file + ": file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": not a regular file");
        }
        GgufFile gguf;
        try {
            gguf = GgufReader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        print(out, gguf);
        out.flush();
        return TernSim.OK;
    }

    private void print(PrintWriter out, GgufFile g) {
        long size = sizeOf(file);
        out.printf(Locale.ROOT, "file          %s (%,d bytes)%n", file, size);
        out.printf(Locale.ROOT, "gguf          version %d, %d metadata keys, %d tensors, alignment %d, data at byte %,d%n",
            g.version(), g.metadata().size(), g.tensors().size(), g.alignment(), g.dataOffset());
        out.println(all ? "metadata" : "metadata      (general.* and " + g.architecture().orElse("?") + ".*; --all for every key)");
        String arch = g.architecture().map(a -> a + ".").orElse(null);
        int shown = 0;
        int width = g.metadata().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, GgufValue> e : g.metadata().entrySet()) {
            String k = e.getKey();
            if (all || k.startsWith("general.") || (arch != null && k.startsWith(arch))) {
                out.printf(Locale.ROOT, "  %-" + width + "s  %-7s  %s%n", k, e.getValue().type().label(),
                    e.getValue().display());
                shown++;
            }
        }
        if (shown < g.metadata().size()) {
            out.printf(Locale.ROOT, "  (%d more keys; --all shows them)%n", g.metadata().size() - shown);
        }
        out.println("tensors");
        int nameWidth = Math.max(4, g.tensors().stream().mapToInt(t -> t.name().length()).max().orElse(0));
        out.printf(Locale.ROOT, "  %-" + nameWidth + "s  %-6s  %-22s  %15s  %15s%n", "name", "type", "dims (ne0 x ne1 ...)",
            "bytes", "offset");
        Map<GgmlType, long[]> perType = new EnumMap<>(GgmlType.class);
        long total = 0;
        for (GgufTensorInfo t : g.tensors()) {
            out.printf(Locale.ROOT, "  %-" + nameWidth + "s  %-6s  %-22s  %,15d  %,15d%n", t.name(), t.type().label(),
                t.shape(), t.byteSize(), t.offset());
            long[] acc = perType.computeIfAbsent(t.type(), k -> new long[3]);
            acc[0]++;
            acc[1] += t.byteSize();
            acc[2] += t.elements();
            total += t.byteSize();
        }
        out.println("bytes per type");
        for (Map.Entry<GgmlType, long[]> e : perType.entrySet()) {
            long[] a = e.getValue();
            out.printf(Locale.ROOT, "  %-6s  %5d tensors  %,15d bytes  %5.1f%%  %6.3f bits/value%n", e.getKey().label(),
                a[0], a[1], total == 0 ? 0.0 : 100.0 * a[1] / total, a[2] == 0 ? 0.0 : 8.0 * a[1] / a[2]);
        }
        out.printf(Locale.ROOT, "  %-6s  %5d tensors  %,15d bytes%n", "total", g.tensors().size(), total);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
