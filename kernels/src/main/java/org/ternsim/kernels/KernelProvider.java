// Chooses each kernel family's implementation once per JVM: Vector API when jdk.incubator.vector is present, else scalar.
package org.ternsim.kernels;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Start-up kernel selection in the manner of Lucene's {@code VectorizationProvider}. The Panama kernel is used
 * when {@code jdk.incubator.vector} is in the boot layer and loads; otherwise the scalar reference, with one
 * warning on stderr. It is loaded reflectively, so this class and its callers never link incubator types.
 *
 * <p>System properties: {@code ternsim.kernels=scalar|panama} forces a kernel (a forced {@code panama} that cannot
 * load is an error, not a fallback); {@code ternsim.vectorBits=128|256|512} picks the vector width (default: the
 * platform's preferred width).
 */
public final class KernelProvider {

    static final String KERNELS_PROPERTY = "ternsim.kernels";
    static final String BITS_PROPERTY = "ternsim.vectorBits";
    private static final Map<Class<?>, Object> SELECTED = new ConcurrentHashMap<>();
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private KernelProvider() {
    }

    /**
     * The implementation of kernel family {@code type} for this JVM, chosen once: the Vector API class
     * {@code panamaClass} (which must have {@code public static T forBits(int bits)}, 0 meaning the preferred width)
     * or the scalar reference. Each family calls this from its own accessor, so adding a family touches no shared code.
     */
    public static <T> T select(Class<T> type, String panamaClass, Supplier<T> scalar) {
        return type.cast(SELECTED.computeIfAbsent(type, t -> choose(type, panamaClass, scalar,
            System.getProperty(KERNELS_PROPERTY), System.getProperty(BITS_PROPERTY))));
    }

    /** The selection rule, with the two properties passed in (null when unset). */
    static <T> T choose(Class<T> type, String panamaClass, Supplier<T> scalar, String kernels, String vectorBits) {
        int bits = parseBits(vectorBits);
        String choice = kernels == null ? "auto" : kernels.trim().toLowerCase(Locale.ROOT);
        switch (choice) {
            case "scalar":
                return scalar.get();
            case "panama":
                return loadPanama(type, panamaClass, bits);
            case "auto":
                try {
                    return loadPanama(type, panamaClass, bits);
                } catch (IllegalStateException e) {
                    if (WARNED.compareAndSet(false, true)) {
                        System.err.println("WARNING: TernSim uses its scalar kernels (" + e.getMessage() + ")");
                    }
                    return scalar.get();
                }
            default:
                throw new IllegalArgumentException("-D" + KERNELS_PROPERTY + " must be scalar or panama, got '"
                        + kernels + "'");
        }
    }

    private static int parseBits(String vectorBits) {
        if (vectorBits == null) {
            return 0;
        }
        switch (vectorBits.trim()) {
            case "128":
            case "256":
            case "512":
                return Integer.parseInt(vectorBits.trim());
            default:
                throw new IllegalArgumentException("-D" + BITS_PROPERTY + " must be 128, 256 or 512, got '"
                        + vectorBits + "'");
        }
    }

    private static <T> T loadPanama(Class<T> type, String panamaClass, int bits) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("jdk.incubator.vector is not in the boot layer; "
                    + "run java with --add-modules jdk.incubator.vector");
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle factory = lookup.findStatic(Class.forName(panamaClass), "forBits",
                    MethodType.methodType(type, int.class));
            return type.cast(factory.invoke(bits));
        } catch (Throwable e) { // invoke declares Throwable; linkage errors land here too
            throw new IllegalStateException("the Vector API kernel " + panamaClass + " did not load: " + e, e);
        }
    }
}
