// The energy class of an instruction, derived from its mnemonic and operands; energy tables price each class.
package org.ternsim.sim.core;

import java.util.Set;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.Operand;
import org.ternsim.isa.Reg;

public enum OpClass {
    SCALAR, BRANCH, VECTOR, VECTOR_MUL, FP_SCALAR;

    private static final Set<String> VECTOR_MULTIPLIES = Set.of("vpmaddubsw", "vpmaddwd", "vpdpbusd", "vpdpwssd",
        "vpmullw", "vpmulld", "vmulps", "vfmadd231ps", "vfmadd213ps",
        "sdot", "udot", "smull", "smull2", "smlal", "smlal2", "umull", "umlal", "mul", "mla", "fmul", "fmla");

    public static OpClass of(Instruction in) {
        String m = in.mnemonic();
        if (Branches.isBranch(m)) {
            return BRANCH;
        }
        if (m.startsWith("v") && (m.endsWith("ss") || m.endsWith("sd"))) {
            return FP_SCALAR;
        }
        if (vectorBytes(in) == 0) {
            return SCALAR;
        }
        return VECTOR_MULTIPLIES.contains(m) ? VECTOR_MUL : VECTOR;
    }

    /** Widest vector register or memory operand in bytes; 0 for scalar instructions. */
    public static int vectorBytes(Instruction in) {
        int bytes = 0;
        for (Operand o : in.operands()) {
            if (o instanceof Reg r && r.cls().isVector()) {
                bytes = Math.max(bytes, r.cls().bytes());
            }
        }
        return bytes;
    }
}
