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
        "vpunpcklbw", "vpunpckhbw", "vpunpcklwd", "vpunpckhwd", "vpunpckldq", "vpunpckhdq", "vaddps", "vsubps", "vmulps",
        "vdivps");
    private static final List<String> SHIFTS = List.of("vpsrlw", "vpsllw", "vpsraw");
    private static final List<String> VARIABLE_SHIFTS = List.of("vpsrlvw", "vpsllvw", "vpsravw");
    /** 16-bit shift counts around the lane width, and far beyond it (only the whole unsigned lane counts). */
    private static final int[] COUNTS = {0, 1, 7, 14, 15, 16, 17, 255, 256, 0x8000, 0xFFFF};
    private static final List<String> MOVES = List.of("vmovdqu", "vmovdqa", "vmovdqu8", "vmovdqu64", "vmovups",
        "vmovaps");
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
        onBothPaths(this::resolvedFormsMatchTheGenericSemanticsOnce);
    }

    /** Runs {@code checks} with the eight-byte loops, then with the Vector API forms (where the host has them). */
    private static void onBothPaths(Runnable checks) {
        try {
            for (boolean vectors : new boolean[] {false, true}) {
                VectorWarmup.force(vectors);
                checks.run();
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
                check(seed, "vcvtdq2ps", width, machine -> new Operand[] {reg(width, d),
                    memory ? machine.mem(128, width) : reg(width, a)});
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
        onBothPaths(this::signShuffleShiftAndWideningFormsMatchTheGenericSemanticsOnce);
    }

    private void signShuffleShiftAndWideningFormsMatchTheGenericSemanticsOnce() {
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

    private static final List<String> SCALAR_FLOAT = List.of("vaddss", "vsubss", "vmulss", "vdivss");
    /**
     * GPR values for vcvtsi2ss and vmovd: the int32 ends, conversions that round (2^24 + 1 and + 3 are ties, to even
     * down and up; int max rounds up to 2^31), values whose upper half a 32-bit read must ignore, the int64 ends.
     */
    private static final long[] EDGE_GPRS = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF_FFFFL,
        0x8000_0000L, (1 << 24) + 1, (1 << 24) + 3, -(1 << 24) - 1, 0x7FFF_FFBFL, 0x1_0000_0001L, 0xFFFF_FFFF_0000_0000L,
        0x8000_0000_7FFF_FFFFL, Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1, -(1L << 40) - 3};
    /**
     * vinserti128/64x4 and vextracti128/64x4 immediates: both lanes, and higher bits that only bit 0 of the generic
     * form reads.
     */
    private static final long[] LANE_IMMEDIATES = {0, 1, 2, 3, 0xFE, 0xFF, 0x101, -1, -2};
    /** Where the memory source or destination of the scalar and lane forms is. */
    private static final int SCALAR_MEM = 320;

    /**
     * The ss arithmetic, vcvtsi2ss, vmovd both ways, vinserti128/64x4 and vextracti128/64x4, resolved (each checked
     * to be the resolved class) against generic: float lanes with NaNs (signalling too), infinities, subnormals and
     * -0.0, GPRs with the int ends and garbage upper halves, register and memory operands, destinations that are also
     * sources, and lane immediates with higher bits set.
     */
    @Test
    void scalarFloatGprMoveAndLaneFormsMatchTheGenericSemantics() {
        Random random = new Random(17);
        for (int trial = 0; trial < 300; trial++) {
            long seed = random.nextLong();
            byte[][] vecs = {floatLanes(random), floatLanes(random), floatLanes(random)};
            byte[] memory = floatLanes(random);
            long[] gprs = new long[3];
            for (int g = 0; g < gprs.length; g++) {
                gprs[g] = random.nextBoolean() ? EDGE_GPRS[random.nextInt(EDGE_GPRS.length)] : random.nextLong();
            }
            // dst, src1, src2 (-1: memory): distinct, dst == src1, dst == src2, all one, memory, src1 == src2
            int[][] aliasings = {{0, 1, 2}, {0, 0, 2}, {2, 1, 2}, {2, 2, 2}, {0, 1, -1}, {0, 1, 1}};
            for (int[] regs : aliasings) {
                for (String m : SCALAR_FLOAT) {
                    checkResolved("ScalarArith", seed, m, 16, machine -> {
                        load(machine, vecs, memory, gprs);
                        return new Operand[] {Reg.xmm(regs[0]), Reg.xmm(regs[1]),
                            regs[2] < 0 ? machine.mem(SCALAR_MEM, 4) : Reg.xmm(regs[2])};
                    });
                }
                long imm = LANE_IMMEDIATES[random.nextInt(LANE_IMMEDIATES.length)];
                checkResolved("InsertLane", seed, "vinserti128", 32, machine -> {
                    load(machine, vecs, memory, gprs);
                    return new Operand[] {Reg.ymm(regs[0]), Reg.ymm(regs[1]),
                        regs[2] < 0 ? machine.mem(SCALAR_MEM, 16) : Reg.xmm(regs[2]), new Operand.Imm(imm)};
                });
                checkResolved("InsertLane", seed, "vinserti64x4", 64, machine -> {
                    load(machine, vecs, memory, gprs);
                    return new Operand[] {Reg.zmm(regs[0]), Reg.zmm(regs[1]),
                        regs[2] < 0 ? machine.mem(SCALAR_MEM, 32) : Reg.ymm(regs[2]), new Operand.Imm(imm)};
                });
            }
            int g = random.nextInt(3);
            for (int[] regs : new int[][] {{0, 1}, {1, 1}}) {
                for (Reg source : new Reg[] {Reg.r32(g), Reg.r64(g)}) {
                    checkResolved("IntToScalar", seed, "vcvtsi2ss", 16, machine -> {
                        load(machine, vecs, memory, gprs);
                        return new Operand[] {Reg.xmm(regs[0]), Reg.xmm(regs[1]), source};
                    });
                }
                checkResolved("MoveFromGpr", seed, "vmovd", 16, machine -> {
                    load(machine, vecs, memory, gprs);
                    return new Operand[] {Reg.xmm(regs[0]), Reg.r32(g)};
                });
                checkResolved("MoveToGpr", seed, "vmovd", 16, machine -> {
                    load(machine, vecs, memory, gprs);
                    return new Operand[] {Reg.r32(g), Reg.xmm(regs[1])};
                });
            }
            // the destination: another register, the source register, or memory
            for (int kind = 0; kind < 3; kind++) {
                int destination = kind;
                long imm = LANE_IMMEDIATES[random.nextInt(LANE_IMMEDIATES.length)];
                checkResolved("ExtractLane", seed, "vextracti128", 32, machine -> {
                    load(machine, vecs, memory, gprs);
                    return new Operand[] {destination == 2 ? machine.mem(SCALAR_MEM, 16) : Reg.xmm(destination),
                        Reg.ymm(1), new Operand.Imm(imm)};
                });
                checkResolved("ExtractLane", seed, "vextracti64x4", 64, machine -> {
                    load(machine, vecs, memory, gprs);
                    return new Operand[] {destination == 2 ? machine.mem(SCALAR_MEM, 32) : Reg.ymm(destination),
                        Reg.zmm(1), new Operand.Imm(imm)};
                });
            }
        }
    }

    /**
     * kmovb/w/d/q into an opmask register, resolved, against generic: from memory of the kmov's width, from a 32- or
     * 64-bit GPR holding edge values with garbage above the width, and from another opmask register.
     */
    @Test
    void maskLoadsMatchTheGenericSemantics() {
        Random random = new Random(23);
        String[] kmovs = {"kmovb", "kmovw", "kmovd", "kmovq"};
        for (int trial = 0; trial < 200; trial++) {
            long seed = random.nextLong();
            long value = random.nextBoolean() ? EDGE_GPRS[random.nextInt(EDGE_GPRS.length)] : random.nextLong();
            long otherMask = random.nextLong();
            int bits = 8 << random.nextInt(4);
            int offset = 8 * random.nextInt(8);
            String kmov = kmovs[Integer.numberOfTrailingZeros(bits) - 3];
            Operands[] sources = {
                machine -> new Operand[] {Reg.k(1), machine.mem(offset, bits / 8)},
                machine -> {
                    machine.state.gpr[2] = value;
                    return new Operand[] {Reg.k(1), Reg.r32(2)};
                },
                machine -> {
                    machine.state.gpr[2] = value;
                    return new Operand[] {Reg.k(3), Reg.r64(2)};
                },
                machine -> {
                    machine.state.mask[2] = otherMask;
                    return new Operand[] {Reg.k(1), Reg.k(2)};
                }};
            for (Operands source : sources) {
                long pick = random.nextLong();
                Operands fixed = machine -> {
                    Random same = new Random(pick);
                    machine.state.mask[1] = same.nextLong();
                    return source.of(machine);
                };
                checkResolved("MaskLoad", seed, kmov, 64, fixed);
            }
        }
    }

    /** Every pair of edge floats through each ss form (register and memory source); every edge GPR value both ways. */
    @Test
    void scalarFloatAndGprMoveFormsMatchTheGenericFormOnEdgeValues() {
        int[] edges = X86ScalarFloatTest.EDGE_FLOATS;
        long[] gprs = new long[3];
        Random random = new Random(19);
        for (int ra : edges) {
            for (int rb : edges) {
                // ra in lane 0 of xmm1, rb in lane 0 of xmm2 and of the memory source
                byte[][] v = {floatLanes(random), floatLanes(random), floatLanes(random)};
                Machine.le(v[1]).putInt(0, ra);
                Machine.le(v[2]).putInt(0, rb);
                byte[] mem = v[2];
                for (String m : SCALAR_FLOAT) {
                    for (boolean fromMemory : new boolean[] {false, true}) {
                        checkResolved("ScalarArith", ra, m, 16, machine -> {
                            load(machine, v, mem, gprs);
                            return new Operand[] {Reg.xmm(0), Reg.xmm(1),
                                fromMemory ? machine.mem(SCALAR_MEM, 4) : Reg.xmm(2)};
                        });
                    }
                }
            }
        }
        byte[] memory = floatLanes(random);
        for (long value : EDGE_GPRS) {
            byte[][] v = {floatLanes(random), floatLanes(random), floatLanes(random)};
            Machine.le(v[1]).putInt(0, (int) value);
            long[] g = {value, value, value};
            for (Reg source : new Reg[] {Reg.r32(1), Reg.r64(1)}) {
                checkResolved("IntToScalar", value, "vcvtsi2ss", 16, machine -> {
                    load(machine, v, memory, g);
                    return new Operand[] {Reg.xmm(0), Reg.xmm(1), source};
                });
            }
            checkResolved("MoveFromGpr", value, "vmovd", 16, machine -> {
                load(machine, v, memory, g);
                return new Operand[] {Reg.xmm(0), Reg.r32(2)};
            });
            // the destination's upper half holds garbage first: a 32-bit write must zero it
            checkResolved("MoveToGpr", value, "vmovd", 16, machine -> {
                load(machine, v, memory, g);
                machine.state.gpr[0] = -1L;
                return new Operand[] {Reg.r32(0), Reg.xmm(1)};
            });
        }
    }

    /** Shapes the resolved scalar and lane forms leave to the generic semantics, which still run them. */
    @Test
    void otherScalarAndLaneShapesKeepTheGenericForm() {
        Random random = new Random(23);
        byte[][] vecs = {floatLanes(random), floatLanes(random), floatLanes(random)};
        byte[] memory = floatLanes(random);
        long[] gprs = {EDGE_GPRS[3], EDGE_GPRS[4], -1L};
        List<String> mnemonics = List.of("vcvtsi2ss", "vcvtsi2ss", "vmovd", "vmovd", "vmovd", "vmovd");
        List<Operands> shapes = List.of(
            machine -> new Operand[] {Reg.xmm(0), Reg.xmm(1), machine.mem(SCALAR_MEM, 4)},
            machine -> new Operand[] {Reg.xmm(0), Reg.xmm(1), machine.mem(SCALAR_MEM, 8)},
            machine -> new Operand[] {Reg.xmm(0), machine.mem(SCALAR_MEM, 4)},
            machine -> new Operand[] {machine.mem(SCALAR_MEM, 4), Reg.xmm(1)},
            machine -> new Operand[] {Reg.r64(0), Reg.xmm(1)},
            machine -> new Operand[] {Reg.xmm(0), Reg.r64(2)});
        for (int i = 0; i < shapes.size(); i++) {
            String m = mnemonics.get(i);
            Operands shape = shapes.get(i);
            var entry = (org.ternsim.isa.Resolving) X86Semantics.table().lookup(m);
            org.junit.jupiter.api.Assertions.assertSame(entry.generic(),
                entry.specialize(Instruction.of(m, shape.of(new Machine()))), m + " keeps the generic form");
            check(i, m, 16, machine -> {
                load(machine, vecs, memory, gprs);
                return shape.of(machine);
            });
        }
    }

    /** Registers 0-2 as {@code vecs}, {@code memory} at {@link #SCALAR_MEM}, GPRs 0-2 as {@code gprs}. */
    private static void load(Machine machine, byte[][] vecs, byte[] memory, long[] gprs) {
        for (int r = 0; r < vecs.length; r++) {
            machine.setVec(r, vecs[r]);
        }
        machine.poke(SCALAR_MEM, memory);
        System.arraycopy(gprs, 0, machine.state.gpr, 0, gprs.length);
    }

    /**
     * 64 bytes of float lanes: edge floats (NaNs, signalling ones too, infinities, subnormals, -0.0, the extremes), plain
     * floats, and random bit patterns.
     */
    private static byte[] floatLanes(Random random) {
        byte[] b = new byte[64];
        int[] edges = X86ScalarFloatTest.EDGE_FLOATS;
        for (int o = 0; o < b.length; o += 4) {
            int v = switch (random.nextInt(3)) {
                case 0 -> edges[random.nextInt(edges.length)];
                case 1 -> Float.floatToRawIntBits((random.nextFloat() - 0.5f) * (1 << random.nextInt(40)));
                default -> random.nextInt();
            };
            Machine.le(b).putInt(o, v);
        }
        return b;
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

    /** The float forms and moves compared above do resolve, so those comparisons are not of the generic form twice. */
    @Test
    void floatArithmeticAndFloatMovesResolve() {
        for (int width : new int[] {16, 32, 64}) {
            for (String m : List.of("vaddps", "vsubps", "vmulps", "vdivps")) {
                checkResolved("Packed", 11, m, width, machine -> new Operand[] {reg(width, 0), reg(width, 1),
                    machine.mem(64, width)});
            }
            for (String m : List.of("vmovups", "vmovaps")) {
                checkResolved("RegisterMove", 12, m, width, machine -> new Operand[] {reg(width, 0), reg(width, 1)});
                checkResolved("Move", 13, m, width, machine -> new Operand[] {machine.mem(256, width), reg(width, 2)});
            }
        }
        assertEquals("X86Jump", X86Semantics.table().lookup("jne").getClass().getSimpleName());
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
        assertArrayEquals(generic.state.gpr, resolved.state.gpr, what + ": general registers");
        assertArrayEquals(generic.state.mask, resolved.state.mask, what + ": opmask registers");
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
