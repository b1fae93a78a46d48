// The per-pc resolved AArch64 forms (ArmResolved) against the generic semantics: same state after every form.
package org.ternsim.isa.arm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Resolving;
import org.ternsim.isa.VectorWarmup;

class ArmResolvedTest {

    private static final String[] ARRANGEMENTS = {"16b", "8b", "8h", "4h", "4s", "2s", "2d"};
    /** Bytes that exercise carries, borrows and sign bits in every lane position. */
    private static final byte[] EDGE = {0, -1, 0x7F, (byte) 0x80, (byte) 0xFF, 1, (byte) 0xFE, 0x40};
    private static final long[] EDGE_GPR = {0, 1, -1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L,
        Long.MIN_VALUE, Long.MAX_VALUE};

    /** Both paths of each form: the eight-byte loops, then the Vector API forms (where this host's vectors serve). */
    @Test
    void vectorFormsMatchTheGenericSemantics() {
        try {
            for (boolean vectors : new boolean[] {false, true}) {
                VectorWarmup.force(vectors);
                vectorFormsMatchTheGenericSemanticsOnce();
            }
        } finally {
            VectorWarmup.force(false);
        }
    }

    private void vectorFormsMatchTheGenericSemanticsOnce() {
        Random random = new Random(5);
        for (int trial = 0; trial < 300; trial++) {
            long seed = random.nextLong();
            for (String arr : ARRANGEMENTS) {
                for (String m : List.of("and", "orr", "eor", "bic", "add", "sub")) {
                    check(seed, Instruction.of(m, v(random, arr), v(random, arr), v(random, arr)));
                }
                int bits = 8 * ArmRegs.laneBytes(ArmRegs.arrangementClass(arr));
                check(seed, Instruction.of("ushr", v(random, arr), v(random, arr), imm(1 + random.nextInt(bits))));
                check(seed, Instruction.of("sshr", v(random, arr), v(random, arr), imm(1 + random.nextInt(bits))));
                check(seed, Instruction.of("shl", v(random, arr), v(random, arr), imm(random.nextInt(bits))));
                check(seed, Instruction.of("ushr", v(random, arr), v(random, arr), imm(bits)));
            }
            for (String[] w : new String[][] {{"8h", "8b", "16b"}, {"4s", "4h", "8h"}, {"2d", "2s", "4s"}}) {
                for (String m : List.of("smull", "smlal", "saddl")) {
                    check(seed, Instruction.of(m, v(random, w[0]), v(random, w[1]), v(random, w[1])));
                    check(seed, Instruction.of(m + "2", v(random, w[0]), v(random, w[2]), v(random, w[2])));
                }
                check(seed, Instruction.of("saddw", v(random, w[0]), v(random, w[0]), v(random, w[1])));
                check(seed, Instruction.of("saddw2", v(random, w[0]), v(random, w[0]), v(random, w[2])));
                check(seed, Instruction.of("sxtl", v(random, w[0]), v(random, w[1])));
                check(seed, Instruction.of("sxtl2", v(random, w[0]), v(random, w[2])));
            }
            for (String m : List.of("tbl", "tbx")) {
                String arr = random.nextBoolean() ? "16b" : "8b";
                List<Operand> ops = new ArrayList<>();
                ops.add(v(random, arr));
                int tables = 1 + random.nextInt(4);
                int first = random.nextInt(4);
                for (int t = 0; t < tables; t++) {
                    ops.add(ArmRegs.v((first + t) % 32, "16b"));
                }
                ops.add(v(random, arr));
                check(seed, new Instruction(m, ops));
            }
            for (String arr : ARRANGEMENTS) {
                for (String m : List.of("zip1", "zip2", "uzp1", "uzp2", "bsl", "bit", "cmtst")) {
                    check(seed, Instruction.of(m, v(random, arr), v(random, arr), v(random, arr)));
                }
            }
            for (String arr : List.of("4s", "2s")) {
                for (String m : List.of("fadd", "fsub", "fmul", "fmla")) {
                    check(seed, Instruction.of(m, v(random, arr), v(random, arr), v(random, arr)));
                }
            }
            check(seed, Instruction.of("fcvtl", v(random, "4s"), v(random, "4h")));
            check(seed, Instruction.of("fcvtl2", v(random, "4s"), v(random, "8h")));
            for (String m : List.of("sdot", "udot")) {
                check(seed, Instruction.of(m, v(random, "4s"), v(random, "16b"), v(random, "16b")));
                check(seed, Instruction.of(m, v(random, "2s"), v(random, "8b"), v(random, "8b")));
            }
        }
    }

    /**
     * zip/uzp, tbl/tbx, movi, dup and scvtf at every arrangement the generic forms take, with each aliasing of the
     * destination and the sources; table indices mostly in range (random bytes rarely are), some past it.
     */
    @Test
    void permutesLookupsBroadcastsAndConversionsMatchTheGenericSemantics() {
        Random random = new Random(9);
        for (int trial = 0; trial < 200; trial++) {
            long seed = random.nextLong();
            for (String arr : ARRANGEMENTS) {
                for (String m : List.of("zip1", "zip2", "uzp1", "uzp2")) {
                    for (int[] regs : ALIASES) {
                        check(seed, Instruction.of(m, ArmRegs.v(regs[0], arr), ArmRegs.v(regs[1], arr),
                            ArmRegs.v(regs[2], arr)));
                    }
                }
                int size = ArmRegs.laneBytes(ArmRegs.arrangementClass(arr));
                long imm = size == 8 ? (random.nextBoolean() ? random.nextLong() : EDGE_GPR[random.nextInt(EDGE_GPR.length)])
                    : MOVI_EDGE[random.nextInt(MOVI_EDGE.length)];
                check(seed, Instruction.of("movi", v(random, arr), imm(random.nextBoolean() ? imm : -128 + random.nextInt(384))));
                check(seed, Instruction.of("dup", v(random, arr), gpr(random, random.nextBoolean())));
                for (int[] regs : ALIASES) {
                    check(seed, Instruction.of("scvtf", ArmRegs.v(regs[0], arr), ArmRegs.v(regs[1], arr)));
                }
                check(seed, Instruction.of("scvtf", v(random, arr), gpr(random, random.nextBoolean())));
            }
            // scvtf on scalar views, from a wider source view, and from general registers into scalar views
            for (Reg[] ops : new Reg[][] {{ArmRegs.s(0), ArmRegs.s(0)}, {ArmRegs.s(1), ArmRegs.s(2)},
                {ArmRegs.d(0), ArmRegs.d(1)}, {ArmRegs.q(2), ArmRegs.q(2)}, {ArmRegs.v(0, "2s"), ArmRegs.v(0, "4s")},
                {ArmRegs.s(3), ArmRegs.q(3)}, {ArmRegs.s(1), gpr(random, true)}, {ArmRegs.s(1), gpr(random, false)},
                {ArmRegs.d(2), gpr(random, true)}}) {
                check(seed, Instruction.of("scvtf", ops[0], ops[1]));
            }
            for (String m : List.of("tbl", "tbx")) {
                String arr = random.nextBoolean() ? "16b" : "8b";
                int tables = 1 + random.nextInt(4);
                int first = random.nextInt(4);
                // the destination and the index at random among v0..v3: any of them may also be a table
                List<Operand> ops = new ArrayList<>();
                ops.add(v(random, arr));
                for (int t = 0; t < tables; t++) {
                    ops.add(ArmRegs.v((first + t) % 32, "16b"));
                }
                Reg index = random.nextBoolean() ? v(random, arr) : v(random, "16b");
                ops.add(index);
                int limit = 16 * tables + 8;
                check(seed, new Instruction(m, ops), machine -> {
                    Random bytes = new Random(seed + 1);
                    for (int i = 0; i < 16; i++) {
                        machine.state.vec[index.index()][i] = (byte) bytes.nextInt(limit);
                    }
                });
            }
        }
    }

    /**
     * addv/saddlv at every arrangement into each scalar view of the result's width, and the scalar float forms (fadd,
     * fsub, fmul, fdiv, fmla on s views; fcvt s, h), with each aliasing; the float forms also on .4s/.2s, over lanes
     * drawn mostly from NaNs (quiet and signalling, with payloads), infinities, zeros, subnormals and extremes.
     */
    @Test
    void reductionsAndScalarFloatFormsMatchTheGenericSemantics() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            long seed = random.nextLong();
            Consumer<ArmMachine> extremes = machine -> {
                Random bytes = new Random(seed + 2);
                for (int r = 0; r < 4; r++) {
                    byte fill = EDGE[bytes.nextInt(4)];
                    for (int i = 0; i < 16; i++) {
                        if (bytes.nextBoolean()) {
                            machine.state.vec[r][i] = fill;
                        }
                    }
                }
            };
            for (String arr : ARRANGEMENTS) {
                int size = ArmRegs.laneBytes(ArmRegs.arrangementClass(arr));
                for (String m : List.of("addv", "saddlv")) {
                    int out = m.equals("saddlv") ? 2 * size : size;
                    Instruction wide = Instruction.of(m, ArmRegs.q(0), ArmRegs.v(1, arr));
                    if (out > 8) {
                        var semantics = new ArmMachine().table.lookup(m);
                        assertSame(((Resolving) semantics).generic(), semantics.specialize(wide), wide + " stays generic");
                        continue;
                    }
                    List<Reg> dsts = switch (out) {
                        case 1 -> List.of(new Reg(Reg.RegClass.B, 0), new Reg(Reg.RegClass.B, 1));
                        case 2 -> List.of(new Reg(Reg.RegClass.H, 0), new Reg(Reg.RegClass.H, 1));
                        case 4 -> List.of(ArmRegs.s(0), ArmRegs.s(1));
                        default -> List.of(ArmRegs.d(0), ArmRegs.d(1), ArmRegs.v(1, "8b"), ArmRegs.v(0, "2s"));
                    };
                    for (Reg d : dsts) {
                        check(seed, Instruction.of(m, d, ArmRegs.v(1, arr)));
                        check(seed, Instruction.of(m, d, ArmRegs.v(1, arr)), extremes);
                    }
                }
            }
            Consumer<ArmMachine> floats = machine -> {
                Random lanes = new Random(seed + 3);
                for (int r = 0; r < 4; r++) {
                    for (int i = 0; i < 16; i += 4) {
                        int bits = lanes.nextInt(4) == 0 ? lanes.nextInt() : FLOAT_EDGE[lanes.nextInt(FLOAT_EDGE.length)];
                        MachineState.putInt(machine.state.vec[r], i / 4, bits);
                    }
                }
            };
            for (String m : List.of("fadd", "fsub", "fmul", "fdiv", "fmla")) {
                for (int[] regs : ALIASES) {
                    Instruction scalar = Instruction.of(m, ArmRegs.s(regs[0]), ArmRegs.s(regs[1]), ArmRegs.s(regs[2]));
                    check(seed, scalar);
                    check(seed, scalar, floats);
                    for (String arr : List.of("4s", "2s")) {
                        check(seed, Instruction.of(m, ArmRegs.v(regs[0], arr), ArmRegs.v(regs[1], arr),
                            ArmRegs.v(regs[2], arr)), floats);
                    }
                }
            }
            Consumer<ArmMachine> halves = machine -> {
                Random bits = new Random(seed + 4);
                for (int r = 0; r < 4; r++) {
                    int h = bits.nextInt(3) == 0 ? bits.nextInt(0x10000) : HALF_EDGE[bits.nextInt(HALF_EDGE.length)];
                    machine.state.vec[r][0] = (byte) h;
                    machine.state.vec[r][1] = (byte) (h >>> 8);
                }
            };
            for (int[] regs : new int[][] {{0, 0}, {1, 2}, {3, 1}}) {
                Instruction fcvt = Instruction.of("fcvt", ArmRegs.s(regs[0]), new Reg(Reg.RegClass.H, regs[1]));
                check(seed, fcvt);
                check(seed, fcvt, halves);
            }
        }
    }

    /** Float lanes: quiet and signalling NaNs of both signs with payloads, infinities, zeros, subnormals, extremes. */
    private static final int[] FLOAT_EDGE = {0x7FC0_0000, 0xFFC1_2345, 0x7F80_0001, 0xFFA0_0000, 0x7FBF_FFFF,
        0x7F80_0000, 0xFF80_0000, 0, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 1, 0x8000_0001, 0x007F_FFFF,
        0x0080_0000, 0x7F7F_FFFF, 0xFF7F_FFFF, 0x4B00_0001};
    /** Halves: infinities, quiet and signalling NaNs with payloads, zeros, subnormals, the largest finite, one. */
    private static final int[] HALF_EDGE = {0x7C00, 0xFC00, 0x7E00, 0xFE01, 0x7C01, 0x7D55, 0xFDFF, 0, 0x8000, 1,
        0x83FF, 0x0400, 0x7BFF, 0xFBFF, 0x3C00};

    @Test
    void loadsAndStoresMatchTheGenericSemantics() {
        Random random = new Random(6);
        for (int trial = 0; trial < 300; trial++) {
            long seed = random.nextLong();
            for (String m : List.of("ldr", "str")) {
                Reg r = switch (random.nextInt(5)) {
                    case 0 -> ArmRegs.x(random.nextInt(3));
                    case 1 -> ArmRegs.w(random.nextInt(3));
                    case 2 -> ArmRegs.q(random.nextInt(4));
                    case 3 -> ArmRegs.d(random.nextInt(4));
                    default -> ArmRegs.s(random.nextInt(4));
                };
                List<Operand> ops = new ArrayList<>(List.of(r,
                    new Operand.Mem(ArmRegs.x(3), null, 1, random.nextInt(64), r.cls().bytes())));
                if (random.nextBoolean()) {
                    ops.add(imm(r.cls().bytes()));
                }
                check(seed, new Instruction(m, ops));
            }
            for (String m : List.of("ld1", "st1")) {
                int count = 1 << random.nextInt(3); // the memory width is a power of two
                String arr = random.nextBoolean() ? "16b" : "8b";
                int first = random.nextInt(28);
                List<Operand> ops = new ArrayList<>();
                int total = 0;
                for (int i = 0; i < count; i++) {
                    Reg r = ArmRegs.v(first + i, arr);
                    ops.add(r);
                    total += r.cls().bytes();
                }
                ops.add(new Operand.Mem(ArmRegs.x(3), null, 1, random.nextInt(64), total));
                if (random.nextBoolean()) {
                    ops.add(imm(total));
                }
                check(seed, new Instruction(m, ops));
            }
        }
    }

    /** An ld1 / st1 of four registers whose span crosses from one region into the next moves each register alone. */
    @Test
    void aMultipleRegisterTransferAcrossTwoRegionsMatchesTheGenericSemantics() {
        for (String m : List.of("ld1", "st1")) {
            MachineState[] states = new MachineState[2];
            for (int k = 0; k < 2; k++) {
                long base = ArmMachine.MEM_BASE;
                states[k] = new MachineState(new org.ternsim.isa.Memory(List.of(
                    new org.ternsim.isa.Region("low", base, 64, org.ternsim.isa.Region.Role.INPUT),
                    new org.ternsim.isa.Region("high", base + 64, 64, org.ternsim.isa.Region.Role.INPUT))));
                Random random = new Random(9);
                random.nextBytes(states[k].memory.bytes("low"));
                random.nextBytes(states[k].memory.bytes("high"));
                for (int r = 0; r < 4; r++) {
                    random.nextBytes(states[k].vec[r]);
                }
                states[k].gpr[3] = base + 32;
            }
            List<Operand> ops = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                ops.add(ArmRegs.v(r, "16b"));
            }
            ops.add(new Operand.Mem(ArmRegs.x(3), null, 1, 0, 64));
            ops.add(imm(64));
            Instruction in = new Instruction(m, ops);
            var semantics = ArmSemantics.neonDotprod().lookup(m);
            semantics.specialize(in).execute(in, states[0]);
            (semantics instanceof Resolving r ? r.generic() : semantics).execute(in, states[1]);
            for (int r = 0; r < 4; r++) {
                assertArrayEquals(states[1].vec[r], states[0].vec[r], m + ": register v" + r);
            }
            assertArrayEquals(states[1].gpr, states[0].gpr, m + ": general registers");
            for (String region : List.of("low", "high")) {
                assertArrayEquals(states[1].memory.bytes(region), states[0].memory.bytes(region), m + ": " + region);
            }
        }
    }

    @Test
    void scalarFormsMatchTheGenericSemantics() {
        Random random = new Random(8);
        for (int trial = 0; trial < 2000; trial++) {
            long seed = random.nextLong();
            boolean w = random.nextBoolean();
            Operand src = random.nextBoolean() ? gpr(random, w)
                : imm(random.nextInt(3) == 0 ? EDGE_GPR[random.nextInt(EDGE_GPR.length)] : random.nextInt(4096));
            check(seed, Instruction.of("subs", gpr(random, w), gpr(random, w), src));
            check(seed, Instruction.of("cmp", gpr(random, w), src));
            check(seed, Instruction.of("mov", gpr(random, w), src));
            check(seed, Instruction.of("mov", gpr(random, w), gpr(random, !w)));
            check(seed, Instruction.of("add", gpr(random, w), gpr(random, w), src));
            check(seed, Instruction.of("sub", gpr(random, w), gpr(random, w), src));
            check(seed, Instruction.of("cbnz", gpr(random, w), new Operand.Label(".L")));
            check(seed, Instruction.of("cbz", gpr(random, w), new Operand.Label(".L")));
            for (String cond : ArmScalar.CONDITIONS) {
                check(seed, Instruction.of("b." + cond, new Operand.Label(".L")));
            }
        }
    }

    /** Destination and sources: distinct, the destination as either source, both sources one register, all one. */
    private static final int[][] ALIASES = {{0, 1, 2}, {1, 1, 2}, {2, 1, 2}, {0, 3, 3}, {3, 3, 3}};
    /** movi immediates of the 8-bit forms: both ends of the range and sign and nibble boundaries. */
    private static final long[] MOVI_EDGE = {-128, -1, 0, 1, 0x0F, 0x10, 0x7F, 0x80, 0xFF};

    private static Reg v(Random random, String arrangement) {
        return ArmRegs.v(random.nextInt(4), arrangement);
    }

    private static Reg gpr(Random random, boolean w) {
        int i = random.nextInt(3);
        return w ? ArmRegs.w(i) : ArmRegs.x(i);
    }

    private static Operand.Imm imm(long v) {
        return new Operand.Imm(v);
    }

    /** Runs {@code in} resolved on one machine and generic on an identical one; compares all state. */
    private static void check(long seed, Instruction in) {
        check(seed, in, machine -> { });
    }

    /** As {@link #check(long, Instruction)}, with {@code setup} applied to both machines' random state. */
    private static void check(long seed, Instruction in, Consumer<ArmMachine> setup) {
        ArmMachine resolved = filled(seed);
        ArmMachine generic = filled(seed);
        setup.accept(resolved);
        setup.accept(generic);
        var semantics = resolved.table.lookup(in.mnemonic());
        var unresolved = semantics instanceof Resolving r ? r.generic() : semantics;
        assertNotSame(unresolved, semantics.specialize(in), in + " resolves");
        resolved.exec(in);
        generic.execGeneric(in);
        String what = in + " seed " + seed;
        for (int r = 0; r < 32; r++) {
            assertArrayEquals(generic.state.vec[r], resolved.state.vec[r], what + ": register v" + r);
        }
        assertArrayEquals(generic.state.gpr, resolved.state.gpr, what + ": general registers");
        assertEquals(List.of(generic.state.zf, generic.state.sf, generic.state.cf, generic.state.of, generic.state.nextPc),
            List.of(resolved.state.zf, resolved.state.sf, resolved.state.cf, resolved.state.of, resolved.state.nextPc),
            what + ": flags and next pc");
        assertArrayEquals(generic.memory.bytes("mem"), resolved.memory.bytes("mem"), what + ": memory");
    }

    private static ArmMachine filled(long seed) {
        ArmMachine m = new ArmMachine();
        Random random = new Random(seed);
        for (int r = 0; r < 32; r++) {
            for (int i = 0; i < 64; i++) {
                m.state.vec[r][i] = random.nextInt(3) == 0 ? EDGE[random.nextInt(EDGE.length)] : (byte) random.nextInt();
            }
        }
        for (int g = 0; g < 3; g++) {
            m.state.gpr[g] = random.nextInt(3) == 0 ? EDGE_GPR[random.nextInt(EDGE_GPR.length)] : random.nextLong();
        }
        m.state.gpr[3] = ArmMachine.MEM_BASE + random.nextInt(256);
        byte[] mem = m.memory.bytes("mem");
        for (int i = 0; i < 1024; i++) {
            mem[i] = random.nextInt(3) == 0 ? EDGE[random.nextInt(EDGE.length)] : (byte) random.nextInt();
        }
        m.state.zf = random.nextBoolean();
        m.state.sf = random.nextBoolean();
        m.state.cf = random.nextBoolean();
        m.state.of = random.nextBoolean();
        m.state.nextPc = 5;
        m.state.branchTarget = 77;
        return m;
    }
}
