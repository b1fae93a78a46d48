// A reference output of the functional engine, computed on first use: operands are compared with several references.
package org.ternsim.isa.lower;

import java.util.function.Consumer;

final class LazyOutput {

    private final int rows;
    private final Consumer<float[]> compute;
    private float[] value;

    /** {@code compute} fills an array of {@code rows} outputs. */
    LazyOutput(int rows, Consumer<float[]> compute) {
        this.rows = rows;
        this.compute = compute;
    }

    synchronized float[] get() {
        if (value == null) {
            value = new float[rows];
            compute.accept(value);
        }
        return value;
    }
}
