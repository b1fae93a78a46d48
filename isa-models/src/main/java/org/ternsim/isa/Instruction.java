// One instruction of a program: mnemonic and operands (Intel order, destination first).
package org.ternsim.isa;

import java.util.List;
import java.util.stream.Collectors;

public record Instruction(String mnemonic, List<Operand> operands) {

    public Instruction {
        operands = List.copyOf(operands);
    }

    public static Instruction of(String mnemonic, Operand... operands) {
        return new Instruction(mnemonic, List.of(operands));
    }

    /** The timing-table key, e.g. {@code "vpmaddubsw ymm, ymm, ymm"} or {@code "vmovdqu ymm, m256"}. */
    public String form() {
        if (operands.isEmpty()) {
            return mnemonic;
        }
        StringBuilder b = new StringBuilder(mnemonic).append(' ');
        for (int i = 0; i < operands.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(operands.get(i).kind());
        }
        return b.toString();
    }

    public Operand op(int i) {
        return operands.get(i);
    }

    public Reg reg(int i) {
        return (Reg) operands.get(i);
    }

    public Operand.Mem memOperand() {
        for (Operand o : operands) {
            if (o instanceof Operand.Mem m) {
                return m;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        if (operands.isEmpty()) {
            return mnemonic;
        }
        return mnemonic + " " + operands.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
