// Test helper: an AArch64 machine with one scratch region that executes single instructions given as text.
package org.ternsim.isa.arm;

import java.util.Arrays;
import java.util.List;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Region;
import org.ternsim.isa.SemanticsTable;

final class ArmMachine {

    static final long MEM_BASE = 0x10_0000L;

    final Memory memory = new Memory(List.of(new Region("mem", MEM_BASE, 4096, Region.Role.INPUT)));
    final MachineState state = new MachineState(memory);
    SemanticsTable table = ArmSemantics.neonDotprod();

    ArmMachine() {
        // Garbage everywhere, so that forgotten zeroing or reads of stale state show up.
        for (int r = 0; r < 32; r++) {
            Arrays.fill(state.vec[r], (byte) (0xA0 + r));
            state.gpr[r] = 0x5A5A_5A5A_5A5A_5A5AL + r;
        }
        Arrays.fill(memory.bytes("mem"), (byte) 0xC3);
    }

    /** Executes as the interpreter does: the semantics resolved for this static instruction, then run. */
    void exec(String line) {
        exec(ArmAsmText.parseInstruction(line));
    }

    void exec(Instruction in) {
        table.lookup(in.mnemonic()).specialize(in).execute(in, state);
    }

    /** Executes the generic (unresolved) semantics, which injected faults replace. */
    void execGeneric(Instruction in) {
        table.lookup(in.mnemonic()).execute(in, state);
    }

    void setBytes(int reg, int... values) {
        byte[] v = state.vec[reg];
        Arrays.fill(v, (byte) 0x77);
        for (int i = 0; i < values.length; i++) {
            v[i] = (byte) values[i];
        }
    }

    void setLanes(int reg, int laneBytes, long... values) {
        byte[] v = state.vec[reg];
        Arrays.fill(v, (byte) 0x77);
        for (int i = 0; i < values.length; i++) {
            ArmLanes.put(v, i, laneBytes, values[i]);
        }
    }

    long lane(int reg, int i, int laneBytes) {
        return ArmLanes.signed(state.vec[reg], i, laneBytes);
    }

    /** Bytes 16..63 of the storage stay zero after any AArch64 SIMD write (and 8..15 after a 64-bit one). */
    boolean zeroAbove(int reg, int bytes) {
        for (int i = bytes; i < MachineState.VECTOR_BYTES; i++) {
            if (state.vec[reg][i] != 0) {
                return false;
            }
        }
        return true;
    }
}
