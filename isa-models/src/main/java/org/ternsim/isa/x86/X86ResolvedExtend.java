// Per-pc resolved forms of the sign and zero extensions (vpmovsx*, vpmovzx*): operands decoded once, no allocation.
package org.ternsim.isa.x86;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Map;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.ResolvedSemantics;
import org.ternsim.isa.Resolving;
import org.ternsim.isa.VectorWarmup;

/**
 * As {@link X86Resolved}, for the widenings of the T-MAC lookups and sums and of the sparse kernel's code bytes. The
 * generic form ({@link X86IntVector}) reads the low (destination width) * from / to bytes of the source, an xmm/ymm
 * register or memory, and builds the result in a fresh array; here it goes straight into the destination, from the top
 * element down. Element i writes bytes [to * i, to * i + to), where a destination that is also the source holds source
 * elements i and above only, all read by then. {@code X86ResolvedTest} compares the two at every width.
 */
final class X86ResolvedExtend {

    private X86ResolvedExtend() {
    }

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS =
        MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    /** Source and destination element sizes. */
    enum Widening { BW, BD, WD }

    /** Wraps the generic semantics in {@code t}; call before masking is added. */
    static void register(Map<String, InstructionSemantics> t) {
        extend(t, "vpmovsxbw", Widening.BW, true);
        extend(t, "vpmovsxbd", Widening.BD, true);
        extend(t, "vpmovsxwd", Widening.WD, true);
        extend(t, "vpmovzxbw", Widening.BW, false);
        extend(t, "vpmovzxbd", Widening.BD, false);
        extend(t, "vpmovzxwd", Widening.WD, false);
    }

    private static void extend(Map<String, InstructionSemantics> t, String mnemonic, Widening kind, boolean signed) {
        InstructionSemantics generic = t.get(mnemonic);
        t.put(mnemonic, new Resolving(generic, in -> in.operands().size() == 2 && X86Resolved.vector(in.op(0))
            && (X86Resolved.vector(in.op(1)) || in.op(1) instanceof Operand.Mem)
            ? new Extend(in, kind, signed) : generic));
    }

    private static final class Extend extends ResolvedSemantics {
        private final Widening kind;
        private final int width;
        private final int dst;
        private final int src;
        private final Operand.Mem mem;
        /** Destination elements: width / to. */
        private final int elements;
        /** Source bytes read, as many as the generic form reads (so a memory source faults alike). */
        private final int sourceBytes;
        /** All ones for a sign extension; the source element's bits for a zero extension. */
        private final int keep;
        /**
         * The Vector API form (bytes to words, words to dwords) where the host's vectors serve the width, else null.
         * Bytes to dwords has none: its 128-bit form reads four bytes, less than the narrowest vector.
         */
        private final X86LaneVector.Convert vectors;

        Extend(Instruction in, Widening kind, boolean signed) {
            this.kind = kind;
            this.width = in.reg(0).cls().bytes();
            this.dst = in.reg(0).index();
            this.mem = in.op(1) instanceof Operand.Mem m ? m : null;
            this.src = mem == null ? in.reg(1).index() : -1;
            int fromBytes = kind == Widening.WD ? 2 : 1;
            this.elements = width / (kind == Widening.BW ? 2 : 4);
            this.sourceBytes = elements * fromBytes;
            this.keep = signed ? -1 : fromBytes == 1 ? 0xFF : 0xFFFF;
            this.vectors = kind == Widening.BD || !X86Resolved.laneVectors(width) ? null
                : kind == Widening.BW ? X86LaneVector.extendBytesToWords(signed, width)
                : X86LaneVector.extendWordsToDwords(signed, width);
        }

        @Override
        public void execute(Instruction in, MachineState s) {
            byte[] x = mem == null ? s.vec[src] : s.memorySource(mem, sourceBytes);
            byte[] r = s.vec[dst];
            if (vectors != null && VectorWarmup.warm()) {
                vectors.apply(x, r); // loads the source before it stores
                s.clearAbove(dst, width);
                return;
            }
            // the source element read sign-extended, then masked to its own bits for a zero extension
            switch (kind) {
                case BW -> {
                    for (int i = elements - 1; i >= 0; i--) {
                        SHORTS.set(r, 2 * i, (short) (x[i] & keep));
                    }
                }
                case BD -> {
                    for (int i = elements - 1; i >= 0; i--) {
                        INTS.set(r, 4 * i, x[i] & keep);
                    }
                }
                case WD -> {
                    for (int i = elements - 1; i >= 0; i--) {
                        INTS.set(r, 4 * i, (short) SHORTS.get(x, 2 * i) & keep);
                    }
                }
            }
            s.clearAbove(dst, width);
        }
    }
}
