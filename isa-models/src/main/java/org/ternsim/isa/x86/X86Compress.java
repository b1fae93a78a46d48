// AVX-512 vptestmb (mask of non-zero bytes), vpcompressb/d and scalar popcnt: the sparse GEMV's zero-skipping.
package org.ternsim.isa.x86;

import java.util.Map;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;

/**
 * {@code vptestmb k1, a, b}: bit i of k1 = ((a_i AND b_i) != 0) for the register's bytes, bits above them zero
 * (SDM vol. 2, VPTESTMB/W/D/Q; only the byte form is registered, the one the lowerings use). A write-mask on k1 ({@code k1{k2}}) is not used by the lowerings and not
 * modelled: it is rejected.
 *
 * <p>{@code vpcompress{b,d} dst{k}{z}, src}: the elements of src whose mask bit is set, packed to the low end of dst in
 * ascending order; the elements above them are zeroed with {z} and kept with merge masking (SDM vol. 2, VPCOMPRESSB
 * and VPCOMPRESSD). Without a mask every element is selected. The memory destination form (which stores only the
 * selected elements) is microcoded on Zen 4 (uops.info: tens of uops); the lowerings use the register form plus a
 * full-width store, so only that form is modelled.
 */
final class X86Compress {

    private X86Compress() {
    }

    static void register(Map<String, InstructionSemantics> t) {
        t.put("vptestmb", test(1));
        t.put("vpcompressb", compress(1));
        t.put("vpcompressd", compress(4));
        t.put("popcnt", X86Compress::popcnt);
    }

    private static InstructionSemantics test(int elementBytes) {
        return (in, s) -> {
            Reg k = in.reg(0);
            if (k.cls() != Reg.RegClass.K) {
                throw new IllegalArgumentException("vptestm writes an opmask register: " + in);
            }
            int w = X86Semantics.width(in);
            byte[] a = s.readVector(in.op(1), w);
            byte[] b = s.readVector(in.op(2), w);
            long bits = 0;
            for (int e = 0; e < w / elementBytes; e++) {
                boolean any = false;
                for (int i = e * elementBytes; i < (e + 1) * elementBytes; i++) {
                    any |= (a[i] & b[i]) != 0;
                }
                if (any) {
                    bits |= 1L << e;
                }
            }
            s.mask[k.index()] = bits;
        };
    }

    private static InstructionSemantics compress(int elementBytes) {
        return (in, s) -> {
            Reg dst;
            long selected;
            boolean zeroing;
            if (in.op(0) instanceof Operand.Masked m) {
                dst = m.reg();
                selected = s.mask[m.mask().index()];
                zeroing = m.zeroing();
            } else if (in.op(0) instanceof Reg r && r.cls().isVector()) {
                dst = r;
                selected = -1L;
                zeroing = false;
            } else {
                throw new IllegalArgumentException("only the register-destination vpcompress is modelled: " + in);
            }
            int w = dst.cls().bytes();
            byte[] src = s.readVector(in.op(1), w);
            byte[] r = zeroing ? new byte[w] : s.readVector(dst, w);
            int out = 0;
            for (int e = 0; e < w / elementBytes; e++) {
                if ((selected >>> e & 1) != 0) {
                    System.arraycopy(src, e * elementBytes, r, out * elementBytes, elementBytes);
                    out++;
                }
            }
            s.writeVector(dst, r);
        };
    }

    /** Population count; ZF = (source == 0), CF/OF/SF cleared (SDM vol. 2, POPCNT). */
    private static void popcnt(Instruction in, MachineState s) {
        Reg d = in.reg(0);
        long v = s.readInt(in.op(1));
        if (d.cls() == Reg.RegClass.R32) {
            v &= 0xFFFF_FFFFL;
        }
        s.writeInt(d, Long.bitCount(v));
        s.zf = v == 0;
        s.cf = false;
        s.of = false;
        s.sf = false;
    }
}
