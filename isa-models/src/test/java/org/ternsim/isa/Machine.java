// Test helper: a machine with one scratch memory region that executes single x86 instructions directly.
package org.ternsim.isa;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.ternsim.isa.x86.X86Semantics;

public final class Machine {

    public static final long MEM_BASE = 0x10_0000L;
    public static final int MEM_BYTES = 4096;

    public final Memory memory = new Memory(List.of(new Region("mem", MEM_BASE, MEM_BYTES, Region.Role.INPUT)));
    public final MachineState state = new MachineState(memory);

    public Machine() {
        // Garbage everywhere, so that forgotten zeroing or reads of stale state show up.
        for (int r = 0; r < 32; r++) {
            Arrays.fill(state.vec[r], (byte) (0xA0 + r));
        }
        for (int g = 0; g < 16; g++) {
            state.gpr[g] = 0x5A5A_5A5A_5A5A_5A5AL + g;
        }
        Arrays.fill(memory.bytes("mem"), (byte) 0xC3);
    }

    /** Executes as the interpreter does: the semantics resolved for this static instruction, then run. */
    public void exec(String mnemonic, Operand... ops) {
        Instruction in = Instruction.of(mnemonic, ops);
        X86Semantics.table().lookup(mnemonic).specialize(in).execute(in, state);
    }

    /** Executes the generic (unresolved) semantics, which masking and injected variants use. */
    public void execGeneric(String mnemonic, Operand... ops) {
        X86Semantics.table().lookup(mnemonic).execute(Instruction.of(mnemonic, ops), state);
    }

    public void setVec(int reg, byte[] value) {
        byte[] v = state.vec[reg];
        Arrays.fill(v, (byte) 0xA5);
        System.arraycopy(value, 0, v, 0, Math.min(64, value.length));
    }

    public byte[] vec(int reg) {
        return state.vec[reg].clone();
    }

    public void poke(long offset, byte[] data) {
        System.arraycopy(data, 0, memory.bytes("mem"), (int) offset, data.length);
    }

    public byte[] peek(long offset, int n) {
        return Arrays.copyOfRange(memory.bytes("mem"), (int) offset, (int) offset + n);
    }

    /** Memory operand at MEM_BASE + offset addressed through rbx. */
    public Operand.Mem mem(long offset, int bytes) {
        state.gpr[3] = MEM_BASE;
        return Operand.Mem.at(Reg.r64(3), offset, bytes);
    }

    public static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Expected 64-byte register image: the first {@code result.length} bytes, then zeros (VEX/EVEX write). */
    public static byte[] zeroExtended(byte[] result) {
        return Arrays.copyOf(result, 64);
    }
}
