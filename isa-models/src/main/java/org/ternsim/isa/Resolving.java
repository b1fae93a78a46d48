// Semantics with a per-pc resolved form: runs the generic form, and resolves static instructions once per pc.
package org.ternsim.isa;

import java.util.function.Function;

/**
 * A table entry whose {@link #specialize} decodes the operands of one static instruction into an object that needs no
 * operand list at run time ({@code x86.X86Resolved}, {@code arm.ArmResolved}); operand forms the resolver does not
 * handle get {@code generic} back. An injected fault replaces the whole entry, so it is never bypassed.
 */
public record Resolving(InstructionSemantics generic, Function<Instruction, InstructionSemantics> resolver)
        implements InstructionSemantics {

    @Override
    public void execute(Instruction in, MachineState s) {
        generic.execute(in, s);
    }

    @Override
    public InstructionSemantics specialize(Instruction in) {
        return resolver.apply(in);
    }
}
