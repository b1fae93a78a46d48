// Wrong semantics for any instruction an x86 lowering uses makes a bit-exact check fail: a test per family and per mnemonic.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ternsim.isa.Fault;
import org.ternsim.isa.Faults;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.InstructionSemantics;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;
import org.ternsim.isa.SemanticsTable;

class X86FaultsTest {

    static final int ROWS = 17;

    /**
     * 17 rows, except for the 64-row tiles of T-MAC and TL1 on AVX-512: rows 32-63 sit in the high nibbles or the
     * vpunpckhbw half, which 17 rows would leave as padding (whose outputs are never read), so a fault there could
     * not show.
     */
    static int rows(GemvLowering l) {
        return l instanceof TmacAvx512Lowering || l instanceof Tl1Avx512Lowering ? 49 : ROWS;
    }

    static List<GemvLowering> x86() {
        return GemvLowerings.all().stream().filter(l -> l.semantics().isa().equals("x86-64")).toList();
    }

    /** The smallest valid K >= 2176 (17 I2_S blocks: one widening group plus a tail), so every loop runs. */
    static int cols(GemvLowering l) {
        for (int k = 2176; ; k++) {
            try {
                l.checkShape(rows(l), k);
                return k;
            } catch (IllegalArgumentException e) {
                // next
            }
        }
    }

    static Set<String> mnemonics(GemvLowering l) {
        Set<String> m = new TreeSet<>();
        for (Instruction in : l.lower(rows(l), cols(l)).code()) {
            m.add(in.mnemonic());
        }
        return m;
    }

    /** Mismatching outputs over every data set; a run that faults or does not end counts as detected. */
    static int detected(GemvLowering l, SemanticsTable semantics) {
        try {
            return LoweringRunner.mismatches(l, rows(l), cols(l), 5, semantics);
        } catch (RuntimeException e) {
            return 1;
        }
    }

    static Stream<Fault> faults() {
        return Faults.all().stream().filter(f -> f.isa().equals("x86-64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void everyFaultIsCaughtByALoweringThatUsesIt(Fault f) {
        List<String> users = new ArrayList<>();
        int caught = 0;
        for (GemvLowering l : x86()) {
            if (mnemonics(l).contains(f.mnemonic())) {
                users.add(l.kernel() + "/" + l.isa());
                caught += detected(l, f.inject(l.semantics()));
            }
        }
        assertFalse(users.isEmpty(), f.name() + ": no x86 lowering uses " + f.mnemonic());
        assertTrue(caught > 0, f.name() + " (" + f.family() + ") was not caught by " + users);
    }

    @Test
    void everyInstructionFamilyHasAFault() {
        Set<String> families = new TreeSet<>();
        faults().forEach(f -> families.add(f.family()));
        for (String family : List.of("multiply-add", "add/sub", "shift", "logic", "shuffle/permute", "pack/unpack",
                "broadcast", "conversion", "FMA", "float arithmetic", "branch")) {
            assertTrue(families.contains(family), family + " in " + families);
        }
    }

    static Stream<Arguments> usedMnemonics() {
        List<Arguments> out = new ArrayList<>();
        for (GemvLowering l : x86()) {
            for (String m : mnemonics(l)) {
                out.add(Arguments.of(l, m));
            }
        }
        return out.stream();
    }

    /**
     * The generic check behind "any one instruction": the correct semantics followed by an error in the result (bits
     * 0, 6 and 7 of every byte of a vector destination or of the first stored byte, so that low code bits, int16 sign
     * bits and float magnitudes are all hit; bit 0 of a GPR; a branch taken the other way) must fail the check.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("usedMnemonics")
    void aWrongResultOfAnyUsedInstructionIsCaught(GemvLowering l, String mnemonic) {
        SemanticsTable table = l.semantics();
        InstructionSemantics correct = table.lookup(mnemonic);
        InstructionSemantics wrong = (in, s) -> {
            int fallThrough = s.nextPc;
            correct.execute(in, s);
            Operand d = in.operands().isEmpty() ? null : in.op(0);
            if (d instanceof Operand.Masked masked) {
                d = masked.reg();
            }
            if (mnemonic.startsWith("j")) {
                s.nextPc = s.nextPc == fallThrough ? s.branchTarget : fallThrough;
            } else if (mnemonic.equals("cmp")) {
                s.zf = !s.zf;
            } else if (d instanceof Reg r && r.cls().isVector()) {
                for (int i = 0; i < r.cls().bytes(); i++) {
                    s.vec[r.index()][i] ^= (byte) 0xC1;
                }
            } else if (d instanceof Reg r && r.cls() == Reg.RegClass.K) {
                s.mask[r.index()] ^= 1;
            } else if (d instanceof Reg r) {
                s.gpr[r.index()] ^= 1;
            } else if (d instanceof Operand.Mem m) {
                long a = s.effectiveAddress(m);
                s.memory.writeLong(a, s.memory.readLong(a, 1) ^ 0xC1, 1);
            }
        };
        assertTrue(detected(l, table.withOverride(mnemonic, wrong)) > 0, mnemonic + " in " + l.kernel());
    }

    @Test
    void faultsOfOtherIsasAreNotInjected() {
        for (Fault f : Faults.all()) {
            SemanticsTable other = new SemanticsTable("other-isa", java.util.Map.of(f.mnemonic(), (in, s) -> { }));
            assertFalse(f.appliesTo(other));
        }
    }

}
