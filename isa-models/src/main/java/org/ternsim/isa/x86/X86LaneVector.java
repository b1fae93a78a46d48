// The Vector API forms of X86Resolved's element-wise ops, shifts, byte shuffles, dot products, vfmadd and vcvtph2ps.
package org.ternsim.isa.x86;

import jdk.incubator.vector.ByteVector;

/**
 * The vectorised provider of {@code X86Resolved}'s {@code Binary}, {@code ShiftImm}, {@code ShiftImm32},
 * {@code ShiftVariable}, {@code MaddWd}, {@code MaddUbsW} and {@code DpBusD}, of {@code X86ResolvedShuffle}'s
 * {@code ShuffleBytes} and {@code PermuteBytes}, and of {@code X86ResolvedFloat}'s {@code Fma231} and
 * {@code HalfToFloat}; their scalar loops are the reference and the fallback. Each width and operation is a method
 * of its own in {@link X86Lanes128}, {@link X86Lanes256} or {@link X86Lanes512} (one template), chosen once per
 * decoded instruction: its species is a constant however the JIT compiles it, and its vector code small enough for the
 * JIT to inline whole.
 */
final class X86LaneVector {

    /** The first {@code width} bytes of r from x and y (r may be either of them). */
    interface Form {
        void apply(byte[] x, byte[] y, byte[] r);
    }

    /** r = x shifted by {@code count} (0..15) per 16-bit lane. */
    interface ShiftForm {
        void apply(int count, byte[] x, byte[] r);
    }

    /** The first {@code width} bytes of r from x (r may be x). */
    interface Convert {
        void apply(byte[] x, byte[] r);
    }

    /** A conversion from byte {@code xo} of x into r from byte {@code ro} (a 32-byte form run on a 64-byte half). */
    interface ConvertAt {
        void apply(byte[] x, int xo, byte[] r, int ro);
    }

    /** As {@link Form}, or false with r untouched where the lane function must decide. */
    interface PartialForm {
        boolean apply(byte[] x, byte[] y, byte[] r);
    }

    private X86LaneVector() {
    }

    /**
     * Whether this host's vectors are at least {@code width} bytes wide (16, 32 or 64), so these forms pay. Where they
     * are 32 bytes wide, the 64-byte forms of vpshufb, vfmadd231ps and the conversions run as two halves instead
     * ({@link X86Halves}), which their callers take too.
     */
    static boolean available(int width) {
        return (width == 16 || width == 32 || width == 64) && ByteVector.SPECIES_PREFERRED.vectorByteSize() >= width;
    }

    /** x op y ({@link #available} must hold for the width). */
    static Form binary(X86Resolved.Op op, int width) {
        return switch (width) {
            case 16 -> X86Lanes128.binary(op);
            case 32 -> X86Lanes256.binary(op);
            default -> X86Halves.split(width) ? X86Halves.binary(op) : X86Lanes512.binary(op);
        };
    }

    /** A 16-bit shift by an immediate of 0..15. */
    static ShiftForm shift(X86Resolved.Shift kind, int width) {
        return switch (width) {
            case 16 -> X86Lanes128.shift(kind);
            case 32 -> X86Lanes256.shift(kind);
            default -> X86Halves.split(width) ? X86Halves.shift(kind) : X86Lanes512.shift(kind);
        };
    }

    /** A 32-bit shift by an immediate of 0..31. */
    static ShiftForm shift32(X86Resolved.Shift32 kind, int width) {
        return switch (width) {
            case 16 -> X86Lanes128.shift32(kind);
            case 32 -> X86Lanes256.shift32(kind);
            default -> X86Halves.split(width) ? X86Halves.shift32(kind) : X86Lanes512.shift32(kind);
        };
    }

    /** x shifted per 16-bit lane by the count in the same lane of y (vpsrlvw, vpsllvw, vpsravw). */
    static Form shiftVariable(X86Resolved.VariableShift kind, int width) {
        return switch (width) {
            case 16 -> X86Lanes128.shiftVariable(kind);
            case 32 -> X86Lanes256.shiftVariable(kind);
            default -> X86Halves.split(width) ? X86Halves.shiftVariable(kind) : X86Lanes512.shiftVariable(kind);
        };
    }

    /** vpmaddwd(x, y). */
    static Form maddWords(int width) {
        return switch (width) {
            case 16 -> X86Lanes128::maddWords;
            case 32 -> X86Lanes256::maddWords;
            default -> X86Halves.split(width) ? X86Halves.maddWords() : X86Lanes512::maddWords;
        };
    }

    /** vpmaddubsw(x, y). */
    static Form maddUbs(int width) {
        return switch (width) {
            case 16 -> X86Lanes128::maddUbs;
            case 32 -> X86Lanes256::maddUbs;
            default -> X86Halves.split(width) ? X86Halves.maddUbs() : X86Lanes512::maddUbs;
        };
    }

    /** vpshufb(table x, index y): a byte from the same 16-byte lane, or 0 where the index is negative. */
    static Form shuffleBytes(int width) {
        return switch (width) {
            case 16 -> X86Lanes128::shuffleBytes;
            case 32 -> X86Lanes256::shuffleBytes;
            default -> X86Halves.split(width) ? X86Halves.shuffleBytes() : X86Lanes512::shuffleBytes;
        };
    }

    /** vpunpck{l,h}{bw,wd,dq} of {@code elementBytes}-byte elements (1, 2, 4), the high halves' if {@code high}. */
    static Form unpack(int elementBytes, boolean high, int width) {
        int kind = 2 * Integer.numberOfTrailingZeros(elementBytes) + (high ? 1 : 0);
        return switch (width) {
            case 16 -> (x, y, r) -> X86Lanes128.unpack(kind, x, y, r, 0);
            case 32 -> (x, y, r) -> X86Lanes256.unpack(kind, x, y, r, 0);
            default -> X86Halves.split(width) ? X86Halves.unpack(kind)
                : (x, y, r) -> X86Lanes512.unpack(kind, x, y, r, 0);
        };
    }

    /** vpermb(index x, table y): a byte from anywhere in the register. */
    static Form permuteBytes(int width) {
        return switch (width) {
            case 16 -> X86Lanes128::permuteBytes;
            case 32 -> X86Lanes256::permuteBytes;
            default -> X86Halves.split(width) ? X86Halves::permuteBytes : X86Lanes512::permuteBytes;
        };
    }

    /** vfmadd231ps: r = x * y + r per float lane, false where a lane is a NaN (then the NaN rules decide). */
    static PartialForm fmaWithoutNaN(int width) {
        return switch (width) {
            case 16 -> X86Lanes128::fmaWithoutNaN;
            case 32 -> X86Lanes256::fmaWithoutNaN;
            default -> X86Halves.split(width) ? X86Halves::fmaWithoutNaN : X86Lanes512::fmaWithoutNaN;
        };
    }

    /** vcvtdq2ps on {@code width} bytes. */
    static Convert intToFloat(int width) {
        return switch (width) {
            case 16 -> X86Lanes128::intToFloat;
            case 32 -> X86Lanes256::intToFloat;
            default -> X86Halves.split(width) ? X86Halves.convert(X86Lanes256::intToFloat, 32)
                : X86Lanes512::intToFloat;
        };
    }

    /** vpmovsxbw ({@code signed}) or vpmovzxbw into a {@code width}-byte result. */
    static Convert extendBytesToWords(boolean signed, int width) {
        return switch (width) {
            case 16 -> signed ? X86Lanes128::signExtendBytesToWords : X86Lanes128::zeroExtendBytesToWords;
            case 32 -> signed ? X86Lanes256::signExtendBytesToWords : X86Lanes256::zeroExtendBytesToWords;
            default -> X86Halves.split(width)
                ? X86Halves.convert(
                    signed ? X86Lanes256::signExtendBytesToWords : X86Lanes256::zeroExtendBytesToWords, 16)
                : signed ? X86Lanes512::signExtendBytesToWords : X86Lanes512::zeroExtendBytesToWords;
        };
    }

    /** vpmovsxwd ({@code signed}) or vpmovzxwd into a {@code width}-byte result. */
    static Convert extendWordsToDwords(boolean signed, int width) {
        return switch (width) {
            case 16 -> signed ? X86Lanes128::signExtendWordsToDwords : X86Lanes128::zeroExtendWordsToDwords;
            case 32 -> signed ? X86Lanes256::signExtendWordsToDwords : X86Lanes256::zeroExtendWordsToDwords;
            default -> X86Halves.split(width)
                ? X86Halves.convert(
                    signed ? X86Lanes256::signExtendWordsToDwords : X86Lanes256::zeroExtendWordsToDwords, 16)
                : signed ? X86Lanes512::signExtendWordsToDwords : X86Lanes512::zeroExtendWordsToDwords;
        };
    }

    /** vcvtph2ps: {@code width} / 4 halves of x as floats. */
    static Convert halfToFloat(int width) {
        return switch (width) {
            case 16 -> X86Lanes128::halfToFloat;
            case 32 -> X86Lanes256::halfToFloat;
            default -> X86Halves.split(width) ? X86Halves.convert(X86Lanes256::halfToFloat, 16)
                : X86Lanes512::halfToFloat;
        };
    }

    /** r += the four u8 (x) times s8 (y) products of each 32-bit lane, wrapping (vpdpbusd). */
    static Form dotBytes(int width) {
        return switch (width) {
            case 16 -> X86Lanes128::dotBytes;
            case 32 -> X86Lanes256::dotBytes;
            default -> X86Halves.split(width) ? X86Halves.dotBytes() : X86Lanes512::dotBytes;
        };
    }
}
