// One operator to run on an accelerator: kernel, activation type, M x K x N, data seed, and whether to execute it.
package org.ternsim.sim.accel;

import org.ternsim.isa.accel.AccelKernel;
import org.ternsim.isa.accel.ActType;

/**
 * @param kernel     accelerator kernel
 * @param act        activation type (the kernel's default unless W1.58A16 in BF16)
 * @param rows       M, output rows
 * @param cols       K, reduction length; functional runs need the kernel's format rules (I2_S: K % 128 == 0; TL2:
 *                   K % 96 % 32 == 0), timing-only runs pad the last K tile
 * @param tokens     N (1 = GEMV)
 * @param seed       seed of the generated data (functional runs)
 * @param functional whether to execute the program and compare it with the functional engine; false = timing and
 *                   energy only, fast for any shape
 * @param zeroFraction fraction of each token's activations that are zero (a4.8 Top-K / ReLU^2 / int4 rounding; 0 =
 *                   dense): a design with zero skipping skips them; a functional run generates data with that many
 *                   zeros (Top-K by magnitude), a timing-only run takes them as uniformly placed ({@link ExpectedZeros})
 */
public record AccelRequest(AccelKernel kernel, ActType act, int rows, int cols, int tokens, long seed,
        boolean functional, double zeroFraction) {

    public AccelRequest {
        if (rows < 1 || cols < 1 || tokens < 1) {
            throw new IllegalArgumentException("accelerator request needs M, K, N >= 1, got " + rows + "x" + cols + "x"
                    + tokens);
        }
        if (!(zeroFraction >= 0 && zeroFraction <= 1)) {
            throw new IllegalArgumentException("zero fraction must be in [0, 1], got " + zeroFraction);
        }
    }

    /** Dense activations. */
    public AccelRequest(AccelKernel kernel, ActType act, int rows, int cols, int tokens, long seed, boolean functional) {
        this(kernel, act, rows, cols, tokens, seed, functional, 0);
    }

    /** With the kernel's default activation type. */
    public AccelRequest(AccelKernel kernel, int rows, int cols, int tokens, long seed, boolean functional) {
        this(kernel, kernel.defaultAct(), rows, cols, tokens, seed, functional);
    }

    /** By CLI kernel name ({@code i2_s}, {@code tl2}, {@code i2_s-int4}, {@code ternary-a16}). */
    public static AccelRequest of(String kernel, int rows, int cols, int tokens, long seed, boolean functional) {
        return new AccelRequest(AccelKernel.byId(kernel), rows, cols, tokens, seed, functional);
    }
}
