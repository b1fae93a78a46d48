// x86 jumps: jmp and the conditional jumps of the kernels' loops, on the flags the last flag setter left.
package org.ternsim.isa.x86;

import org.ternsim.isa.Instruction;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.ResolvedSemantics;

/**
 * A table entry of its own class rather than a lambda, so the interpreter reaches it with its one virtual call
 * (ResolvedSemantics); a loop runs one per iteration. The target pc is the interpreter's ({@code branchTarget}).
 */
final class X86Jump extends ResolvedSemantics {

    enum Condition {
        ALWAYS("jmp"), NE("jne"), NZ("jnz"), E("je"), Z("jz"), B("jb"), AE("jae"), L("jl"), GE("jge");

        private final String mnemonic;

        Condition(String mnemonic) {
            this.mnemonic = mnemonic;
        }

        String mnemonic() {
            return mnemonic;
        }
    }

    private final Condition condition;

    X86Jump(Condition condition) {
        this.condition = condition;
    }

    @Override
    public void execute(Instruction in, MachineState s) {
        boolean taken = switch (condition) {
            case ALWAYS -> true;
            case NE, NZ -> !s.zf;
            case E, Z -> s.zf;
            case B -> s.cf;
            case AE -> !s.cf;
            case L -> s.sf != s.of;
            case GE -> s.sf == s.of;
        };
        if (taken) {
            s.nextPc = s.branchTarget;
        }
    }
}
