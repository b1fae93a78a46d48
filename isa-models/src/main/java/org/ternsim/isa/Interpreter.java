// Executes a program instruction by instruction and reports each retired instruction with its memory access.
package org.ternsim.isa;

public final class Interpreter {

    /** Receives every executed instruction in program order; memBytes is 0 when it touches no memory. */
    @FunctionalInterface
    public interface Listener {
        void retired(int pc, long memAddress, int memBytes, boolean store);
    }

    /** AArch64 stores name the stored register first and the address last. */
    private static final java.util.Set<String> ARM_STORES = java.util.Set.of("st1", "str", "stp", "stur");

    private final Program program;
    private final MachineState state;
    private final InstructionSemantics[] impl;
    private final Instruction[] code;
    private final int[] target;
    private final Operand.Mem[] memOperand;
    private final boolean[] isStore;

    public Interpreter(Program program, SemanticsTable semantics, MachineState state) {
        this.program = program;
        this.state = state;
        int n = program.code().size();
        impl = new InstructionSemantics[n];
        code = program.code().toArray(new Instruction[0]);
        target = new int[n];
        memOperand = new Operand.Mem[n];
        isStore = new boolean[n];
        for (int pc = 0; pc < n; pc++) {
            Instruction in = program.code().get(pc);
            impl[pc] = semantics.lookup(in.mnemonic()).specialize(in);
            target[pc] = -1;
            for (Operand o : in.operands()) {
                if (o instanceof Operand.Label l) {
                    target[pc] = program.labels().get(l.name());
                }
            }
            if (!in.mnemonic().equals("lea")) {
                memOperand[pc] = in.memOperand();
                isStore[pc] = !in.operands().isEmpty() && in.op(0) instanceof Operand.Mem
                    || ARM_STORES.contains(in.mnemonic());
            }
        }
    }

    /**
     * Runs from instruction 0 until control falls off the end.
     *
     * @return the number of instructions executed
     * @throws IllegalStateException if more than {@code limit} instructions run (a runaway loop)
     */
    public long run(Listener listener, long limit) {
        int pc = 0;
        long count = 0;
        int n = impl.length;
        while (pc >= 0 && pc < n) {
            if (++count > limit) {
                throw new IllegalStateException(program.name() + ": more than " + limit + " instructions executed");
            }
            Operand.Mem m = memOperand[pc];
            long address = m == null ? 0 : state.effectiveAddress(m);
            state.nextPc = pc + 1;
            state.branchTarget = target[pc];
            impl[pc].execute(code[pc], state);
            listener.retired(pc, address, m == null ? 0 : m.bytes(), isStore[pc]);
            pc = state.nextPc;
        }
        return count;
    }
}
