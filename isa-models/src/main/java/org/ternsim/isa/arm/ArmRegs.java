// AArch64 register factories and the lane geometry of each SIMD&FP register view.
package org.ternsim.isa.arm;

import java.util.Locale;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Reg.RegClass;

public final class ArmRegs {

    private ArmRegs() {
    }

    public static Reg x(int i) {
        return new Reg(RegClass.X, i);
    }

    public static Reg w(int i) {
        return new Reg(RegClass.W, i);
    }

    /** {@code v(3, "16b")} is v3.16b. */
    public static Reg v(int i, String arrangement) {
        return new Reg(arrangementClass(arrangement), i);
    }

    public static Reg q(int i) {
        return new Reg(RegClass.Q, i);
    }

    public static Reg d(int i) {
        return new Reg(RegClass.D, i);
    }

    public static Reg s(int i) {
        return new Reg(RegClass.S, i);
    }

    public static RegClass arrangementClass(String arrangement) {
        return switch (arrangement.toLowerCase(Locale.ROOT)) {
            case "16b" -> RegClass.V16B;
            case "8b" -> RegClass.V8B;
            case "8h" -> RegClass.V8H;
            case "4h" -> RegClass.V4H;
            case "4s" -> RegClass.V4S;
            case "2s" -> RegClass.V2S;
            case "2d" -> RegClass.V2D;
            default -> throw new IllegalArgumentException("unknown arrangement '." + arrangement
                + "' (expected .16b .8b .8h .4h .4s .2s .2d)");
        };
    }

    /** Bytes of one lane (element) of a SIMD&FP view; the whole register for scalar views. */
    public static int laneBytes(RegClass c) {
        return switch (c) {
            case V16B, V8B, B -> 1;
            case V8H, V4H, H -> 2;
            case V4S, V2S, S -> 4;
            case V2D, D -> 8;
            case Q -> 16;
            default -> throw new IllegalArgumentException(c + " is not a SIMD&FP register view");
        };
    }

    /** Parses x0..x30, w0..w30, v0.16b .. v31.2d, q/d/s/h/b0..31; null if the text is not an AArch64 register. */
    public static Reg parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return null;
        }
        try {
            char c = t.charAt(0);
            int dot = t.indexOf('.');
            if (c == 'v' && dot > 1) {
                return v(Integer.parseInt(t.substring(1, dot)), t.substring(dot + 1));
            }
            if (dot >= 0) {
                return null;
            }
            int n = Integer.parseInt(t.substring(1));
            return switch (c) {
                case 'x' -> x(n);
                case 'w' -> w(n);
                case 'q' -> new Reg(RegClass.Q, n);
                case 'd' -> new Reg(RegClass.D, n);
                case 's' -> new Reg(RegClass.S, n);
                case 'h' -> new Reg(RegClass.H, n);
                case 'b' -> new Reg(RegClass.B, n);
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
