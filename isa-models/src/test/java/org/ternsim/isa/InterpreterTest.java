// The interpreter: memory accesses reported to the listener, instruction counts, the runaway limit, memory faults.
package org.ternsim.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ternsim.isa.x86.X86Semantics;

class InterpreterTest {

    static final long BASE = 0x7000_0000L;

    record Access(int pc, long address, int bytes, boolean store) {
    }

    static List<Access> run(Program p, MachineState s, long limit) {
        List<Access> out = new ArrayList<>();
        new Interpreter(p, X86Semantics.table(), s).run((pc, a, n, st) -> out.add(new Access(pc, a, n, st)), limit);
        return out;
    }

    static MachineState stateFor(Program p) {
        return new MachineState(new Memory(p.regions()));
    }

    @Test
    void reportsLoadsStoresAndNothingForLea() {
        Reg rsi = Reg.r64(6);
        Reg rax = Reg.r64(0);
        Program p = new Program.Builder("acc", "x86-64")
            .region(new Region("buf", BASE, 256, Region.Role.INPUT))
            .emit("mov", rsi, new Operand.Imm(BASE))
            .emit("mov", rax, new Operand.Imm(3))
            .emit("vmovdqu", Reg.ymm(2), Operand.Mem.at(rsi, 32, 32))                          // load
            .emit("vmovdqu", new Operand.Mem(rsi, rax, 8, 64, 32), Reg.ymm(2))                 // store at +88
            .emit("lea", Reg.r64(1), new Operand.Mem(rsi, rax, 4, -8, 8))                      // no access
            .emit("vpbroadcastd", Reg.ymm(3), Operand.Mem.at(rsi, 252, 4))                     // 4-byte load at the end
            .emit("vmovss", Operand.Mem.at(rsi, 200, 4), Reg.xmm(3))                           // 4-byte store
            .emit("mov", Reg.r32(5), Operand.Mem.at(rsi, 200, 4))                             // 4-byte load
            .emit("vpaddw", Reg.ymm(4), Reg.ymm(3), Operand.Mem.at(rsi, 0, 32))                 // load as source
            .build();
        MachineState s = stateFor(p);
        for (int i = 0; i < 256; i++) {
            s.memory.bytes("buf")[i] = (byte) i;
        }
        List<Access> acc = run(p, s, 100);
        assertEquals(List.of(
            new Access(0, 0, 0, false),
            new Access(1, 0, 0, false),
            new Access(2, BASE + 32, 32, false),
            new Access(3, BASE + 88, 32, true),
            new Access(4, 0, 0, false),
            new Access(5, BASE + 252, 4, false),
            new Access(6, BASE + 200, 4, true),
            new Access(7, BASE + 200, 4, false),
            new Access(8, BASE, 32, false)), acc);
        assertEquals(BASE + 12 - 8, s.gpr[1]);
        assertEquals(0xFFFE_FDFCL, s.gpr[5]);
        assertEquals(32, s.memory.bytes("buf")[88]);
    }

    @Test
    void addressIsTakenBeforeTheInstructionChangesItsBase() {
        Reg rsi = Reg.r64(6);
        Program p = new Program.Builder("self", "x86-64")
            .region(new Region("buf", BASE, 64, Region.Role.INPUT))
            .emit("mov", rsi, new Operand.Imm(BASE))
            .emit("mov", rsi, Operand.Mem.at(rsi, 8, 8))
            .build();
        MachineState s = stateFor(p);
        s.memory.writeLong(BASE + 8, 0x1234, 8);
        List<Access> acc = run(p, s, 10);
        assertEquals(new Access(1, BASE + 8, 8, false), acc.get(1));
        assertEquals(0x1234L, s.gpr[6]);
    }

    private static Program countedLoop(long n) {
        return new Program.Builder("loop", "x86-64")
            .emit("mov", Reg.r64(1), new Operand.Imm(n))
            .emit("xor", Reg.r32(0), Reg.r32(0))
            .label(".L")
            .emit("add", Reg.r64(0), new Operand.Imm(2))
            .emit("dec", Reg.r64(1))
            .emit("jne", new Operand.Label(".L"))
            .build();
    }

    @Test
    void countsInstructionsOfACountedLoop() {
        for (long n : new long[] {1, 2, 7, 1000}) {
            Program p = countedLoop(n);
            MachineState s = stateFor(p);
            long count = new Interpreter(p, X86Semantics.table(), s).run((pc, a, b, st) -> { }, 10_000);
            assertEquals(2 + 3 * n, count);
            assertEquals(2 * n, s.gpr[0]);
            assertEquals(0L, s.gpr[1]);
        }
        // Exactly at the limit is allowed; one fewer is a runaway.
        Program p = countedLoop(10);
        assertEquals(32, new Interpreter(p, X86Semantics.table(), stateFor(p)).run((pc, a, b, st) -> { }, 32));
        assertThrows(IllegalStateException.class,
            () -> new Interpreter(p, X86Semantics.table(), stateFor(p)).run((pc, a, b, st) -> { }, 31));
    }

    @Test
    void runawayLoopHitsTheLimit() {
        Program p = new Program.Builder("spin", "x86-64").label(".L").emit("jmp", new Operand.Label(".L")).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> new Interpreter(p, X86Semantics.table(), stateFor(p)).run((pc, a, b, st) -> { }, 1000));
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
    }

    @Test
    void accessesOutsideEveryRegionFault() {
        Reg rsi = Reg.r64(6);
        for (long disp : new long[] {-1, 64, 33, 1 << 20}) {
            Program p = new Program.Builder("fault", "x86-64")
                .region(new Region("buf", BASE, 64, Region.Role.INPUT))
                .region(new Region("next", BASE + 64, 64, Region.Role.INPUT))
                .emit("mov", rsi, new Operand.Imm(BASE))
                .emit("vmovdqu", Reg.ymm(0), Operand.Mem.at(rsi, disp, 32))
                .build();
            if (disp == 64) {
                run(p, stateFor(p), 10); // wholly inside the second region: fine
                continue;
            }
            // disp 33 straddles two adjacent regions: still a fault (an access must lie in one region).
            assertThrows(Memory.MemoryFault.class, () -> run(p, stateFor(p), 10), "disp " + disp);
        }
        Program store = new Program.Builder("fault", "x86-64")
            .region(new Region("buf", BASE, 64, Region.Role.INPUT))
            .emit("mov", rsi, new Operand.Imm(BASE + 60))
            .emit("vmovss", Operand.Mem.at(rsi, 4, 4), Reg.xmm(0))
            .build();
        assertThrows(Memory.MemoryFault.class, () -> run(store, stateFor(store), 10));
    }

    @Test
    void overlappingRegionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Memory(List.of(
            new Region("a", BASE, 64, Region.Role.INPUT), new Region("b", BASE + 63, 8, Region.Role.INPUT))));
    }

    @Test
    void unknownMnemonicIsRejectedUpFront() {
        Program p = new Program.Builder("bad", "x86-64").emit("vfrobnicate", Reg.ymm(0)).build();
        assertThrows(IllegalArgumentException.class, () -> new Interpreter(p, X86Semantics.table(), stateFor(p)));
    }
}
