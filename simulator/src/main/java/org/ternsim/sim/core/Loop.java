// A static loop of a program: the instructions from a label back to the conditional jump that returns to it.
package org.ternsim.sim.core;

import java.util.ArrayList;
import java.util.List;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Program;

/**
 * @param label    the loop head's label
 * @param startPc  first instruction of the body (the branch target)
 * @param branchPc the backward conditional jump closing the body
 */
public record Loop(String label, int startPc, int branchPc) {

    public int size() {
        return branchPc - startPc + 1;
    }

    public boolean contains(int pc) {
        return pc >= startPc && pc <= branchPc;
    }

    /** Every backward jump's loop, in program order. */
    public static List<Loop> all(Program program) {
        List<Loop> loops = new ArrayList<>();
        List<Instruction> code = program.code();
        for (int pc = 0; pc < code.size(); pc++) {
            Instruction in = code.get(pc);
            if (!in.mnemonic().startsWith("j") || in.mnemonic().equals("jmp")) {
                continue;
            }
            for (Operand o : in.operands()) {
                if (o instanceof Operand.Label l) {
                    int target = program.labels().get(l.name());
                    if (target <= pc) {
                        loops.add(new Loop(l.name(), target, pc));
                    }
                }
            }
        }
        return loops;
    }

    /** Loops that contain no other loop: the ones whose iterations run back to back. */
    public static List<Loop> innermost(Program program) {
        List<Loop> all = all(program);
        List<Loop> inner = new ArrayList<>();
        for (Loop l : all) {
            boolean nests = all.stream().anyMatch(o -> o != l && l.contains(o.startPc()) && l.contains(o.branchPc()));
            if (!nests) {
                inner.add(l);
            }
        }
        return inner;
    }
}
