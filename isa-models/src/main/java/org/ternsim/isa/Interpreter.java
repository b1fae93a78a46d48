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
    private final ResolvedSemantics[] impl;
    private final Instruction[] code;
    private final int[] target;
    /** Per pc, the memory operand decoded once: base and index register numbers (-1 for none), scale, disp, width. */
    private final int[] memBase;
    private final int[] memIndex;
    private final int[] memScale;
    private final long[] memDisp;
    private final int[] memBytes;
    private final boolean[] isStore;

    public Interpreter(Program program, SemanticsTable semantics, MachineState state) {
        this.program = program;
        this.state = state;
        int n = program.code().size();
        impl = new ResolvedSemantics[n];
        code = program.code().toArray(new Instruction[0]);
        target = new int[n];
        memBase = new int[n];
        memIndex = new int[n];
        memScale = new int[n];
        memDisp = new long[n];
        memBytes = new int[n];
        isStore = new boolean[n];
        for (int pc = 0; pc < n; pc++) {
            Instruction in = program.code().get(pc);
            impl[pc] = ResolvedSemantics.of(semantics.lookup(in.mnemonic()).specialize(in));
            target[pc] = -1;
            for (Operand o : in.operands()) {
                if (o instanceof Operand.Label l) {
                    target[pc] = program.labels().get(l.name());
                }
            }
            memBase[pc] = -1;
            memIndex[pc] = -1;
            if (!in.mnemonic().equals("lea")) {
                Operand.Mem m = in.memOperand();
                if (m != null) {
                    memBase[pc] = m.base() == null ? -1 : m.base().index();
                    memIndex[pc] = m.index() == null ? -1 : m.index().index();
                    memScale[pc] = m.scale();
                    memDisp[pc] = m.disp();
                    memBytes[pc] = m.bytes();
                }
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
        MachineState s = state;
        long[] gpr = s.gpr;
        while (pc >= 0 && pc < n) {
            if (++count > limit) {
                throw new IllegalStateException(program.name() + ": more than " + limit + " instructions executed");
            }
            // The address before execution (as MachineState.effectiveAddress computes it): a post-indexed access
            // uses the base register's value before its writeback.
            int bytes = memBytes[pc];
            long address = 0;
            if (bytes != 0) {
                address = memDisp[pc];
                int base = memBase[pc];
                int index = memIndex[pc];
                if (base >= 0) {
                    address += gpr[base];
                }
                if (index >= 0) {
                    address += gpr[index] * memScale[pc];
                }
            }
            s.nextPc = pc + 1;
            s.branchTarget = target[pc];
            impl[pc].execute(code[pc], s);
            listener.retired(pc, address, bytes, isStore[pc]);
            pc = s.nextPc;
        }
        return count;
    }
}
