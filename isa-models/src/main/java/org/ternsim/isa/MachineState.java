// Architectural state of a core: general-purpose, vector and mask registers, flags, program counter, memory.
package org.ternsim.isa;

public final class MachineState {

    public static final int VECTOR_BYTES = 64;

    public final long[] gpr = new long[32];
    public final byte[][] vec = new byte[32][VECTOR_BYTES];
    public final long[] mask = new long[8];
    public boolean zf;
    public boolean sf;
    public boolean cf;
    public boolean of;
    /** Index of the next instruction; branch semantics overwrite it. */
    public int nextPc;
    /** Index a taken branch goes to, resolved from its label by the interpreter. */
    public int branchTarget;
    public final Memory memory;

    public MachineState(Memory memory) {
        this.memory = memory;
    }

    public long effectiveAddress(Operand.Mem m) {
        long a = m.disp();
        if (m.base() != null) {
            a += gpr[m.base().index()];
        }
        if (m.index() != null) {
            a += gpr[m.index().index()] * m.scale();
        }
        return a;
    }

    /** Reads a vector operand (register or memory) of {@code bytes} width into a fresh array. */
    public byte[] readVector(Operand o, int bytes) {
        byte[] out = new byte[bytes];
        if (o instanceof Reg r) {
            System.arraycopy(vec[r.index()], 0, out, 0, bytes);
        } else if (o instanceof Operand.Mem m) {
            memory.read(effectiveAddress(m), out, 0, bytes);
        } else {
            throw new IllegalArgumentException("not a vector operand: " + o);
        }
        return out;
    }

    /**
     * A vector operand's first {@code bytes} bytes for reading only: a register's live array (no copy), or a fresh
     * array read from memory. The caller must neither modify nor keep it, and must finish reading it before it
     * writes any register (the destination may be the same register).
     */
    public byte[] source(Operand o, int bytes) {
        if (o instanceof Reg r) {
            return vec[r.index()];
        }
        return readVector(o, bytes);
    }

    /** Writes a vector register with VEX/EVEX semantics: bytes above the written width become zero. */
    public void writeVector(Reg r, byte[] value) {
        writeVector(r, value, value.length);
    }

    /** Writes the first {@code bytes} bytes of {@code value} to a vector register and zeroes the bytes above them. */
    public void writeVector(Reg r, byte[] value, int bytes) {
        byte[] dst = vec[r.index()];
        System.arraycopy(value, 0, dst, 0, bytes);
        // A copy from a zero block: Arrays.fill of this range took ~5% of a detailed run in JFR profiles (JDK 17).
        System.arraycopy(ZEROS, 0, dst, bytes, VECTOR_BYTES - bytes);
    }

    private static final byte[] ZEROS = new byte[VECTOR_BYTES];

    /** Zeroes the bytes of vector register {@code reg} from {@code bytes} up (the upper part of a VEX/EVEX write). */
    public void clearAbove(int reg, int bytes) {
        byte[] v = vec[reg];
        // Once per vector instruction: eight-byte stores of the usual widths cost a fraction of a variable-length copy
        // (10% of an interpreted I2_S run in JFR profiles).
        switch (bytes) {
            case 64 -> { }
            case 32 -> {
                ZERO_LONGS.set(v, 32, 0L);
                ZERO_LONGS.set(v, 40, 0L);
                ZERO_LONGS.set(v, 48, 0L);
                ZERO_LONGS.set(v, 56, 0L);
            }
            case 16 -> {
                for (int o = 16; o < VECTOR_BYTES; o += 8) {
                    ZERO_LONGS.set(v, o, 0L);
                }
            }
            default -> System.arraycopy(ZEROS, 0, v, bytes, VECTOR_BYTES - bytes);
        }
    }

    private static final java.lang.invoke.VarHandle ZERO_LONGS =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private final byte[] memoryScratch = new byte[VECTOR_BYTES];
    private final byte[] resultScratch = new byte[VECTOR_BYTES];
    private final byte[] destinationScratch = new byte[VECTOR_BYTES];

    /**
     * A buffer this state reuses for a result that must be complete before the destination register is written (a
     * permute or widening form whose destination may also be a source): valid only within one instruction's execution.
     */
    public byte[] resultScratch() {
        return resultScratch;
    }

    /**
     * A second reused buffer, for a destination's old value kept across the instruction that writes it (write masking,
     * which runs the unmasked form in between; that form may use {@link #resultScratch}).
     */
    public byte[] destinationScratch() {
        return destinationScratch;
    }

    /**
     * {@code bytes} bytes of memory at {@code m}'s address, read into a buffer this state reuses: valid only until the
     * next call, for reading only (no allocation per vector memory operand).
     */
    public byte[] memorySource(Operand.Mem m, int bytes) {
        memory.read(effectiveAddress(m), memoryScratch, 0, bytes);
        return memoryScratch;
    }

    /** Reads a GPR, memory or immediate integer operand, sign-extending immediates and zero-extending r32. */
    public long readInt(Operand o) {
        if (o instanceof Reg r) {
            long v = gpr[r.index()];
            return r.cls() == Reg.RegClass.R32 ? v & 0xFFFF_FFFFL : v;
        }
        if (o instanceof Operand.Imm i) {
            return i.value();
        }
        if (o instanceof Operand.Mem m) {
            return memory.readLong(effectiveAddress(m), m.bytes());
        }
        throw new IllegalArgumentException("not an integer operand: " + o);
    }

    /** Writes a GPR; a 32-bit write zero-extends into the 64-bit register, as on x86-64. */
    public void writeInt(Reg r, long value) {
        gpr[r.index()] = r.cls() == Reg.RegClass.R32 ? value & 0xFFFF_FFFFL : value;
    }

    public static short getShort(byte[] b, int lane) {
        return (short) ((b[2 * lane] & 0xFF) | (b[2 * lane + 1] << 8));
    }

    public static void putShort(byte[] b, int lane, int v) {
        b[2 * lane] = (byte) v;
        b[2 * lane + 1] = (byte) (v >>> 8);
    }

    public static int getInt(byte[] b, int lane) {
        int o = 4 * lane;
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | b[o + 3] << 24;
    }

    public static void putInt(byte[] b, int lane, int v) {
        int o = 4 * lane;
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
        b[o + 2] = (byte) (v >>> 16);
        b[o + 3] = (byte) (v >>> 24);
    }

    public static long getLong(byte[] b, int lane) {
        return (getInt(b, 2 * lane) & 0xFFFF_FFFFL) | ((long) getInt(b, 2 * lane + 1) << 32);
    }

    public static void putLong(byte[] b, int lane, long v) {
        putInt(b, 2 * lane, (int) v);
        putInt(b, 2 * lane + 1, (int) (v >>> 32));
    }
}
