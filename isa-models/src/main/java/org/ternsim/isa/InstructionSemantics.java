// What one instruction does to the architectural state; the timing model never looks inside.
package org.ternsim.isa;

@FunctionalInterface
public interface InstructionSemantics {
    void execute(Instruction in, MachineState state);

    /**
     * The semantics to run for the static instruction {@code in}, resolved once before a run: a wrapper that only
     * acts on some operand forms (e.g. AVX-512 write masks) returns the plain semantics for the others.
     */
    default InstructionSemantics specialize(Instruction in) {
        return this;
    }
}
