// Per-pc resolved forms of shuffles and block broadcasts (vpshufb, vpermb, vpshufd, vpunpck*, vbroadcasti*).
package org.ternsim.isa.x86;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Map;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Resolving;

/**
 * As {@link X86Resolved}, for the shuffles of the TL1/TL2/T-MAC inner loops. A shuffle's result byte can come from
 * any byte of its 16-byte lane, so the result is built in the state's scratch buffer and then copied to the
 * destination (which may also be a source). The byte rules are those of {@link X86IntVector}'s generic forms;
 * {@code X86ResolvedTest} compares the two at every width.
 */
final class X86ResolvedShuffle {

    private X86ResolvedShuffle() {
    }

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Wraps the generic semantics in {@code t}; call before masking is added. */
    static void register(Map<String, InstructionSemantics> t) {
        InstructionSemantics shufb = t.get("vpshufb");
        t.put("vpshufb", new Resolving(shufb, in -> X86Resolved.threeOperand(in) ? new ShuffleBytes(in) : shufb));
        InstructionSemantics permb = t.get("vpermb");
        t.put("vpermb", new Resolving(permb, in -> X86Resolved.threeOperand(in) ? new PermuteBytes(in) : permb));
        InstructionSemantics shufd = t.get("vpshufd");
        t.put("vpshufd", new Resolving(shufd, in -> in.operands().size() == 3 && X86Resolved.vector(in.op(0))
            && (X86Resolved.vector(in.op(1)) || in.op(1) instanceof Operand.Mem) && in.op(2) instanceof Operand.Imm
            ? new ShuffleDwords(in) : shufd));
        for (int bytes : new int[] {1, 2, 4}) {
            for (boolean high : new boolean[] {false, true}) {
                String m = "vpunpck" + (high ? "h" : "l") + switch (bytes) {
                    case 1 -> "bw";
                    case 2 -> "wd";
                    default -> "dq";
                };
                InstructionSemantics generic = t.get(m);
                t.put(m, new Resolving(generic,
                    in -> X86Resolved.threeOperand(in) ? new Unpack(in, bytes, high) : generic));
            }
        }
        broadcast(t, "vbroadcasti128", 16);
        broadcast(t, "vbroadcasti32x4", 16);
        broadcast(t, "vbroadcasti64x4", 32);
    }

    private static void broadcast(Map<String, InstructionSemantics> t, String mnemonic, int blockBytes) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> in.operands().size() == 2 && X86Resolved.vector(in.op(0))
            && in.op(1) instanceof Operand.Mem ? new BroadcastBlock(in, blockBytes) : generic));
    }

    /** The result is built in the state's scratch buffer, then written: any source may be the destination. */
    private abstract static class Shuffle extends X86Resolved.ThreeOperand {
        Shuffle(Instruction in) {
            super(in);
        }

        @Override
        public final void execute(Instruction in, MachineState s) {
            byte[] r = s.resultScratch();
            compute(s.vec[a], second(s), r);
            System.arraycopy(r, 0, s.vec[dst], 0, width);
            s.clearAbove(dst, width);
        }
    }

    /** Byte i = table byte (index_i & 15) of its own 16-byte lane, or 0 where index_i is negative. */
    private static final class ShuffleBytes extends Shuffle {
        ShuffleBytes(Instruction in) {
            super(in);
        }

        @Override
        void compute(byte[] table, byte[] index, byte[] r) {
            for (int i = 0; i < width; i++) {
                byte k = index[i];
                r[i] = k < 0 ? 0 : table[(i & ~15) | (k & 15)];
            }
        }
    }

    /** vpermb (VBMI): byte i = table byte (index_i mod width); the index is the first source, the table the second. */
    private static final class PermuteBytes extends Shuffle {
        PermuteBytes(Instruction in) {
            super(in);
        }

        @Override
        void compute(byte[] index, byte[] table, byte[] r) {
            int last = width - 1;
            for (int i = 0; i < width; i++) {
                r[i] = table[index[i] & last];
            }
        }
    }

    /**
     * vpshufd: per 16-byte lane, dword i = dword (imm >> 2i) & 3 of the same lane. A result dword comes only from its
     * own lane, so each lane's four source dwords are read before any is written, and a destination that is also the
     * source needs no scratch buffer.
     */
    private static final class ShuffleDwords implements InstructionSemantics {
        private final int width;
        private final int dst;
        private final int src;
        private final Operand.Mem mem;
        /** Byte offset within a lane of the source dword of result dword 0, 1, 2, 3: from the immediate, once. */
        private final int from0;
        private final int from1;
        private final int from2;
        private final int from3;

        ShuffleDwords(Instruction in) {
            this.width = X86Semantics.width(in);
            this.dst = in.reg(0).index();
            this.mem = in.op(1) instanceof Operand.Mem m ? m : null;
            this.src = mem == null ? in.reg(1).index() : -1;
            int imm = (int) ((Operand.Imm) in.op(2)).value();
            this.from0 = 4 * (imm & 3);
            this.from1 = 4 * (imm >>> 2 & 3);
            this.from2 = 4 * (imm >>> 4 & 3);
            this.from3 = 4 * (imm >>> 6 & 3);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] x = mem == null ? s.vec[src] : s.memorySource(mem, width);
            byte[] r = s.vec[dst];
            for (int lane = 0; lane < width; lane += 16) {
                int d0 = (int) INTS.get(x, lane + from0);
                int d1 = (int) INTS.get(x, lane + from1);
                int d2 = (int) INTS.get(x, lane + from2);
                int d3 = (int) INTS.get(x, lane + from3);
                INTS.set(r, lane, d0);
                INTS.set(r, lane + 4, d1);
                INTS.set(r, lane + 8, d2);
                INTS.set(r, lane + 12, d3);
            }
            s.clearAbove(dst, width);
        }
    }

    /** Per 16-byte lane: the low (or high) halves' elements of the two sources interleaved, first source first. */
    private static final class Unpack extends Shuffle {
        private final int elementBytes;
        private final int from;
        /** Per byte o of a lane's source half, where it lands in the lane (the second source's byte e further on). */
        private final int[] to = new int[8];

        Unpack(Instruction in, int elementBytes, boolean high) {
            super(in);
            this.elementBytes = elementBytes;
            this.from = high ? 8 : 0;
            for (int o = 0; o < 8; o++) {
                to[o] = 2 * (o / elementBytes) * elementBytes + o % elementBytes;
            }
        }

        @Override
        void compute(byte[] x, byte[] y, byte[] r) {
            // byte by byte: an arraycopy call per one- or two-byte element cost more than the copy
            int e = elementBytes;
            for (int lane = 0; lane < width; lane += 16) {
                int src = lane + from;
                for (int o = 0; o < 8; o++) {
                    int at = lane + to[o];
                    r[at] = x[src + o];
                    r[at + e] = y[src + o];
                }
            }
        }
    }

    /** A 16- or 32-byte memory block in every block-sized lane of the destination. */
    private static final class BroadcastBlock implements InstructionSemantics {
        private final int width;
        private final int dst;
        private final Operand.Mem mem;
        private final int blockBytes;

        BroadcastBlock(Instruction in, int blockBytes) {
            this.width = in.reg(0).cls().bytes();
            this.dst = in.reg(0).index();
            this.mem = (Operand.Mem) in.op(1);
            this.blockBytes = blockBytes;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] block = s.memorySource(mem, blockBytes);
            byte[] r = s.vec[dst];
            for (int o = 0; o < width; o += blockBytes) {
                System.arraycopy(block, 0, r, o, blockBytes);
            }
            s.clearAbove(dst, width);
        }
    }
}
