// Thrown when a microarchitecture table has no timing for an instruction form.
package org.ternsim.isa.uarch;

/** A lookup asked for a form the microarchitecture's data file does not describe. Unchecked: a lowering bug. */
public final class UnknownFormException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownFormException(String message) {
        super(message);
    }
}
