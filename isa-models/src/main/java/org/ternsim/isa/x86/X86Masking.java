// AVX-512 opmask registers: kmov, and merge- or zero-masking of any element-wise instruction's destination.
package org.ternsim.isa.x86;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;
import org.ternsim.isa.ResolvedSemantics;
import org.ternsim.isa.Resolving;

/**
 * A destination {@code zmm1{k1}} takes the unmasked result in element i where bit i of k1 is set and keeps its old
 * element elsewhere; {@code {z}} zeroes those instead. Bytes above the written width are zeroed as for any EVEX write.
 * A masked load reads only the selected elements, so masked-off elements outside every region do not fault (SDM
 * vol. 1, 15.6.6 "memory fault suppression").
 */
final class X86Masking {

    private X86Masking() {
    }

    /** Element size in bytes by mnemonic, for the instructions that accept a write mask. */
    private static final Map<String, Integer> ELEMENT_BYTES = new HashMap<>();

    static {
        for (String m : List.of("vmovdqu8", "vpaddb", "vpsubb", "vpshufb", "vpermb", "vpunpcklbw", "vpunpckhbw",
                "vpacksswb", "vpackuswb", "vpabsb", "vpbroadcastb")) {
            ELEMENT_BYTES.put(m, 1);
        }
        for (String m : List.of("vmovdqu16", "vpaddw", "vpsubw", "vpaddsw", "vpsubsw", "vpmullw", "vpmaddubsw",
                "vpsrlw", "vpsllw", "vpsraw", "vpsrlvw", "vpsllvw", "vpsravw", "vpunpcklwd", "vpunpckhwd", "vpackssdw",
                "vpackusdw", "vpmovsxbw", "vpmovzxbw", "vpbroadcastw")) {
            ELEMENT_BYTES.put(m, 2);
        }
        for (String m : List.of("vmovdqu32", "vmovups", "vpaddd", "vpsubd", "vpandd", "vpord", "vpxord", "vpmaddwd",
                "vpdpbusd", "vpdpbusds", "vpdpwssd", "vpdpwssds", "vpslld", "vpsrld", "vpsrad", "vpsrlvd", "vpsllvd",
                "vpsravd", "vpermd", "vpunpckldq", "vpunpckhdq", "vpmovsxbd", "vpmovsxwd", "vpmovzxbd", "vpmovzxwd",
                "vpbroadcastd", "vbroadcastss", "vaddps", "vsubps", "vmulps", "vdivps", "vfmadd231ps", "vcvtdq2ps",
                "vcvtps2dq", "vcvttps2dq", "vcvtph2ps")) {
            ELEMENT_BYTES.put(m, 4);
        }
        for (String m : List.of("vmovdqu64", "vpaddq", "vpandq", "vporq", "vpxorq", "vpermq", "vpunpcklqdq",
                "vpunpckhqdq", "vpbroadcastq")) {
            ELEMENT_BYTES.put(m, 8);
        }
    }

    /** Adds kmov and the EVEX bitwise forms, and wraps every maskable instruction in {@code t} with masking. */
    static void register(Map<String, InstructionSemantics> t) {
        t.put("vpandd", t.get("vpand"));
        t.put("vpandq", t.get("vpand"));
        t.put("vpord", t.get("vpor"));
        t.put("vporq", t.get("vpor"));
        t.put("vpxord", t.get("vpxor"));
        t.put("vpxorq", t.get("vpxor"));
        t.put("vmovdqu16", t.get("vmovdqu"));
        t.put("vmovdqu32", t.get("vmovdqu"));
        t.put("kmovb", kmov(8));
        t.put("kmovw", kmov(16));
        t.put("kmovd", kmov(32));
        t.put("kmovq", kmov(64));
        for (Map.Entry<String, Integer> e : ELEMENT_BYTES.entrySet()) {
            InstructionSemantics plain = t.get(e.getKey());
            if (plain == null) {
                throw new IllegalStateException("no semantics to mask for " + e.getKey());
            }
            t.put(e.getKey(), masked(plain, e.getValue(), e.getKey().startsWith("vmov")));
        }
    }

    /** kmov between opmask registers, GPRs and memory, {@code bits} wide, zero-extended; resolved per pc. */
    private static InstructionSemantics kmov(int bits) {
        long keep = bits == 64 ? -1L : (1L << bits) - 1;
        InstructionSemantics generic = (in, s) -> {
            Reg d = in.reg(0);
            long v = in.op(1) instanceof Reg r && r.cls() == Reg.RegClass.K ? s.mask[r.index()] : s.readInt(in.op(1));
            if (d.cls() == Reg.RegClass.K) {
                s.mask[d.index()] = v & keep;
            } else {
                s.writeInt(d, v & keep);
            }
        };
        return new Resolving(generic, in -> in.operands().size() == 2 && in.op(0) instanceof Reg d
            && d.cls() == Reg.RegClass.K && (in.op(1) instanceof Operand.Mem m && m.bytes() * 8 == bits
                || in.op(1) instanceof Reg r && (r.cls() == Reg.RegClass.K || r.cls() == Reg.RegClass.R32
                    || r.cls() == Reg.RegClass.R64))
            ? new MaskLoad(in, keep) : generic);
    }

    /**
     * kmov into an opmask register from memory, a GPR or another opmask register, decoded once: the value cut to the
     * kmov's width (a 32-bit GPR read zero-extended first, as {@link MachineState#readInt}).
     */
    private static final class MaskLoad extends ResolvedSemantics {
        private final int dst;
        private final Operand.Mem mem;
        private final int src;
        private final boolean fromMask;
        private final long keep;

        MaskLoad(Instruction in, long keep) {
            this.dst = in.reg(0).index();
            this.mem = in.op(1) instanceof Operand.Mem m ? m : null;
            Reg r = mem == null ? in.reg(1) : null;
            this.src = r == null ? -1 : r.index();
            this.fromMask = r != null && r.cls() == Reg.RegClass.K;
            // a 32-bit GPR's upper half reads as zero, as readInt zero-extends r32
            this.keep = r != null && r.cls() == Reg.RegClass.R32 ? keep & 0xFFFF_FFFFL : keep;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            long v;
            if (mem != null) {
                v = s.memory.readLong(s.effectiveAddress(mem), mem.bytes());
            } else {
                v = fromMask ? s.mask[src] : s.gpr[src];
            }
            s.mask[dst] = v & keep;
        }
    }

    private static InstructionSemantics masked(InstructionSemantics plain, int elementBytes, boolean move) {
        return new Masked(plain, elementBytes, move);
    }

    /** Masking around {@code plain}; an instruction without a write mask is resolved to {@code plain} itself. */
    private record Masked(InstructionSemantics plain, int elementBytes, boolean move) implements InstructionSemantics {

        @Override
        public InstructionSemantics specialize(Instruction in) {
            if (in.operands().isEmpty()) {
                return this;
            }
            if (!(in.op(0) instanceof Operand.Masked m)) {
                return plain.specialize(in);
            }
            if (move && in.op(1) instanceof Operand.Mem) {
                return this; // a masked load reads only the selected elements
            }
            List<Operand> ops = new ArrayList<>(in.operands());
            ops.set(0, m.reg());
            Instruction unmasked = new Instruction(in.mnemonic(), ops);
            return new ResolvedMasked(plain.specialize(unmasked), unmasked, m, elementBytes);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            if (!(in.op(0) instanceof Operand.Masked m)) {
                plain.execute(in, s);
                return;
            }
            Reg dst = m.reg();
            int w = dst.cls().bytes();
            long mask = s.mask[m.mask().index()];
            byte[] old = s.vec[dst.index()].clone();
            List<Operand> ops = new ArrayList<>(in.operands());
            ops.set(0, dst);
            if (move && in.op(1) instanceof Operand.Mem src) {
                byte[] r = m.zeroing() ? new byte[w] : java.util.Arrays.copyOf(old, w);
                long base = s.effectiveAddress(src);
                for (int e = 0; e < w / elementBytes; e++) {
                    if ((mask >>> e & 1) != 0) {
                        s.memory.read(base + (long) e * elementBytes, r, e * elementBytes, elementBytes);
                    }
                }
                s.writeVector(dst, r);
                return;
            }
            plain.execute(new Instruction(in.mnemonic(), ops), s);
            byte[] r = java.util.Arrays.copyOf(s.vec[dst.index()], w);
            for (int e = 0; e < w / elementBytes; e++) {
                if ((mask >>> e & 1) == 0) {
                    for (int b = 0; b < elementBytes; b++) {
                        r[e * elementBytes + b] = m.zeroing() ? 0 : old[e * elementBytes + b];
                    }
                }
            }
            s.writeVector(dst, r);
        }
    }

    /**
     * A masked register form, resolved once per pc: the unmasked form (itself resolved) runs, then the masked-off
     * elements get their old bytes back, or zeros. The same steps as {@link Masked#execute} without its per-execution
     * operand list, instruction and arrays; {@code X86ResolvedTest} compares the two.
     */
    private static final class ResolvedMasked extends ResolvedSemantics {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        /**
         * Per element size (1, 2, 4, 8 bytes: index 0 to 3), the 64-bit byte mask of each combination of the mask
         * bits of a word's elements, first element in the low bits.
         */
        private static final long[][] SPREAD = new long[4][];

        static {
            for (int log = 0; log < 4; log++) {
                int size = 1 << log;
                int perWord = 8 / size;
                SPREAD[log] = new long[1 << perWord];
                for (int bits = 0; bits < 1 << perWord; bits++) {
                    long m = 0;
                    for (int e = 0; e < perWord; e++) {
                        if ((bits >>> e & 1) != 0) {
                            m |= (size == 8 ? -1L : (1L << (8 * size)) - 1) << (8 * size * e);
                        }
                    }
                    SPREAD[log][bits] = m;
                }
            }
        }

        private final InstructionSemantics plain;
        private final Instruction unmasked;
        private final int dst;
        private final int width;
        private final int maskReg;
        private final boolean zeroing;
        private final int elementBytes;

        ResolvedMasked(InstructionSemantics plain, Instruction unmasked, Operand.Masked m, int elementBytes) {
            this.plain = plain;
            this.unmasked = unmasked;
            this.dst = m.reg().index();
            this.width = m.reg().cls().bytes();
            this.maskReg = m.mask().index();
            this.zeroing = m.zeroing();
            this.elementBytes = elementBytes;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            long mask = s.mask[maskReg];
            byte[] old = s.destinationScratch();
            System.arraycopy(s.vec[dst], 0, old, 0, width);
            plain.execute(unmasked, s);
            byte[] r = s.vec[dst];
            // Eight bytes at a time, branch-free (mask bits of random weight signs defeat a branch predictor): the
            // mask bits of a word's elements index a table of byte masks.
            long restore = zeroing ? 0 : -1L;
            int perWord = 8 / elementBytes;
            long[] spread = SPREAD[Integer.numberOfTrailingZeros(elementBytes)];
            long bits = (1L << perWord) - 1;
            for (int o = 0, e = 0; o < width; o += 8, e += perWord) {
                long keep = spread[(int) (mask >>> e & bits)];
                LONGS.set(r, o, (long) LONGS.get(r, o) & keep | (long) LONGS.get(old, o) & ~keep & restore);
            }
            s.clearAbove(dst, width);
        }
    }

    /** Whether {@code mnemonic} accepts a write mask here. */
    static boolean maskable(String mnemonic) {
        return ELEMENT_BYTES.containsKey(mnemonic);
    }
}
