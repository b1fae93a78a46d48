// The per-pc resolved forms (X86Resolved) against the generic semantics: same registers and memory after every form.
package org.ternsim.isa.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.Machine;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;
import org.ternsim.isa.VectorWarmup;

class X86ResolvedTest {

    private static final List<String> BINARY = List.of("vpand", "vpandn", "vpor", "vpxor", "vpaddb", "vpsubb", "vpaddw",
        "vpsubw", "vpmaddubsw", "vpandd", "vpxorq", "vpaddd", "vpsubd", "vpaddq", "vpmaddwd", "vpdpbusd", "vpshufb", "vpermb",
        "vpunpcklbw", "vpunpckhbw", "vpunpcklwd", "vpunpckhwd", "vpunpckldq", "vpunpckhdq");
    private static final List<String> SHIFTS = List.of("vpsrlw", "vpsllw", "vpsraw");
    private static final List<String> VARIABLE_SHIFTS = List.of("vpsrlvw", "vpsllvw", "vpsravw");
    /** 16-bit shift counts around the lane width, and far beyond it (only the whole unsigned lane counts). */
    private static final int[] COUNTS = {0, 1, 7, 14, 15, 16, 17, 255, 256, 0x8000, 0xFFFF};
    private static final List<String> MOVES = List.of("vmovdqu", "vmovdqa", "vmovdqu8", "vmovdqu64");
    private static final List<String> SHIFTS32 = List.of("vpslld", "vpsrld", "vpsrad");
    /** 32-bit shift counts: 0, 1, around the lane width and far beyond it; 257 is 1 (only the count byte counts). */
    private static final int[] COUNTS32 = {0, 1, 15, 31, 32, 33, 200, 255, 257};
    /** Sign and zero extensions, each reading {@link #widenedFrom} source bytes. */
    private static final List<String> EXTENDS = List.of("vpmovsxbw", "vpmovsxbd", "vpmovsxwd", "vpmovzxbw", "vpmovzxbd",
        "vpmovzxwd");
    /** 32-bit lanes at the ends of the byte, word and dword ranges, for the shifts and widenings. */
    private static final int[] EDGE_LANES = {0, 1, -1, 0x7FFF_FFFF, 0x8000_0000, 0x80, 0x7F, 0xFF, 0x8000, 0x7FFF,
        0xFFFF, 0x8080_8080, 0x7F7F_7F7F, 0x00FF_00FF, 0xFF00_FF00, 0x8000_8000, 0x7FFF_7FFF};
    /** Bytes that exercise carries, borrows and saturation in every lane position. */
    private static final byte[] EDGE = {0, -1, 0x7F, (byte) 0x80, (byte) 0xFF, 1, (byte) 0xFE, 0x40};

    /** Both paths of each form: the eight-byte loops, then the Vector API forms (where this host's vectors serve). */
    @Test
    void resolvedFormsMatchTheGenericSemantics() {
        try {
            for (boolean vectors : new boolean[] {false, true}) {
                VectorWarmup.force(vectors);
                resolvedFormsMatchTheGenericSemanticsOnce();
            }
        } finally {
            VectorWarmup.force(false);
        }
    }

    private void resolvedFormsMatchTheGenericSemanticsOnce() {
        Random random = new Random(7);
        for (int trial = 0; trial < 400; trial++) {
            long seed = random.nextLong();
            for (String m : BINARY) {
                for (int width : new int[] {16, 32, 64}) {
                    int d = random.nextInt(4);
                    int a = random.nextInt(4);
                    boolean memory = random.nextBoolean();
                    Operand b = memory ? null : reg(width, random.nextInt(4));
                    check(seed, m, width, machine -> new Operand[] {reg(width, d), reg(width, a),
                        b != null ? b : machine.mem(64, width)});
                }
            }
            for (String m : SHIFTS) {
                for (int width : new int[] {16, 32, 64}) {
                    int d = random.nextInt(4);
                    int a = random.nextInt(4);
                    long count = random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(17);
                    boolean memory = random.nextInt(4) == 0;
                    check(seed, m, width, machine -> new Operand[] {reg(width, d),
                        memory ? machine.mem(128, width) : reg(width, a), new Operand.Imm(count)});
                }
            }
            for (int width : new int[] {16, 32, 64}) {
                int d = random.nextInt(4);
                int a = random.nextInt(4);
                int c = random.nextInt(4);
                boolean memory = random.nextBoolean();
                check(seed, "vfmadd231ps", width, machine -> new Operand[] {reg(width, d), reg(width, a),
                    memory ? machine.mem(64, width) : reg(width, c)});
                check(seed, "vbroadcasti128", width, machine -> new Operand[] {reg(width, d), machine.mem(64, 16)});
                check(seed, "vbroadcasti32x4", width, machine -> new Operand[] {reg(width, d), machine.mem(80, 16)});
                if (width >= 32) {
                    check(seed, "vbroadcasti64x4", width, machine -> new Operand[] {reg(width, d), machine.mem(96, 32)});
                }
                // the halves come from a register of half the width (at least xmm) or from memory
                check(seed, "vcvtph2ps", width, machine -> new Operand[] {reg(width, d),
                    memory ? machine.mem(128, width / 2) : reg(Math.max(16, width / 2), a)});
            }
            for (String m : VARIABLE_SHIFTS) {
                for (int width : new int[] {16, 32, 64}) {
                    int d = random.nextInt(4);
                    int a = random.nextInt(4);
                    int c = random.nextInt(4);
                    byte[] counts = new byte[64];
                    for (int i = 0; i < counts.length; i += 2) {
                        int n = random.nextBoolean() ? COUNTS[random.nextInt(COUNTS.length)] : random.nextInt(1 << 16);
                        counts[i] = (byte) n;
                        counts[i + 1] = (byte) (n >>> 8);
                    }
                    boolean memory = random.nextInt(4) == 0;
                    check(seed, m, width, machine -> {
                        if (memory) {
                            machine.poke(192, counts);
                        } else {
                            machine.setVec(c, counts);
                        }
                        return new Operand[] {reg(width, d), reg(width, a), memory ? machine.mem(192, width) : reg(width, c)};
                    });
                }
            }
            for (String m : MOVES) {
                for (int width : new int[] {16, 32, 64}) {
                    int d = random.nextInt(4);
                    int a = random.nextInt(4);
                    int kind = random.nextInt(3);
                    check(seed, m, width, machine -> switch (kind) {
                        case 0 -> new Operand[] {reg(width, d), reg(width, a)};
                        case 1 -> new Operand[] {reg(width, d), machine.mem(64, width)};
                        default -> new Operand[] {machine.mem(256, width), reg(width, a)};
                    });
                }
            }
        }
    }

    /**
     * vpsignb, vpshufd, the 32-bit immediate shifts and the widenings, resolved (each checked to be the resolved class)
     * against generic: every width, register and memory sources, a destination that is also a source, random and edge
     * operands.
     */
    @Test
    void signShuffleShiftAndWideningFormsMatchTheGenericSemantics() {
        Random random = new Random(13);
        for (int trial = 0; trial < 150; trial++) {
            long seed = random.nextLong();
            byte[] edges = edgeLanes(random);
            boolean edgeSource = random.nextInt(3) == 0;
            for (int width : new int[] {16, 32, 64}) {
                // the second source's operand: 0 distinct registers, 1 dst == src1, 2 dst == src2, 3 all one, 4 memory
                for (int alias = 0; alias < 5; alias++) {
                    int kind = alias;
                    int d = kind == 2 || kind == 3 ? 2 : 0;
                    int a = kind == 1 || kind == 3 ? d : 1;
                    checkResolved("SignBytes", seed, "vpsignb", width, machine -> {
                        if (edgeSource) {
                            machine.setVec(a, edges);
                        }
                        return new Operand[] {reg(width, d), reg(width, a), kind == 4 ? machine.mem(64, width)
                            : reg(width, kind == 3 ? d : 2)};
                    });
                }
                // the source: 0 another register, 1 the destination, 2 memory
                for (int kind = 0; kind < 3; kind++) {
                    int source = kind;
                    int imm = random.nextInt(256);
                    checkResolved("ShuffleDwords", seed, "vpshufd", width, machine -> new Operand[] {reg(width, 1),
                        source(machine, source, width, width, edgeSource ? edges : null), new Operand.Imm(imm)});
                    for (String m : SHIFTS32) {
                        long count = random.nextBoolean() ? COUNTS32[random.nextInt(COUNTS32.length)]
                            : random.nextInt(256);
                        checkResolved("ShiftImm32", seed, m, width, machine -> new Operand[] {reg(width, 1),
                            source(machine, source, width, width, edgeSource ? edges : null), new Operand.Imm(count)});
                    }
                    for (String m : EXTENDS) {
                        int sourceBytes = widenedFrom(m, width);
                        int sourceWidth = Math.max(16, sourceBytes);
                        checkResolved("Extend", seed, m, width, machine -> new Operand[] {reg(width, 1),
                            source(machine, source, sourceWidth, sourceBytes, edgeSource ? edges : null)});
                    }
                }
            }
        }
        // every immediate of vpshufd and every edge count of the shifts, each width and source kind
        for (int width : new int[] {16, 32, 64}) {
            for (int kind = 0; kind < 3; kind++) {
                int source = kind;
                for (int imm = 0; imm < 256; imm++) {
                    long seed = random.nextLong();
                    Operand.Imm shuffle = new Operand.Imm(imm);
                    checkResolved("ShuffleDwords", seed, "vpshufd", width, machine -> new Operand[] {reg(width, 1),
                        source(machine, source, width, width, null), shuffle});
                }
                for (String m : SHIFTS32) {
                    for (int count : COUNTS32) {
                        byte[] edges = edgeLanes(random);
                        long seed = random.nextLong();
                        checkResolved("ShiftImm32", seed, m, width, machine -> new Operand[] {reg(width, 1),
                            source(machine, source, width, width, edges), new Operand.Imm(count)});
                    }
                }
            }
        }
    }

    /**
     * The single source of a two-operand form: register 2, or the destination's register 1 ({@code regWidth} wide), or
     * {@code bytes} of memory; filled with {@code fill} first unless it is null.
     */
    private static Operand source(Machine machine, int kind, int regWidth, int bytes, byte[] fill) {
        if (kind == 2) {
            if (fill != null) {
                machine.poke(320, fill);
            }
            return machine.mem(320, bytes);
        }
        int r = kind == 1 ? 1 : 2;
        if (fill != null) {
            machine.setVec(r, fill);
        }
        return reg(regWidth, r);
    }

    /** The source bytes a widening {@code mnemonic} reads for a destination {@code width} bytes wide. */
    private static int widenedFrom(String mnemonic, int width) {
        return width / (mnemonic.endsWith("bd") ? 4 : 2);
    }

    /** 64 bytes of 32-bit lanes drawn from {@link #EDGE_LANES}. */
    private static byte[] edgeLanes(Random random) {
        byte[] b = new byte[64];
        for (int o = 0; o < b.length; o += 4) {
            int v = EDGE_LANES[random.nextInt(EDGE_LANES.length)];
            for (int k = 0; k < 4; k++) {
                b[o + k] = (byte) (v >>> (8 * k));
            }
        }
        return b;
    }

    /** vpsignb on every pair of the edge bytes 0x80, 0x7F, 0x00, 0xFF (and 1), each byte position, every width. */
    @Test
    void signBytesMatchesTheGenericFormOnEdgePairs() {
        byte[] edge = {(byte) 0x80, 0x7F, 0, (byte) 0xFF, 1};
        for (int shift = 0; shift < 25; shift++) {
            byte[] x = new byte[64];
            byte[] y = new byte[64];
            for (int i = 0; i < 64; i++) {
                int pair = (i + shift) % 25;
                x[i] = edge[pair % 5];
                y[i] = edge[pair / 5];
            }
            for (int width : new int[] {16, 32, 64}) {
                checkResolved("SignBytes", shift, "vpsignb", width, machine -> {
                    machine.setVec(1, x);
                    machine.setVec(2, y);
                    return new Operand[] {reg(width, 0), reg(width, 1), reg(width, 2)};
                });
            }
        }
    }

    /** X86ResolvedScalar: register and flag state after each scalar form, resolved against generic. */
    @Test
    void resolvedScalarFormsMatchTheGenericSemantics() {
        Random random = new Random(11);
        long[] edge = {0, 1, -1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MIN_VALUE,
            Long.MAX_VALUE};
        for (int trial = 0; trial < 3000; trial++) {
            long[] values = new long[4];
            for (int g = 0; g < values.length; g++) {
                values[g] = random.nextInt(3) == 0 ? edge[random.nextInt(edge.length)] : random.nextLong();
            }
            boolean[] flags = {random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean()};
            Reg d = random.nextBoolean() ? Reg.r64(random.nextInt(4)) : Reg.r32(random.nextInt(4));
            Reg src = random.nextBoolean() ? Reg.r64(random.nextInt(4)) : Reg.r32(random.nextInt(4));
            Operand b = random.nextBoolean() ? src
                : new Operand.Imm(random.nextInt(3) == 0 ? edge[random.nextInt(edge.length)] : random.nextInt());
            for (String m : List.of("add", "sub", "cmp", "mov")) {
                checkScalar(values, flags, m, d, b);
            }
            checkScalar(values, flags, "inc", d);
            checkScalar(values, flags, "dec", d);
        }
    }

    private static void checkScalar(long[] values, boolean[] flags, String mnemonic, Operand... ops) {
        Machine resolved = new Machine();
        Machine generic = new Machine();
        for (Machine m : List.of(resolved, generic)) {
            System.arraycopy(values, 0, m.state.gpr, 0, values.length);
            m.state.zf = flags[0];
            m.state.sf = flags[1];
            m.state.cf = flags[2];
            m.state.of = flags[3];
        }
        org.junit.jupiter.api.Assertions.assertNotSame(X86Semantics.table().lookup(mnemonic),
            X86Semantics.table().lookup(mnemonic).specialize(Instruction.of(mnemonic, ops)), mnemonic + " resolves");
        resolved.exec(mnemonic, ops);
        generic.execGeneric(mnemonic, ops);
        String what = mnemonic + " " + List.of(ops) + " " + java.util.Arrays.toString(values);
        org.junit.jupiter.api.Assertions.assertArrayEquals(generic.state.gpr, resolved.state.gpr, what);
        org.junit.jupiter.api.Assertions.assertEquals(
            List.of(generic.state.zf, generic.state.sf, generic.state.cf, generic.state.of),
            List.of(resolved.state.zf, resolved.state.sf, resolved.state.cf, resolved.state.of), what + ": flags");
    }

    /** Write-masked forms resolved per pc (X86Masking) against the generic masking, merge and zero, every width. */
    @Test
    void maskedFormsMatchTheGenericMasking() {
        List<String> forms = List.of("vpaddb", "vpsubw", "vpaddw", "vpaddd", "vpsubd", "vpaddq", "vpandd", "vpxorq",
            "vpshufb", "vpermb", "vpunpcklbw", "vpunpckhwd", "vpmaddwd", "vpmaddubsw", "vpsrlvw");
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            long seed = random.nextLong();
            for (String m : forms) {
                for (int width : new int[] {16, 32, 64}) {
                    int d = random.nextInt(4);
                    int a = random.nextInt(4);
                    Operand b = random.nextBoolean() ? null : reg(width, random.nextInt(4));
                    boolean zeroing = random.nextBoolean();
                    long mask = random.nextInt(4) == 0 ? (random.nextBoolean() ? 0 : -1) : random.nextLong();
                    check(seed, m, width, machine -> {
                        machine.state.mask[1] = mask;
                        return new Operand[] {new Operand.Masked(reg(width, d), Reg.k(1), zeroing), reg(width, a),
                            b != null ? b : machine.mem(64, width)};
                    });
                }
            }
            for (int width : new int[] {16, 32, 64}) {
                int d = random.nextInt(4);
                int a = random.nextInt(4);
                long mask = random.nextLong();
                boolean zeroing = random.nextBoolean();
                check(seed, "vmovdqu8", width, machine -> {
                    machine.state.mask[2] = mask;
                    return new Operand[] {new Operand.Masked(reg(width, d), Reg.k(2), zeroing), reg(width, a)};
                });
                check(seed, "vpsrlw", width, machine -> {
                    machine.state.mask[2] = mask;
                    return new Operand[] {new Operand.Masked(reg(width, d), Reg.k(2), zeroing), reg(width, a),
                        new Operand.Imm(3)};
                });
                check(seed, "vpsrad", width, machine -> {
                    machine.state.mask[2] = mask;
                    return new Operand[] {new Operand.Masked(reg(width, d), Reg.k(2), zeroing), reg(width, a),
                        new Operand.Imm(5)};
                });
                for (String m : List.of("vpmovsxbw", "vpmovzxbd", "vpmovsxwd")) {
                    check(seed, m, width, machine -> {
                        machine.state.mask[2] = mask;
                        return new Operand[] {new Operand.Masked(reg(width, d), Reg.k(2), zeroing),
                            reg(Math.max(16, widenedFrom(m, width)), a)};
                    });
                }
            }
        }
    }

    @Test
    void maskedFormsResolveOncePerPc() {
        Instruction in = Instruction.of("vpaddw", new Operand.Masked(Reg.zmm(1), Reg.k(1), false), Reg.zmm(2),
            Reg.zmm(3));
        Instruction load = Instruction.of("vmovdqu8", new Operand.Masked(Reg.zmm(1), Reg.k(1), false),
            Operand.Mem.at(Reg.r64(7), 0, 64));
        var add = X86Semantics.table().lookup("vpaddw");
        var move = X86Semantics.table().lookup("vmovdqu8");
        assertNotSame(add, add.specialize(in));
        // a masked load keeps the wrapper, which reads only the selected elements (fault suppression)
        org.junit.jupiter.api.Assertions.assertSame(move, move.specialize(load));
    }

    private interface Operands {
        Operand[] of(Machine machine);
    }

    private static Reg reg(int width, int index) {
        return switch (width) {
            case 16 -> Reg.xmm(index);
            case 32 -> Reg.ymm(index);
            default -> Reg.zmm(index);
        };
    }

    /** As {@link #check}, after asserting that {@code mnemonic} with these operands resolves to class {@code form}. */
    private static void checkResolved(String form, long seed, String mnemonic, int width, Operands operands) {
        Operand[] ops = operands.of(new Machine());
        var resolved = X86Semantics.table().lookup(mnemonic).specialize(Instruction.of(mnemonic, ops));
        assertEquals(form, resolved.getClass().getSimpleName(), mnemonic + " " + List.of(ops) + " resolves");
        check(seed, mnemonic, width, operands);
    }

    /** Runs {@code mnemonic} resolved on one machine and generic on an identical one; compares all state. */
    private static void check(long seed, String mnemonic, int width, Operands operands) {
        Machine resolved = filled(seed);
        Machine generic = filled(seed);
        Operand[] ops = operands.of(resolved);
        operands.of(generic);
        resolved.exec(mnemonic, ops);
        generic.execGeneric(mnemonic, ops);
        String what = mnemonic + " " + List.of(ops) + " seed " + seed;
        for (int r = 0; r < 32; r++) {
            assertArrayEquals(generic.vec(r), resolved.vec(r), what + ": register " + r);
        }
        assertArrayEquals(generic.peek(0, Machine.MEM_BYTES), resolved.peek(0, Machine.MEM_BYTES), what + ": memory");
    }

    private static Machine filled(long seed) {
        Machine m = new Machine();
        Random random = new Random(seed);
        for (int r = 0; r < 4; r++) {
            byte[] v = new byte[64];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextInt(3) == 0 ? EDGE[random.nextInt(EDGE.length)] : (byte) random.nextInt();
            }
            m.setVec(r, v);
        }
        byte[] data = new byte[512];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt(3) == 0 ? EDGE[random.nextInt(EDGE.length)] : (byte) random.nextInt();
        }
        m.poke(0, data);
        return m;
    }
}
