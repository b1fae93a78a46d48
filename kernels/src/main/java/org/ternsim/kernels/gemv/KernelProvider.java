// Chooses the I2_S GEMV once per JVM: the Vector API kernel when jdk.incubator.vector is present, else the scalar one.
package org.ternsim.kernels.gemv;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

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
    private static final String PANAMA_CLASS = "org.ternsim.kernels.gemv.PanamaI2sGemv";

    private KernelProvider() {
    }

    /** The selected I2_S GEMV, shared and stateless. */
    public static I2sGemv i2sGemv() {
        if (Holder.FAILURE != null) {
            throw new IllegalStateException(Holder.FAILURE);
        }
        return Holder.GEMV;
    }

    /** The selected kernel for run metadata, e.g. {@code panama/256-bit} or {@code scalar}. */
    public static String describe() {
        return i2sGemv().name();
    }

    /** Initialised on first use, which also avoids class-loading deadlocks at start-up. */
    private static final class Holder {
        static final I2sGemv GEMV;
        static final String FAILURE;

        static {
            I2sGemv gemv = null;
            String failure = null;
            try {
                gemv = select(System.getProperty(KERNELS_PROPERTY), System.getProperty(BITS_PROPERTY));
            } catch (IllegalArgumentException | IllegalStateException e) {
                failure = e.getMessage();
            }
            GEMV = gemv;
            FAILURE = failure;
        }
    }

    /** The selection rule, with the two properties passed in (null when unset). */
    static I2sGemv select(String kernels, String vectorBits) {
        int bits = parseBits(vectorBits);
        String choice = kernels == null ? "auto" : kernels.trim().toLowerCase(Locale.ROOT);
        switch (choice) {
            case "scalar":
                return new ScalarI2sGemv();
            case "panama":
                return loadPanama(bits);
            case "auto":
                try {
                    return loadPanama(bits);
                } catch (IllegalStateException e) {
                    System.err.println("WARNING: TernSim uses the scalar I2_S kernel (" + e.getMessage() + ")");
                    return new ScalarI2sGemv();
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

    private static I2sGemv loadPanama(int bits) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("jdk.incubator.vector is not in the boot layer; "
                    + "run java with --add-modules jdk.incubator.vector");
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle factory = lookup.findStatic(lookup.findClass(PANAMA_CLASS), "forBits",
                    MethodType.methodType(I2sGemv.class, int.class));
            return (I2sGemv) factory.invokeExact(bits);
        } catch (Throwable e) { // invokeExact declares Throwable; linkage errors land here too
            throw new IllegalStateException("the Vector API kernel did not load: " + e, e);
        }
    }
}
