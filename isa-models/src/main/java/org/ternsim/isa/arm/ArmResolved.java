// Per-pc resolved forms of the hottest AArch64 instructions: operands decoded once, no operand list, no copies.
package org.ternsim.isa.arm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Map;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;
import org.ternsim.isa.ResolvedSemantics;
import org.ternsim.isa.Resolving;
import org.ternsim.isa.VectorWarmup;

/**
 * The generic forms ({@link ArmSimd}, {@link ArmMemory}, {@link ArmScalar}) decode the operand list and call a lane
 * lambda per element on every execution. For the forms below, {@link InstructionSemantics#specialize} returns an object
 * holding the register numbers, widths and immediates, which computes straight into the destination register. Any
 * operand form not matched here (and every form whose generic semantics would throw, such as an out-of-range shift)
 * keeps the generic semantics, so errors stay as they were.
 *
 * <p>Writing the destination in place is exact because each vector form here is element-wise at a granularity that
 * reads all of a step's source bytes before writing them: bytes [8k, 8k+8) of the result depend only on bytes [8k,
 * 8k+8) of the sources (lanes of at most 8 bytes), and a dot-product lane only on its own four bytes. Lane arithmetic
 * on 64-bit words (SWAR) masks each lane's carry, so it equals the per-lane wrap-around of {@link ArmSimd#lanewise}
 * ({@code ArmResolvedTest} compares every resolved form with the generic one).
 */
final class ArmResolved {

    private ArmResolved() {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Whether the Vector API forms ({@link ArmLaneVector}) serve full registers on this host ({@code dot}: sdot's
     * widened products too); false where the incubator module is missing (the eight-byte loops then run).
     */
    private static boolean laneVectors(int width, boolean dot) {
        try {
            return width == 16 && (dot ? ArmLaneVector.dotAvailable() : ArmLaneVector.available());
        } catch (LinkageError incubatorModuleMissing) {
            return false;
        }
    }

    enum Op { AND, ORR, EOR, BIC, ADD, SUB }

    /** Wraps the generic semantics of the resolvable mnemonics in {@code t}. */
    static void register(Map<String, InstructionSemantics> t, boolean dotprod) {
        binary(t, "and", Op.AND);
        binary(t, "orr", Op.ORR);
        binary(t, "eor", Op.EOR);
        binary(t, "bic", Op.BIC);
        binary(t, "add", Op.ADD);
        binary(t, "sub", Op.SUB);
        shift(t, "ushr", 'u');
        shift(t, "sshr", 's');
        shift(t, "shl", 'l');
        // without the dotprod feature sdot/udot fail with a message: those stay as they are
        if (dotprod) {
            for (String m : new String[] {"sdot", "udot"}) {
                InstructionSemantics generic = t.get(m);
                t.put(m, new Resolving(generic, in -> Dot.of(in, m.equals("sdot"), generic)));
            }
        }
        for (String m : new String[] {"ld1", "st1"}) {
            InstructionSemantics generic = t.get(m);
            t.put(m, new Resolving(generic, in -> Multiple.of(in, m.equals("st1"), generic)));
        }
        for (String m : new String[] {"ldr", "str"}) {
            InstructionSemantics generic = t.get(m);
            t.put(m, new Resolving(generic, in -> Single.of(in, m.equals("str"), generic)));
        }
        InstructionSemantics mov = t.get("mov");
        t.put("mov", new Resolving(mov, in -> in.operands().size() == 2 && gpr(in.op(0))
            && (gpr(in.op(1)) || in.op(1) instanceof Operand.Imm) ? ScalarBinary.move(in) : mov));
        widening(t, "smull", 'm', false);
        widening(t, "smull2", 'm', true);
        widening(t, "smlal", 'a', false);
        widening(t, "smlal2", 'a', true);
        widening(t, "saddl", 'l', false);
        widening(t, "saddl2", 'l', true);
        widening(t, "saddw", 'w', false);
        widening(t, "saddw2", 'w', true);
        widening(t, "sxtl", 'x', false);
        widening(t, "sxtl2", 'x', true);
        for (String m : new String[] {"tbl", "tbx"}) {
            InstructionSemantics generic = t.get(m);
            t.put(m, new Resolving(generic, in -> TableLookup.of(in, m.equals("tbx"), generic)));
        }
        for (String m : new String[] {"zip1", "zip2", "uzp1", "uzp2"}) {
            InstructionSemantics generic = t.get(m);
            t.put(m, new Resolving(generic, in -> Permute.of(in, m, generic)));
        }
        InstructionSemantics movi = t.get("movi");
        t.put("movi", new Resolving(movi, in -> Broadcast.immediate(in, movi)));
        InstructionSemantics dup = t.get("dup");
        t.put("dup", new Resolving(dup, in -> Broadcast.general(in, dup)));
        for (String m : new String[] {"addv", "saddlv"}) {
            InstructionSemantics generic = t.get(m);
            t.put(m, new Resolving(generic, in -> AcrossLanes.of(in, m.equals("saddlv"), generic)));
        }
        InstructionSemantics subs = t.get("subs");
        t.put("subs", new Resolving(subs, in -> Subtract.of(in, true, subs)));
        InstructionSemantics cmp = t.get("cmp");
        t.put("cmp", new Resolving(cmp, in -> Subtract.of(in, false, cmp)));
        for (String cond : ArmScalar.CONDITIONS) {
            InstructionSemantics generic = t.get("b." + cond);
            int c = ArmScalar.condition(cond);
            t.put("b." + cond, new Resolving(generic, in -> new ConditionalBranch(c)));
        }
        for (String m : new String[] {"cbnz", "cbz"}) {
            InstructionSemantics generic = t.get(m);
            boolean taken = m.equals("cbnz");
            t.put(m, new Resolving(generic, in -> {
                if (in.operands().size() != 2 || !gpr(in.op(0))) {
                    return generic;
                }
                return new CompareBranch(in.reg(0).index(), mask(in.reg(0)), taken);
            }));
        }
    }

    /** b.cond on the flags: a class rather than a lambda, so the interpreter reaches it with its one virtual call. */
    private static final class ConditionalBranch extends ResolvedSemantics {
        private final int condition;

        ConditionalBranch(int condition) {
            this.condition = condition;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            if (ArmScalar.holds(condition, s)) {
                s.nextPc = s.branchTarget;
            }
        }
    }

    /** cbnz / cbz on a register decoded once: taken when (register != 0) equals {@code whenNonzero}. */
    private static final class CompareBranch extends ResolvedSemantics {
        private final int reg;
        private final long mask;
        private final boolean whenNonzero;

        CompareBranch(int reg, long mask, boolean whenNonzero) {
            this.reg = reg;
            this.mask = mask;
            this.whenNonzero = whenNonzero;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            if (((s.gpr[reg] & mask) != 0) == whenNonzero) {
                s.nextPc = s.branchTarget;
            }
        }
    }

    private static void widening(Map<String, InstructionSemantics> t, String mnemonic, char mode, boolean high) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> Widening.of(in, mode, high, generic)));
    }

    private static void shift(Map<String, InstructionSemantics> t, String mnemonic, char kind) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> ShiftImm.of(in, kind, generic)));
    }

    private static void binary(Map<String, InstructionSemantics> t, String mnemonic, Op op) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> {
            if (in.operands().size() == 3 && gpr(in.op(0)) && (op == Op.ADD || op == Op.SUB)) {
                return ScalarBinary.of(in, op == Op.SUB, generic);
            }
            return Binary.of(in, op, generic);
        }));
    }

    static boolean gpr(Operand o) {
        return o instanceof Reg r && (r.cls() == Reg.RegClass.X || r.cls() == Reg.RegClass.W);
    }

    /** A W read is zero-extended and a W write zero-extends (ArmScalar.read/write). */
    static long mask(Reg r) {
        return r.cls() == Reg.RegClass.W ? 0xFFFF_FFFFL : -1L;
    }

    /** A vector arrangement view (v.16b ... v.2d), not a scalar view (q/d/s/h/b). */
    private static boolean arrangement(Operand o) {
        return o instanceof Reg r && r.cls().isArmSimd() && r.cls().ordinal() <= Reg.RegClass.V2D.ordinal();
    }

    private static long get(byte[] b, int offset) {
        return (long) LONGS.get(b, offset);
    }

    private static void put(byte[] b, int offset, long v) {
        LONGS.set(b, offset, v);
    }

    /** One bit at the top of every lane of {@code size} bytes. */
    private static long highBits(int size) {
        return switch (size) {
            case 1 -> 0x8080_8080_8080_8080L;
            case 2 -> 0x8000_8000_8000_8000L;
            case 4 -> 0x8000_0000_8000_0000L;
            default -> Long.MIN_VALUE;
        };
    }

    /** {@code v} (which fits a lane of {@code size} bytes) repeated in every lane of a 64-bit word. */
    private static long replicate(long v, int size) {
        return switch (size) {
            case 1 -> v * 0x0101_0101_0101_0101L;
            case 2 -> v * 0x0001_0001_0001_0001L;
            case 4 -> v * 0x0000_0001_0000_0001L;
            default -> v;
        };
    }

    /** vd = vn op vm on arrangement views of one width; the lane size matters to add/sub only. */
    private static final class Binary extends ResolvedSemantics {
        private final Op op;
        private final int width;
        private final int dst;
        private final int a;
        private final int b;
        private final long high;
        private final int laneBytes;
        private final boolean vectors;

        private Binary(Op op, Reg d, Reg n, Reg m) {
            this.op = op;
            this.width = d.cls().bytes();
            this.dst = d.index();
            this.a = n.index();
            this.b = m.index();
            this.laneBytes = ArmRegs.laneBytes(d.cls());
            this.high = highBits(laneBytes);
            this.vectors = laneVectors(width, false);
        }

        static InstructionSemantics of(Instruction in, Op op, InstructionSemantics generic) {
            if (in.operands().size() != 3 || !arrangement(in.op(0)) || !arrangement(in.op(1))
                    || !arrangement(in.op(2))) {
                return generic;
            }
            Reg d = in.reg(0);
            int w = d.cls().bytes();
            if (in.reg(1).cls().bytes() != w || in.reg(2).cls().bytes() != w) {
                return generic;
            }
            return new Binary(op, d, in.reg(1), in.reg(2));
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] x = s.vec[a];
            byte[] y = s.vec[b];
            byte[] r = s.vec[dst];
            if (vectors && VectorWarmup.warm()) {
                ArmLaneVector.binary(op, laneBytes, x, y, r);
                s.clearAbove(dst, width);
                return;
            }
            long h = high;
            long low = ~h;
            for (int o = 0; o < width; o += 8) {
                long u = get(x, o);
                long v = get(y, o);
                put(r, o, switch (op) {
                    case AND -> u & v;
                    case ORR -> u | v;
                    case EOR -> u ^ v;
                    case BIC -> u & ~v;
                    case ADD -> ((u & low) + (v & low)) ^ ((u ^ v) & h);
                    case SUB -> ((u | h) - (v & low)) ^ ((u ^ ~v) & h);
                });
            }
            s.clearAbove(dst, width);
        }
    }

    /** ushr/sshr/shl vd, vn, #n on arrangement views of one width, n in the generic form's valid range. */
    private static final class ShiftImm extends ResolvedSemantics {
        private final char kind;
        private final int width;
        private final int size;
        private final int dst;
        private final int a;
        private final int n;
        private final boolean vectors;

        private ShiftImm(char kind, Reg d, Reg src, int n) {
            this.kind = kind;
            this.width = d.cls().bytes();
            this.size = ArmRegs.laneBytes(d.cls());
            this.dst = d.index();
            this.a = src.index();
            this.n = n;
            // a logical shift right by the whole lane clears it: the Vector API would mask that count
            this.vectors = laneVectors(width, false) && !(kind == 'u' && n == 8 * size);
        }

        static InstructionSemantics of(Instruction in, char kind, InstructionSemantics generic) {
            if (in.operands().size() != 3 || !arrangement(in.op(0)) || !arrangement(in.op(1))
                    || !(in.op(2) instanceof Operand.Imm imm) || in.reg(1).cls().bytes() != in.reg(0).cls().bytes()) {
                return generic;
            }
            int bits = 8 * ArmRegs.laneBytes(in.reg(0).cls());
            long n = imm.value();
            boolean right = kind != 'l';
            if (right ? n < 1 || n > bits : n < 0 || n >= bits) {
                return generic; // the generic form reports the bad count when it runs
            }
            return new ShiftImm(kind, in.reg(0), in.reg(1), (int) n);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] x = s.vec[a];
            byte[] r = s.vec[dst];
            if (vectors && VectorWarmup.warm()) {
                ArmLaneVector.shift(kind, size, n, x, r);
            } else if (kind == 's') {
                // sign-extended lanes shifted as longs (n <= lane bits, so never by 64)
                for (int i = 0; i < width / size; i++) {
                    ArmLanes.put(r, i, size, ArmLanes.signed(x, i, size) >> Math.min(n, 63));
                }
            } else if (kind == 'u' && n == 8 * size) {
                java.util.Arrays.fill(r, 0, width, (byte) 0);
            } else {
                // bits shifted across a lane boundary are masked off
                long laneMask = size == 8 ? -1L : (1L << (8 * size)) - 1;
                long keep = replicate(kind == 'u' ? laneMask >>> n : (laneMask << n) & laneMask, size);
                for (int o = 0; o < width; o += 8) {
                    long u = get(x, o);
                    put(r, o, (kind == 'u' ? u >>> n : u << n) & keep);
                }
            }
            s.clearAbove(dst, width);
        }
    }

    /** sdot/udot vd, vn, vm: each 32-bit lane of vd plus four byte products, wrapping. */
    private static final class Dot extends ResolvedSemantics {
        private final boolean signed;
        private final int width;
        private final int dst;
        private final int a;
        private final int b;
        private final boolean vectors;

        private Dot(boolean signed, Reg d, Reg n, Reg m) {
            this.signed = signed;
            this.width = d.cls().bytes();
            this.dst = d.index();
            this.a = n.index();
            this.b = m.index();
            this.vectors = signed && laneVectors(width, true);
        }

        static InstructionSemantics of(Instruction in, boolean signed, InstructionSemantics generic) {
            if (in.operands().size() != 3 || !arrangement(in.op(0)) || !arrangement(in.op(1))
                    || !arrangement(in.op(2))) {
                return generic;
            }
            int w = in.reg(0).cls().bytes();
            // narrower sources make the generic form fail: keep it
            if (in.reg(1).cls().bytes() < w || in.reg(2).cls().bytes() < w) {
                return generic;
            }
            return new Dot(signed, in.reg(0), in.reg(1), in.reg(2));
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] x = s.vec[a];
            byte[] y = s.vec[b];
            byte[] r = s.vec[dst];
            if (vectors && VectorWarmup.warm()) {
                ArmLaneVector.sdot(x, y, r);
                s.clearAbove(dst, width);
                return;
            }
            for (int k = 0; k < width; k += 4) {
                int sum = MachineState.getInt(r, k / 4);
                if (signed) {
                    sum += x[k] * y[k] + x[k + 1] * y[k + 1] + x[k + 2] * y[k + 2] + x[k + 3] * y[k + 3];
                } else {
                    sum += (x[k] & 0xFF) * (y[k] & 0xFF) + (x[k + 1] & 0xFF) * (y[k + 1] & 0xFF)
                        + (x[k + 2] & 0xFF) * (y[k + 2] & 0xFF) + (x[k + 3] & 0xFF) * (y[k + 3] & 0xFF);
                }
                MachineState.putInt(r, k / 4, sum);
            }
            s.clearAbove(dst, width);
        }
    }

    /** ld1/st1 {vt.T, ...}, [xn, #disp] with optional post-index immediate. */
    private static final class Multiple extends ResolvedSemantics {
        private final boolean store;
        private final int[] regs;
        private final int[] widths;
        private final int base;
        private final int index;
        private final int scale;
        private final long disp;
        private final long post;
        /** Bytes moved: the registers' widths summed. */
        private final int total;

        private Multiple(boolean store, int[] regs, int[] widths, Operand.Mem m, long post) {
            this.store = store;
            this.regs = regs;
            this.widths = widths;
            this.total = java.util.Arrays.stream(widths).sum();
            this.base = m.base() == null ? -1 : m.base().index();
            this.index = m.index() == null ? -1 : m.index().index();
            this.scale = m.scale();
            this.disp = m.disp();
            this.post = post;
        }

        static InstructionSemantics of(Instruction in, boolean store, InstructionSemantics generic) {
            int n = in.operands().size();
            int memAt = 0;
            while (memAt < n && !(in.op(memAt) instanceof Operand.Mem)) {
                memAt++;
            }
            if (memAt == 0 || memAt == n || n > memAt + 2) {
                return generic;
            }
            Operand.Mem m = (Operand.Mem) in.op(memAt);
            int[] regs = new int[memAt];
            int[] widths = new int[memAt];
            int total = 0;
            for (int i = 0; i < memAt; i++) {
                if (!(in.op(i) instanceof Reg r && r.cls().isArmSimd())) {
                    return generic;
                }
                regs[i] = r.index();
                widths[i] = r.cls().bytes();
                total += widths[i];
            }
            boolean postIndex = n == memAt + 2;
            if (total != m.bytes() || postIndex && (!(in.op(memAt + 1) instanceof Operand.Imm) || m.base() == null)) {
                return generic;
            }
            return new Multiple(store, regs, widths, m, postIndex ? ((Operand.Imm) in.op(memAt + 1)).value() : 0);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            long[] gpr = s.gpr;
            long address = disp;
            if (base >= 0) {
                address += gpr[base];
            }
            if (index >= 0) {
                address += gpr[index] * scale;
            }
            // One region lookup for the whole span, and a 16-byte register moved as two longs: per register, a
            // lookup and a copy stub's call were most of a NEON kernel's ld1 (a third of the TL2 GEMV's loads).
            byte[] bytes = s.memory.holding(address, total);
            if (bytes == null) {
                movePieces(s, address);
            } else {
                moveSpan(s, bytes, s.memory.offsetInHolding(address));
            }
            if (post != 0) {
                gpr[base] += post;
            }
        }

        private void moveSpan(MachineState s, byte[] bytes, int at) {
            for (int i = 0; i < regs.length; i++) {
                int w = widths[i];
                byte[] v = s.vec[regs[i]];
                if (w == 16) {
                    if (store) {
                        LONGS.set(bytes, at, (long) LONGS.get(v, 0));
                        LONGS.set(bytes, at + 8, (long) LONGS.get(v, 8));
                    } else {
                        LONGS.set(v, 0, (long) LONGS.get(bytes, at));
                        LONGS.set(v, 8, (long) LONGS.get(bytes, at + 8));
                    }
                } else if (store) {
                    System.arraycopy(v, 0, bytes, at, w);
                } else {
                    System.arraycopy(bytes, at, v, 0, w);
                }
                if (!store) {
                    s.clearAbove(regs[i], w);
                }
                at += w;
            }
        }

        /** The span crosses regions: each register's bytes looked up alone. */
        private void movePieces(MachineState s, long address) {
            for (int i = 0; i < regs.length; i++) {
                int w = widths[i];
                if (store) {
                    s.memory.write(address, s.vec[regs[i]], 0, w);
                } else {
                    s.memory.read(address, s.vec[regs[i]], 0, w);
                    s.clearAbove(regs[i], w);
                }
                address += w;
            }
        }
    }

    /** subs d, n, m|#imm and cmp n, m|#imm on general registers. */
    private static final class Subtract extends ResolvedSemantics {
        private final int dst;
        private final long dstMask;
        private final int a;
        private final long aMask;
        private final int b;
        private final long bMask;
        private final long imm;
        private final boolean is32;

        private Subtract(Reg d, Reg n, Operand m) {
            this.dst = d == null ? -1 : d.index();
            this.dstMask = d == null ? 0 : mask(d);
            this.a = n.index();
            this.aMask = mask(n);
            this.is32 = n.cls() == Reg.RegClass.W;
            if (m instanceof Operand.Imm i) {
                this.b = -1;
                this.bMask = 0;
                this.imm = i.value();
            } else {
                this.b = ((Reg) m).index();
                this.bMask = mask((Reg) m);
                this.imm = 0;
            }
        }

        static InstructionSemantics of(Instruction in, boolean writes, InstructionSemantics generic) {
            int first = writes ? 1 : 0;
            if (in.operands().size() != first + 2 || writes && !gpr(in.op(0)) || !gpr(in.op(first))
                    || !(gpr(in.op(first + 1)) || in.op(first + 1) instanceof Operand.Imm)) {
                return generic;
            }
            return new Subtract(writes ? in.reg(0) : null, in.reg(first), in.op(first + 1));
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            long[] gpr = s.gpr;
            long y = b < 0 ? imm : gpr[b] & bMask;
            long r = ArmScalar.subtract(s, gpr[a] & aMask, y, is32);
            if (dst >= 0) {
                gpr[dst] = r & dstMask;
            }
        }
    }

    /** add/sub d, n, m|#imm on general registers (no flags). */
    private static final class ScalarBinary extends ResolvedSemantics {
        private final boolean subtract;
        private final int dst;
        private final long dstMask;
        private final int a;
        private final long aMask;
        private final int b;
        private final long bMask;
        private final long aImm;
        private final long bImm;

        private ScalarBinary(boolean subtract, Reg d, Operand n, Operand m) {
            this.subtract = subtract;
            this.dst = d.index();
            this.dstMask = mask(d);
            this.a = n instanceof Reg r ? r.index() : -1;
            this.aMask = n instanceof Reg r ? mask(r) : 0;
            this.aImm = n instanceof Operand.Imm i ? i.value() : 0;
            this.b = m instanceof Reg r ? r.index() : -1;
            this.bMask = m instanceof Reg r ? mask(r) : 0;
            this.bImm = m instanceof Operand.Imm i ? i.value() : 0;
        }

        /** mov d, n|#imm as d = 0 + n: ArmScalar.mov writes read(n) with the destination's zero-extension. */
        static InstructionSemantics move(Instruction in) {
            return new ScalarBinary(false, in.reg(0), new Operand.Imm(0), in.op(1));
        }

        static InstructionSemantics of(Instruction in, boolean subtract, InstructionSemantics generic) {
            Operand n = in.op(1);
            Operand m = in.op(2);
            if (!(gpr(n) || n instanceof Operand.Imm) || !(gpr(m) || m instanceof Operand.Imm)) {
                return generic;
            }
            return new ScalarBinary(subtract, in.reg(0), n, m);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            long[] gpr = s.gpr;
            long x = a < 0 ? aImm : gpr[a] & aMask;
            long y = b < 0 ? bImm : gpr[b] & bMask;
            gpr[dst] = (subtract ? x - y : x + y) & dstMask;
        }
    }

    /** ldr/str of one general (w/x) or SIMD&FP register, [xn, #disp], optional post-index immediate. */
    private static final class Single extends ResolvedSemantics {
        private final boolean store;
        private final boolean general;
        private final int reg;
        private final long mask;
        private final int width;
        private final int base;
        private final int index;
        private final int scale;
        private final long disp;
        private final long post;

        private Single(boolean store, Reg r, Operand.Mem m, long post) {
            this.store = store;
            this.general = r.cls().isGpr();
            this.reg = r.index();
            this.mask = general ? mask(r) : 0;
            this.width = r.cls().bytes();
            this.base = m.base() == null ? -1 : m.base().index();
            this.index = m.index() == null ? -1 : m.index().index();
            this.scale = m.scale();
            this.disp = m.disp();
            this.post = post;
        }

        static InstructionSemantics of(Instruction in, boolean store, InstructionSemantics generic) {
            int n = in.operands().size();
            if (n < 2 || n > 3 || !(gpr(in.op(0)) || in.op(0) instanceof Reg r && r.cls().isArmSimd())
                    || !(in.op(1) instanceof Operand.Mem m) || m.bytes() != in.reg(0).cls().bytes()
                    || n == 3 && (!(in.op(2) instanceof Operand.Imm) || m.base() == null)) {
                return generic;
            }
            return new Single(store, in.reg(0), m, n == 3 ? ((Operand.Imm) in.op(2)).value() : 0);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            long[] gpr = s.gpr;
            long address = disp;
            if (base >= 0) {
                address += gpr[base];
            }
            if (index >= 0) {
                address += gpr[index] * scale;
            }
            if (general) {
                if (store) {
                    s.memory.writeLong(address, gpr[reg], width);
                } else {
                    gpr[reg] = s.memory.readLong(address, width) & mask;
                }
            } else if (store) {
                s.memory.write(address, s.vec[reg], 0, width);
            } else {
                s.memory.read(address, s.vec[reg], 0, width);
                s.clearAbove(reg, width);
            }
            if (post != 0) {
                gpr[base] += post;
            }
        }
    }

    /**
     * The widening forms of {@link ArmSimd#widening} with the same lane code, reading the sources in place and building
     * the result in the state's scratch buffer (a destination that is also a narrow source is read at other offsets
     * than it is written, so it cannot be written in place).
     */
    private static final class Widening extends ResolvedSemantics {
        private final char mode;
        private final Reg d;
        private final int width;
        private final int wide;
        private final int lanes;
        private final int offset;
        private final int dst;
        private final int n;
        private final int m;
        /** Bytes to a full register of shorts, multiplied, accumulated or added: {@link ArmLaneVector#widenBytes}. */
        private final boolean vectors;

        private Widening(char mode, boolean high, Reg d, Reg nReg, Reg mReg) {
            this.mode = mode;
            this.d = d;
            this.width = d.cls().bytes();
            this.wide = ArmRegs.laneBytes(d.cls());
            this.lanes = width / wide;
            this.offset = high ? lanes : 0;
            this.dst = d.index();
            this.n = nReg.index();
            this.m = mReg == null ? -1 : mReg.index();
            this.vectors = wide == 2 && (mode == 'm' || mode == 'a' || mode == 'l') && laneVectors(width, false);
        }

        static InstructionSemantics of(Instruction in, char mode, boolean high, InstructionSemantics generic) {
            int count = mode == 'x' ? 2 : 3;
            if (in.operands().size() != count) {
                return generic;
            }
            for (int i = 0; i < count; i++) {
                if (!arrangement(in.op(i))) {
                    return generic;
                }
            }
            Reg d = in.reg(0);
            int wide = ArmRegs.laneBytes(d.cls());
            if (wide < 2) {
                return generic;
            }
            int lanes = d.cls().bytes() / wide;
            // bytes read from the narrow sources (from the wide vn for saddw): the generic copies of the source views
            // must hold them, else it fails; keep it for such forms
            int narrowEnd = ((high ? lanes : 0) + lanes) * (wide / 2);
            int nEnd = mode == 'w' ? d.cls().bytes() : narrowEnd;
            if (in.reg(1).cls().bytes() < nEnd || count == 3 && in.reg(2).cls().bytes() < narrowEnd) {
                return generic;
            }
            return new Widening(mode, high, d, in.reg(1), count == 3 ? in.reg(2) : null);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] a = s.vec[n];
            byte[] b = m < 0 ? null : s.vec[m];
            byte[] acc = s.vec[dst];
            if (vectors && VectorWarmup.warm()) {
                ArmLaneVector.widenBytes(mode, offset, a, b, acc);
                s.clearAbove(dst, width);
                return;
            }
            byte[] r = s.resultScratch();
            int narrow = wide / 2;
            for (int i = 0; i < lanes; i++) {
                long v = switch (mode) {
                    case 'm' -> lane(a, offset + i, narrow) * lane(b, offset + i, narrow);
                    case 'a' -> lane(acc, i, wide) + lane(a, offset + i, narrow) * lane(b, offset + i, narrow);
                    case 'l' -> lane(a, offset + i, narrow) + lane(b, offset + i, narrow);
                    case 'w' -> lane(a, i, wide) + lane(b, offset + i, narrow);
                    default -> lane(a, offset + i, narrow);
                };
                putLane(r, i, wide, v);
            }
            s.writeVector(d, r, width);
        }
    }

    /**
     * Element {@code i} of {@code size} bytes, sign-extended, as {@link ArmLanes#signed}: one view load the JIT inlines
     * into the widening loop (ArmLanes' byte-by-byte form was a fifth of the T-MAC interpreter's time, not inlined).
     */
    private static long lane(byte[] b, int i, int size) {
        return switch (size) {
            case 1 -> b[i];
            case 2 -> (short) SHORTS.get(b, 2 * i);
            case 4 -> (int) INTS.get(b, 4 * i);
            default -> get(b, 8 * i);
        };
    }

    /** The low {@code size} bytes (2, 4 or 8) of {@code v} to element {@code i}, as {@link ArmLanes#put}. */
    private static void putLane(byte[] b, int i, int size, long v) {
        switch (size) {
            case 2 -> SHORTS.set(b, 2 * i, (short) v);
            case 4 -> INTS.set(b, 4 * i, (int) v);
            default -> put(b, 8 * i, v);
        }
    }

    /**
     * movi vd.T, #imm and dup vd.T, wn|xn on arrangement views: one word that every eight bytes of vd repeat, the
     * constant built once for movi, for dup from the general register's low lane bits (all 64 for .2d, as the generic
     * form reads the register without a W view's zero-extension).
     */
    private static final class Broadcast extends ResolvedSemantics {
        private final int width;
        private final int size;
        private final int dst;
        /** dup's general register, -1 for movi. */
        private final int src;
        private final long laneMask;
        private final long word;

        private Broadcast(Reg d, int src, long word) {
            this.width = d.cls().bytes();
            this.size = ArmRegs.laneBytes(d.cls());
            this.dst = d.index();
            this.src = src;
            this.laneMask = size == 8 ? -1L : (1L << (8 * size)) - 1;
            this.word = word;
        }

        static InstructionSemantics immediate(Instruction in, InstructionSemantics generic) {
            if (in.operands().size() != 2 || !arrangement(in.op(0)) || !(in.op(1) instanceof Operand.Imm imm)) {
                return generic;
            }
            int size = ArmRegs.laneBytes(in.reg(0).cls());
            long v = imm.value();
            if (size < 8 && (v < -128 || v > 255)) {
                return generic; // the generic form reports the bad immediate when it runs
            }
            return new Broadcast(in.reg(0), -1, replicate(size == 8 ? v : v & 0xFF, size));
        }

        static InstructionSemantics general(Instruction in, InstructionSemantics generic) {
            if (in.operands().size() != 2 || !arrangement(in.op(0)) || !gpr(in.op(1))) {
                return generic;
            }
            return new Broadcast(in.reg(0), in.reg(1).index(), 0);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            long w = src < 0 ? word : replicate(s.gpr[src] & laneMask, size);
            byte[] r = s.vec[dst];
            put(r, 0, w);
            if (width == 16) {
                put(r, 8, w);
            }
            s.clearAbove(dst, width);
        }
    }

    /**
     * addv (the sum wraps at the element size) and saddlv (signed, into an element twice as wide) of an arrangement view
     * into a scalar view of the result's width: the lanes are summed as signed longs (exact for every arrangement),
     * then the low bytes are written and the rest of vd zeroed, as {@link ArmSimd#acrossLanes} does. A destination of
     * another width (which the generic form rejects) and saddlv of .2d (a 16-byte result) keep the generic form.
     */
    private static final class AcrossLanes extends ResolvedSemantics {
        private final int width;
        private final int size;
        private final int outSize;
        private final int dst;
        private final int src;

        private AcrossLanes(Reg d, Reg n, int size, int outSize) {
            this.width = n.cls().bytes();
            this.size = size;
            this.outSize = outSize;
            this.dst = d.index();
            this.src = n.index();
        }

        static InstructionSemantics of(Instruction in, boolean longResult, InstructionSemantics generic) {
            if (in.operands().size() != 2 || !arrangement(in.op(1)) || !(in.op(0) instanceof Reg d)
                    || !d.cls().isArmSimd()) {
                return generic;
            }
            Reg n = in.reg(1);
            int size = ArmRegs.laneBytes(n.cls());
            int outSize = longResult ? 2 * size : size;
            if (outSize > 8 || d.cls().bytes() != outSize) {
                return generic;
            }
            return new AcrossLanes(d, n, size, outSize);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] a = s.vec[src];
            long sum = 0;
            switch (size) {
                case 1 -> {
                    for (int o = 0; o < width; o++) {
                        sum += a[o];
                    }
                }
                case 2 -> {
                    for (int o = 0; o < width; o += 2) {
                        sum += (short) SHORTS.get(a, o);
                    }
                }
                case 4 -> {
                    for (int o = 0; o < width; o += 4) {
                        sum += (int) INTS.get(a, o);
                    }
                }
                default -> {
                    for (int o = 0; o < width; o += 8) {
                        sum += get(a, o);
                    }
                }
            }
            byte[] r = s.vec[dst];
            switch (outSize) {
                case 1 -> r[0] = (byte) sum;
                case 2 -> SHORTS.set(r, 0, (short) sum);
                case 4 -> INTS.set(r, 0, (int) sum);
                default -> put(r, 0, sum);
            }
            s.clearAbove(dst, outSize);
        }
    }

    /**
     * tbl/tbx vd, {tables}, vidx. Several tables (or one that is also vd) are first copied into the scratch buffer, one
     * after the other as the generic form lays them out, so the result can be written straight into vd: byte i reads
     * index byte i and (tbx) vd's byte i before writing byte i, so an index or destination alias is exact.
     */
    private static final class TableLookup extends ResolvedSemantics {
        private final boolean extension;
        private final int width;
        private final int dst;
        private final int[] tables;
        private final int length;
        private final boolean copy;
        private final int idx;
        /** Whether the Vector API form ({@link ArmLaneVector#tableLookup}) serves this width on this host. */
        private final boolean vectors;

        private TableLookup(boolean extension, Reg d, int[] tables, Reg idx) {
            this.extension = extension;
            this.width = d.cls().bytes();
            this.vectors = laneVectors(width, false);
            this.dst = d.index();
            this.tables = tables;
            this.length = 16 * tables.length;
            this.copy = tables.length > 1 || tables[0] == dst;
            this.idx = idx.index();
        }

        static InstructionSemantics of(Instruction in, boolean extension, InstructionSemantics generic) {
            int n = in.operands().size();
            if (n < 3) {
                return generic;
            }
            for (int i = 0; i < n; i++) {
                if (!(in.op(i) instanceof Reg r && r.cls().isArmSimd())) {
                    return generic;
                }
            }
            int width = in.reg(0).cls().bytes();
            // the generic form copies the index and old destination views and reads width bytes of each
            if (in.reg(n - 1).cls().bytes() < width) {
                return generic;
            }
            int[] tables = new int[n - 2];
            for (int t = 1; t < n - 1; t++) {
                tables[t - 1] = in.reg(t).index();
            }
            return new TableLookup(extension, in.reg(0), tables, in.reg(n - 1));
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            if (vectors && VectorWarmup.warm()) {
                ArmLaneVector.tableLookup(extension, s.vec, tables, s.vec[idx], s.vec[dst]);
                s.clearAbove(dst, width);
                return;
            }
            byte[] table;
            if (copy) {
                table = s.resultScratch();
                for (int t = 0; t < tables.length; t++) {
                    byte[] v = s.vec[tables[t]];
                    put(table, 16 * t, get(v, 0));
                    put(table, 16 * t + 8, get(v, 8));
                }
            } else {
                table = s.vec[tables[0]];
            }
            byte[] index = s.vec[idx];
            byte[] r = s.vec[dst];
            int limit = length;
            for (int i = 0; i < width; i++) {
                int k = index[i] & 0xFF;
                if (k < limit) {
                    r[i] = table[k];
                } else if (!extension) {
                    r[i] = 0;
                }
            }
            s.clearAbove(dst, width);
        }
    }

    /**
     * zip1/zip2/uzp1/uzp2 on arrangement views of one width, as {@link ArmSimd#permute}. The sources are read into
     * words before vd (which may be one of them) is written, and lanes move as bit fields: zip spreads the four low
     * bytes of a word to every other lane, uzp packs the even lanes of a word into its four low bytes.
     */
    private static final class Permute extends ResolvedSemantics {
        private final boolean zip;
        private final boolean second;
        private final boolean wide;
        private final int size;
        private final int dst;
        private final int a;
        private final int b;

        private Permute(String op, Reg d, Reg a, Reg b) {
            this.zip = op.startsWith("zip");
            this.second = op.endsWith("2");
            this.wide = d.cls().bytes() == 16;
            this.size = ArmRegs.laneBytes(d.cls());
            this.dst = d.index();
            this.a = a.index();
            this.b = b.index();
        }

        static InstructionSemantics of(Instruction in, String op, InstructionSemantics generic) {
            if (in.operands().size() != 3 || !arrangement(in.op(0)) || !arrangement(in.op(1))
                    || !arrangement(in.op(2))) {
                return generic;
            }
            int w = in.reg(0).cls().bytes();
            if (in.reg(1).cls().bytes() != w || in.reg(2).cls().bytes() != w) {
                return generic;
            }
            return new Permute(op, in.reg(0), in.reg(1), in.reg(2));
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] x = s.vec[a];
            byte[] y = s.vec[b];
            long x0 = get(x, 0);
            long y0 = get(y, 0);
            byte[] r = s.vec[dst];
            int n = size;
            if (!wide) {
                // 8b, 4h, 2s: zip takes half a word of each source, uzp a word's even or odd lanes of each
                put(r, 0, zip ? interleave(second ? x0 >>> 32 : x0, second ? y0 >>> 32 : y0, n)
                    : evens(second ? x0 >>> 8 * n : x0, n) | evens(second ? y0 >>> 8 * n : y0, n) << 32);
                s.clearAbove(dst, 8);
                return;
            }
            long x1 = get(x, 8);
            long y1 = get(y, 8);
            long r0;
            long r1;
            if (n == 8) {
                // 2d: zip and uzp alike take lane 0 (the 1 forms) or lane 1 (the 2 forms) of each source
                r0 = second ? x1 : x0;
                r1 = second ? y1 : y0;
            } else if (zip) {
                long u = second ? x1 : x0;
                long v = second ? y1 : y0;
                r0 = interleave(u, v, n);
                r1 = interleave(u >>> 32, v >>> 32, n);
            } else {
                int shift = second ? 8 * n : 0;
                r0 = evens(x0 >>> shift, n) | evens(x1 >>> shift, n) << 32;
                r1 = evens(y0 >>> shift, n) | evens(y1 >>> shift, n) << 32;
            }
            put(r, 0, r0);
            put(r, 8, r1);
            s.clearAbove(dst, 16);
        }

        /** The lanes in the low four bytes of u and of v, alternating (u's first), as one word. */
        private static long interleave(long u, long v, int size) {
            return spread(u, size) | spread(v, size) << 8 * size;
        }

        /** The lanes of {@code size} bytes in the low four bytes of {@code w} moved to the even lanes of a word. */
        private static long spread(long w, int size) {
            long t = w & 0xFFFF_FFFFL;
            if (size == 4) {
                return t;
            }
            t = (t | t << 16) & 0x0000_FFFF_0000_FFFFL;
            return size == 2 ? t : (t | t << 8) & 0x00FF_00FF_00FF_00FFL;
        }

        /** The even lanes of {@code size} bytes of {@code w} packed into its low four bytes. */
        private static long evens(long w, int size) {
            if (size == 4) {
                return w & 0xFFFF_FFFFL;
            }
            long t = w;
            if (size == 1) {
                t &= 0x00FF_00FF_00FF_00FFL;
                t = (t | t >>> 8) & 0x0000_FFFF_0000_FFFFL;
            } else {
                t &= 0x0000_FFFF_0000_FFFFL;
            }
            return (t | t >>> 16) & 0xFFFF_FFFFL;
        }
    }
}
