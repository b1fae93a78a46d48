// The unconditional AArch64 branch b: a class of its own, so the interpreter reaches it with its one virtual call.
package org.ternsim.isa.arm;

import org.ternsim.isa.Instruction;
import org.ternsim.isa.MachineState;
import org.ternsim.isa.ResolvedSemantics;

final class ArmBranch extends ResolvedSemantics {

    @Override
    public void execute(Instruction in, MachineState s) {
        s.nextPc = s.branchTarget;
    }
}
