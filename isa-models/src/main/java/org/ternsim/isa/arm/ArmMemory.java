// AArch64 loads and stores: ld1/st1 of register lists, ldr/str of one register, with post-index writeback.
package org.ternsim.isa.arm;

import org.ternsim.isa.Instruction;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;

/**
 * Operands: the transferred registers, then the memory reference {@code [xn, #disp]} whose width is the total
 * transfer, then optionally an immediate: post-index, {@code xn += imm} after the access.
 */
final class ArmMemory {

    private ArmMemory() {
    }

    /** ld1/st1 {vt.T, ...}: consecutive registers filled/stored in order, element order = memory order. */
    static void multiple(Instruction in, MachineState s, boolean store) {
        int memAt = memIndex(in);
        Operand.Mem m = (Operand.Mem) in.op(memAt);
        long address = s.effectiveAddress(m);
        int total = 0;
        for (int i = 0; i < memAt; i++) {
            Reg r = ArmLanes.vreg(in.op(i));
            int w = r.cls().bytes();
            if (store) {
                s.memory.write(address + total, s.vec[r.index()], 0, w);
            } else {
                byte[] v = new byte[w];
                s.memory.read(address + total, v, 0, w);
                s.writeVector(r, v);
            }
            total += w;
        }
        if (total != m.bytes()) {
            throw new IllegalArgumentException("memory width " + m.bytes() + " != register list width " + total + ": " + in);
        }
        postIndex(in, s, memAt);
    }

    /** ldr/str of a general (w/x) or SIMD&FP (b/h/s/d/q) register. */
    static void single(Instruction in, MachineState s, boolean store) {
        Reg r = in.reg(0);
        Operand.Mem m = (Operand.Mem) in.op(1);
        long address = s.effectiveAddress(m);
        int w = r.cls().bytes();
        if (w != m.bytes()) {
            throw new IllegalArgumentException("memory width " + m.bytes() + " != register width " + w + ": " + in);
        }
        if (r.cls().isGpr()) {
            if (store) {
                s.memory.writeLong(address, s.gpr[r.index()], w);
            } else {
                ArmScalar.write(s, r, s.memory.readLong(address, w));
            }
        } else if (store) {
            s.memory.write(address, s.vec[r.index()], 0, w);
        } else {
            byte[] v = new byte[w];
            s.memory.read(address, v, 0, w);
            s.writeVector(r, v);
        }
        postIndex(in, s, 1);
    }

    /**
     * ldrb (zero-extends the byte into the W/X register) and strb (stores bits 7:0), with optional post-index. The
     * memory operand is one byte wide whatever the register.
     */
    static void singleByte(Instruction in, MachineState s, boolean store) {
        Reg r = in.reg(0);
        Operand.Mem m = (Operand.Mem) in.op(1);
        if (!r.cls().isGpr() || m.bytes() != 1) {
            throw new IllegalArgumentException("expected '" + in.mnemonic() + " wN, [xM...]' with a 1-byte access: " + in);
        }
        long address = s.effectiveAddress(m);
        if (store) {
            s.memory.writeLong(address, s.gpr[r.index()] & 0xFF, 1);
        } else {
            ArmScalar.write(s, r, s.memory.readLong(address, 1) & 0xFF);
        }
        postIndex(in, s, 1);
    }

    /** ld1r {vt.T}, [xn]: one element of T's lane size loaded and replicated to every lane; optional post-index. */
    static void replicate(Instruction in, MachineState s) {
        Reg r = ArmLanes.vreg(in.op(0));
        Operand.Mem m = (Operand.Mem) in.op(1);
        int size = ArmLanes.laneBytes(r);
        if (m.bytes() != size) {
            throw new IllegalArgumentException("ld1r reads one " + size + "-byte element, memory width " + m.bytes() + ": "
                + in);
        }
        byte[] e = new byte[size];
        s.memory.read(s.effectiveAddress(m), e, 0, size);
        byte[] v = new byte[r.cls().bytes()];
        for (int i = 0; i < v.length; i++) {
            v[i] = e[i % size];
        }
        s.writeVector(r, v);
        postIndex(in, s, 1);
    }

    private static int memIndex(Instruction in) {
        for (int i = 0; i < in.operands().size(); i++) {
            if (in.op(i) instanceof Operand.Mem) {
                return i;
            }
        }
        throw new IllegalArgumentException("no memory operand: " + in);
    }

    private static void postIndex(Instruction in, MachineState s, int memAt) {
        if (in.operands().size() > memAt + 1) {
            Operand.Mem m = (Operand.Mem) in.op(memAt);
            s.gpr[m.base().index()] += ((Operand.Imm) in.op(memAt + 1)).value();
        }
    }
}
