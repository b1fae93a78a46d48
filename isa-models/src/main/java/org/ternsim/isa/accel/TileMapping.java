// A mapping of one GEMV/GEMM onto the accelerator: loop order, tile sizes, and whether activations stay for all of K.
package org.ternsim.isa.accel;

/**
 * @param order     loop order
 * @param rowTile   output rows per tile
 * @param kTile     reduction length per tile (a multiple of the kernel's K alignment)
 * @param tokenTile tokens per MAC instruction
 * @param actWholeK whether an activation tile spans all of K (loaded once per token tile, not once per K tile)
 */
public record TileMapping(LoopOrder order, int rowTile, int kTile, int tokenTile, boolean actWholeK) {

    public TileMapping {
        if (rowTile < 1 || kTile < 1 || tokenTile < 1) {
            throw new IllegalArgumentException("tiles must be >= 1: " + rowTile + " x " + kTile + " x " + tokenTile);
        }
    }

    @Override
    public String toString() {
        return order.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + rowTile + "x" + kTile + "x"
                + tokenTile + (actWholeK ? " act-resident" : "");
    }
}
