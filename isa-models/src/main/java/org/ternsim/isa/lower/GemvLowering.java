// A GEMV kernel lowered to one ISA: the program for a shape, and operands with the functional engine's outputs.
package org.ternsim.isa.lower;

import java.util.List;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;

/**
 * The contract every CPU lowering meets, so that {@code simulate} and {@code validate} handle all kernels x ISAs the
 * same way. Tuning parameters (tile sizes, widening interval, parallel factor) are fields of the implementation, not
 * constants of the program.
 */
public interface GemvLowering {

    /** Kernel name as in DESIGN.md conventions: {@code i2_s}, {@code tl2}, {@code i2_s-vnni}, ... */
    String kernel();

    /** ISA name: {@code avx2}, {@code avx512}, {@code neon}, {@code neon-dotprod}. */
    String isa();

    /** The instruction semantics the program runs on. */
    SemanticsTable semantics();

    /** Throws IllegalArgumentException naming the rule (and the nearest valid size) when the shape cannot be lowered. */
    void checkShape(int rows, int cols);

    /** The program for y = W x with W of {@code rows x cols}. */
    Program lower(int rows, int cols);

    /**
     * Activation columns (tokens) one call of the program multiplies: 1 for a GEMV; N for a GEMM lowering (the
     * prefill path), whose outputs ({@link GemvOperands#readOutput}, {@code scalar()}, ...) are then N x rows,
     * token-major, and whose operands carry N activation vectors.
     */
    default int activationColumns() {
        return 1;
    }

    /** Seeded random operands, as a real layer's are made (quantized by the functional engine). */
    GemvOperands random(int rows, int cols, long seed);

    /** The random set first, then the edge cases of the kernel's accumulation (all +1 / -1 weights x extreme codes). */
    List<GemvOperands> dataSets(int rows, int cols, long seed);

    /**
     * Whether the program works through the rows in order, so that a run of its first rows (operands, outputs and cost
     * per row) stands for the whole: the simulator's row-window steady state relies on it. The column-major sparse
     * programs do not: each row chunk spans four planes P = ceil(M / 4) rows apart and reads a strip of every column.
     */
    default boolean outputsInRowOrder() {
        return true;
    }

    /** Whether the program skips zero activations, so that its time depends on how many the input has. */
    default boolean skipsZeroInputs() {
        return false;
    }

    /**
     * This lowering with {@link #random} data whose activations are {@code zeroFraction} zero, for simulating an
     * operator of that input sparsity. A program that does not skip zeros does the same work whatever the data, so
     * the default is this lowering unchanged.
     */
    default GemvLowering withInputSparsity(double zeroFraction) {
        return this;
    }
}
