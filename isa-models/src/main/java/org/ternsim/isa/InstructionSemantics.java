// What one instruction does to the architectural state; the timing model never looks inside.
package org.ternsim.isa;

@FunctionalInterface
public interface InstructionSemantics {
    void execute(Instruction in, MachineState state);
}
