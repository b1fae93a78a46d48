// A named block of a program's memory (weights, activations, constants, output) at a fixed address.
package org.ternsim.isa;

public record Region(String name, long base, int bytes, Role role) {

    public enum Role { INPUT, CONSTANT, OUTPUT }

    public Region {
        if (bytes <= 0) {
            throw new IllegalArgumentException("region " + name + " must have a positive size");
        }
    }

    public long end() {
        return base + bytes;
    }
}
