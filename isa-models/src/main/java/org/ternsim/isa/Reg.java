// An architectural register of a modelled ISA, and the dependency id the timing model tracks it by.
package org.ternsim.isa;

import java.util.Locale;

public record Reg(RegClass cls, int index) implements Operand {

    /** Register classes; vector views (xmm/ymm/zmm) of one index share storage, as do r64/r32 views. */
    public enum RegClass {
        R64(8), R32(4), XMM(16), YMM(32), ZMM(64), K(8),
        // AArch64: X/W general registers; V by arrangement; Q/D/S/H/B scalar views of the SIMD&FP registers.
        X(8), W(4), V16B(16), V8B(8), V8H(16), V4H(8), V4S(16), V2S(8), V2D(16), Q(16), D(8), S(4), H(2), B(1);

        private final int bytes;

        RegClass(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }

        public boolean isVector() {
            return this == XMM || this == YMM || this == ZMM || isArmSimd();
        }

        public boolean isGpr() {
            return this == R64 || this == R32 || this == X || this == W;
        }

        /** An AArch64 SIMD&FP register view (v.16b ... v.2d, q, d, s, h, b). */
        public boolean isArmSimd() {
            return ordinal() >= V16B.ordinal();
        }
    }

    /** Dependency ids: 16 GPRs, then 32 vector registers, then 8 mask registers, then the flags. */
    public static final int GPR_BASE = 0;
    public static final int VEC_BASE = 16;
    public static final int MASK_BASE = 48;
    public static final int FLAGS_ID = 56;
    /** AArch64 x16..x30 (x0..x15 share the GPR ids; an ISA's program never mixes both register files). */
    public static final int ARM_GPR_HIGH_BASE = 57;
    public static final int DEPENDENCY_IDS = 72;

    private static final String[] GPR64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] GPR32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
        "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};

    public Reg {
        int limit = switch (cls) {
            case R64, R32 -> 16;
            case XMM, YMM, ZMM -> 32;
            case K -> 8;
            case X, W -> 31;
            default -> 32;
        };
        if (index < 0 || index >= limit) {
            throw new IllegalArgumentException(cls + " register index out of range: " + index);
        }
    }

    public static Reg r64(int i) {
        return new Reg(RegClass.R64, i);
    }

    public static Reg r32(int i) {
        return new Reg(RegClass.R32, i);
    }

    public static Reg xmm(int i) {
        return new Reg(RegClass.XMM, i);
    }

    public static Reg ymm(int i) {
        return new Reg(RegClass.YMM, i);
    }

    public static Reg zmm(int i) {
        return new Reg(RegClass.ZMM, i);
    }

    /** Opmask register k0..k7 (AVX-512). */
    public static Reg k(int i) {
        return new Reg(RegClass.K, i);
    }

    public int dependencyId() {
        return switch (cls) {
            case R64, R32 -> GPR_BASE + index;
            case XMM, YMM, ZMM -> VEC_BASE + index;
            case K -> MASK_BASE + index;
            case X, W -> index < 16 ? GPR_BASE + index : ARM_GPR_HIGH_BASE + index - 16;
            default -> VEC_BASE + index;
        };
    }

    public String name() {
        return switch (cls) {
            case R64 -> GPR64[index];
            case R32 -> GPR32[index];
            case XMM -> "xmm" + index;
            case YMM -> "ymm" + index;
            case ZMM -> "zmm" + index;
            case K -> "k" + index;
            case X -> "x" + index;
            case W -> "w" + index;
            case Q, D, S, H, B -> cls.name().toLowerCase(Locale.ROOT) + index;
            default -> "v" + index + "." + cls.name().substring(1).toLowerCase(Locale.ROOT);
        };
    }

    /** Parses a register name such as {@code rsi}, {@code r9d}, {@code ymm15}; returns null if it is not one. */
    public static Reg parse(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < 16; i++) {
            if (GPR64[i].equals(s)) {
                return r64(i);
            }
            if (GPR32[i].equals(s)) {
                return r32(i);
            }
        }
        for (RegClass c : new RegClass[] {RegClass.XMM, RegClass.YMM, RegClass.ZMM, RegClass.K}) {
            String prefix = c.name().toLowerCase(Locale.ROOT);
            if (s.startsWith(prefix) && s.length() > prefix.length()) {
                try {
                    return new Reg(c, Integer.parseInt(s.substring(prefix.length())));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public String kind() {
        return cls.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name();
    }
}
