// The base class of the per-pc resolved instruction forms, so that the interpreter's hot call is a virtual call.
package org.ternsim.isa;

/**
 * A resolved form ({@code x86.X86Resolved}, {@code arm.ArmResolved} and their relatives) extends this class rather
 * than implementing {@link InstructionSemantics} alone. The interpreter calls every instruction through one site,
 * which is megamorphic; HotSpot dispatches such a call on a class through its vtable in a few instructions, where an
 * interface call goes through an itable stub that searches the receiver's interfaces first (10 % of a detailed
 * Q4_0 run's CPU time in an async-profiler profile, 2026-12-06).
 */
public abstract class ResolvedSemantics implements InstructionSemantics {

    /** Any semantics as a resolved form: itself, or a wrapper that forwards to it (table lambdas, records). */
    public static ResolvedSemantics of(InstructionSemantics semantics) {
        return semantics instanceof ResolvedSemantics r ? r : new Forwarding(semantics);
    }

    private static final class Forwarding extends ResolvedSemantics {
        private final InstructionSemantics target;

        Forwarding(InstructionSemantics target) {
            this.target = target;
        }

        @Override
        public void execute(Instruction in, MachineState state) {
            target.execute(in, state);
        }
    }
}
