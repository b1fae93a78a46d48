// Per-pc resolved forms of shuffles, block broadcasts and 128-bit lane moves (vpshufb, ..., vinserti128/vextracti128).
package org.ternsim.isa.x86;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.function.IntFunction;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.ResolvedSemantics;
import org.ternsim.isa.Resolving;
import org.ternsim.isa.VectorWarmup;

/**
 * As {@link X86Resolved}, for the shuffles of the TL1/TL2/T-MAC inner loops. A shuffle's result byte can come from
 * any byte of its 16-byte lane, so the result is built in the state's scratch buffer and then copied to the
 * destination (which may also be a source). The byte rules are those of {@link X86IntVector}'s generic forms;
 * {@code X86ResolvedTest} compares the two at every width. The 128-bit lane moves of the Q4_0, F16 and T-MAC loops
 * (vinserti128, vextracti128; generic forms in {@link X86Semantics}) copy whole lanes in place instead.
 */
final class X86ResolvedShuffle {

    private X86ResolvedShuffle() {
    }

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
        insertLane(t, "vinserti128", 16);
        insertLane(t, "vinserti64x4", 32);
        extractLane(t, "vextracti128", 16);
        extractLane(t, "vextracti64x4", 32);
    }

    private static void insertLane(Map<String, InstructionSemantics> t, String mnemonic, int laneBytes) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> in.operands().size() == 4 && X86Resolved.vector(in.op(0))
            && X86Resolved.vector(in.op(1)) && (X86Resolved.vector(in.op(2)) || in.op(2) instanceof Operand.Mem)
            && in.op(3) instanceof Operand.Imm ? new InsertLane(in, laneBytes) : generic));
    }

    private static void extractLane(Map<String, InstructionSemantics> t, String mnemonic, int laneBytes) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> in.operands().size() == 3
            && (X86Resolved.vector(in.op(0)) || in.op(0) instanceof Operand.Mem) && X86Resolved.vector(in.op(1))
            && in.op(2) instanceof Operand.Imm ? new ExtractLane(in, laneBytes) : generic));
    }

    private static void broadcast(Map<String, InstructionSemantics> t, String mnemonic, int blockBytes) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> in.operands().size() == 2 && X86Resolved.vector(in.op(0))
            && in.op(1) instanceof Operand.Mem ? new BroadcastBlock(in, blockBytes) : generic));
    }

    /**
     * The scalar loop builds the result in the state's scratch buffer, then writes it: any source may be the
     * destination. The Vector API form ({@link X86LaneVector}) loads both sources before it stores, so it writes the
     * destination directly.
     */
    private abstract static class Shuffle extends X86Resolved.ThreeOperand {
        /** The Vector API form of this shuffle and width, or null for the scalar loop. */
        private final X86LaneVector.Form vectors;

        Shuffle(Instruction in) {
            this(in, null);
        }

        /**
         * With the Vector API form {@code vectors} gives for the width, where the host's vectors serve it or where
         * 64-byte registers run as halves.
         */
        Shuffle(Instruction in, IntFunction<X86LaneVector.Form> vectors) {
            super(in);
            this.vectors = vectors != null && X86Resolved.laneVectors(width) ? vectors.apply(width) : null;
        }

        @Override
        public final void execute(Instruction in, MachineState s) {
            if (vectors != null && VectorWarmup.warm()) {
                vectors.apply(s.vec[a], second(s), s.vec[dst]);
            } else {
                byte[] r = s.resultScratch();
                compute(s.vec[a], second(s), r);
                System.arraycopy(r, 0, s.vec[dst], 0, width);
            }
            s.clearAbove(dst, width);
        }
    }

    /** Byte i = table byte (index_i & 15) of its own 16-byte lane, or 0 where index_i is negative. */
    private static final class ShuffleBytes extends Shuffle {
        ShuffleBytes(Instruction in) {
            super(in, X86LaneVector::shuffleBytes);
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
            super(in, X86LaneVector::permuteBytes);
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
    private static final class ShuffleDwords extends ResolvedSemantics {
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
        private final int elementBits;
        private final int from;

        Unpack(Instruction in, int elementBytes, boolean high) {
            super(in, width -> X86LaneVector.unpack(elementBytes, high, width));
            this.elementBits = 8 * elementBytes;
            this.from = high ? 8 : 0;
        }

        @Override
        void compute(byte[] x, byte[] y, byte[] r) {
            // eight bytes at a time: each half of a lane's source half spread into every other element of a long
            for (int lane = 0; lane < width; lane += 16) {
                long xs = (long) LONGS.get(x, lane + from);
                long ys = (long) LONGS.get(y, lane + from);
                LONGS.set(r, lane, spread(xs & 0xFFFF_FFFFL) | spread(ys & 0xFFFF_FFFFL) << elementBits);
                LONGS.set(r, lane + 8, spread(xs >>> 32) | spread(ys >>> 32) << elementBits);
            }
        }

        /** The elements of the low 32 bits of v, each followed by an empty element of the same size. */
        private long spread(long v) {
            if (elementBits == 32) {
                return v;
            }
            long t = (v | v << 16) & 0x0000_FFFF_0000_FFFFL;
            return elementBits == 16 ? t : (t | t << 8) & 0x00FF_00FF_00FF_00FFL;
        }
    }

    /** A 16- or 32-byte memory block in every block-sized lane of the destination. */
    private static final class BroadcastBlock extends ResolvedSemantics {
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

        /**
         * Eight bytes at a time, read once from the region that holds the block and stored into every copy: five
         * copies of 16 bytes through {@code System.arraycopy} were 13 % of an interpreted I2_S VNNI run. A block
         * outside every region takes the state's read, which reports the fault.
         */
        @Override
        public void execute(Instruction in, MachineState s) {
            long address = s.effectiveAddress(mem);
            byte[] region = s.memory.holding(address, blockBytes);
            byte[] block = region;
            int from = 0;
            if (region == null) {
                block = s.memorySource(mem, blockBytes);
            } else {
                from = s.memory.offsetInHolding(address);
            }
            byte[] r = s.vec[dst];
            for (int i = 0; i < blockBytes; i += 8) {
                long v = (long) LONGS.get(block, from + i);
                for (int o = i; o < width; o += blockBytes) {
                    LONGS.set(r, o, v);
                }
            }
            s.clearAbove(dst, width);
        }
    }

    /**
     * vinserti128 ymm, ymm, xmm/m128, imm (lanes of 16 bytes) or vinserti64x4 zmm, zmm, ymm/m256, imm (32 bytes): the
     * first source's two lanes with lane (imm & 1) replaced by the second source's low lane, zeroed above them (VEX,
     * EVEX), as the generic form whatever views name the registers. The inserted lane is written first and the kept
     * lane second: each copy reads bytes no earlier copy wrote, so a destination that is also either source (or both)
     * needs no scratch buffer.
     */
    private static final class InsertLane extends ResolvedSemantics {
        private final int dst;
        private final int a;
        private final int b;
        private final Operand.Mem mem;
        private final int laneBytes;
        /** Byte offset of the inserted lane, and of the lane kept from the first source. */
        private final int into;
        private final int kept;

        InsertLane(Instruction in, int laneBytes) {
            this.dst = in.reg(0).index();
            this.a = in.reg(1).index();
            this.mem = in.op(2) instanceof Operand.Mem m ? m : null;
            this.b = mem == null ? in.reg(2).index() : -1;
            this.laneBytes = laneBytes;
            // only bit 0 of the immediate selects, as in the generic form
            this.into = laneBytes * (int) (((Operand.Imm) in.op(3)).value() & 1);
            this.kept = laneBytes - into;
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] x = mem == null ? s.vec[b] : s.memorySource(mem, laneBytes);
            byte[] r = s.vec[dst];
            // dst == src2: the inserted bytes are dst's low lane, read here before the kept lane's copy can write it
            System.arraycopy(x, 0, r, into, laneBytes);
            // dst == src1: the kept lane is in place (a self-copy); the inserted lane's write did not touch it
            System.arraycopy(s.vec[a], kept, r, kept, laneBytes);
            s.clearAbove(dst, 2 * laneBytes);
        }
    }

    /**
     * vextracti128 xmm/m128, ymm, imm (lanes of 16 bytes) or vextracti64x4 ymm/m256, zmm, imm (32 bytes): lane
     * (imm & 1) of the source to a register (zeroed above the lane, VEX/EVEX) or to memory. A register destination
     * that is also the source reads the lane before the zeroing.
     */
    private static final class ExtractLane extends ResolvedSemantics {
        private final int dst;
        private final Operand.Mem mem;
        private final int src;
        private final int laneBytes;
        private final int from;

        ExtractLane(Instruction in, int laneBytes) {
            this.mem = in.op(0) instanceof Operand.Mem m ? m : null;
            this.dst = mem == null ? in.reg(0).index() : -1;
            this.src = in.reg(1).index();
            this.laneBytes = laneBytes;
            this.from = laneBytes * (int) (((Operand.Imm) in.op(2)).value() & 1);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            if (mem != null) {
                s.memory.write(s.effectiveAddress(mem), s.vec[src], from, laneBytes);
                return;
            }
            System.arraycopy(s.vec[src], from, s.vec[dst], 0, laneBytes);
            s.clearAbove(dst, laneBytes);
        }
    }
}
