// The 3-axis RoPE position ids of a FLUX token sequence: text (0, 0, 0), image (0, row, col) on the latent grid.
package org.ternsim.kernels.layer;

import java.util.Arrays;

/**
 * FLUX {@code sampling.prepare}: image token (row, col) of the packed latent (one token per 2x2 latent patch,
 * (H/16) x (W/16) tokens) has ids (0, row, col) and the tokens are laid out row-major ("h w c -> (h w) c"); every
 * text token has ids (0, 0, 0), so text tokens get no rotation. The first axis is always 0 in FLUX.1.
 *
 * @param ids one int[3] per token; owned by the record
 */
public record FluxPositions(int[][] ids) {

    public FluxPositions {
        ids = ids.clone();
        for (int t = 0; t < ids.length; t++) {
            if (ids[t].length != 3) {
                throw new IllegalArgumentException("token " + t + " needs 3 position ids, got " + ids[t].length);
            }
            ids[t] = ids[t].clone();
        }
    }

    /** {@code tokens} text tokens, all at (0, 0, 0). */
    public static FluxPositions text(int tokens) {
        return new FluxPositions(new int[tokens][3]);
    }

    /** A rows x cols image grid, row-major: token r * cols + c is at (0, r, c). */
    public static FluxPositions imageGrid(int rows, int cols) {
        int[][] ids = new int[Math.multiplyExact(rows, cols)][];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                ids[r * cols + c] = new int[] {0, r, c};
            }
        }
        return new FluxPositions(ids);
    }

    /** {@code first} followed by {@code second}: the joint sequence concat(txt, img) of FLUX attention. */
    public static FluxPositions concat(FluxPositions first, FluxPositions second) {
        int[][] ids = Arrays.copyOf(first.ids, first.ids.length + second.ids.length);
        System.arraycopy(second.ids, 0, ids, first.ids.length, second.ids.length);
        return new FluxPositions(ids);
    }

    public int tokens() {
        return ids.length;
    }

    /** The ids of token t (a copy). */
    public int[] of(int t) {
        return ids[t].clone();
    }

    @Override
    public int[][] ids() {
        return new FluxPositions(ids).ids;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FluxPositions && Arrays.deepEquals(((FluxPositions) o).ids, ids);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(ids);
    }

    @Override
    public String toString() {
        return "FluxPositions" + Arrays.deepToString(ids);
    }
}
