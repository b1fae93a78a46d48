// Which mnemonics are branches, for x86 (jcc / jmp) and AArch64 (b, b.cond, cbz / cbnz, tbz / tbnz).
package org.ternsim.sim.core;

import java.util.Set;

final class Branches {

    private static final Set<String> ARM_REGISTER_BRANCHES = Set.of("cbz", "cbnz", "tbz", "tbnz");

    private Branches() {
    }

    static boolean isBranch(String m) {
        return m.startsWith("j") || m.equals("b") || m.startsWith("b.") || ARM_REGISTER_BRANCHES.contains(m);
    }

    /** Branches that may fall through: every branch but x86 jmp and AArch64 b. */
    static boolean isConditional(String m) {
        return isBranch(m) && !m.equals("jmp") && !m.equals("b");
    }

    /** Conditional branches that read the flags (not cbz / cbnz / tbz / tbnz, which test a register). */
    static boolean readsFlags(String m) {
        return isConditional(m) && !ARM_REGISTER_BRANCHES.contains(m);
    }
}
