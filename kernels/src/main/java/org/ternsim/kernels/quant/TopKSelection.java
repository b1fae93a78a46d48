// The result of Top-K sparsification of one int8 activation row: the masked codes and which entries were kept.
package org.ternsim.kernels.quant;

import java.util.Objects;

/**
 * Output of {@link TopKSparsifier}.
 *
 * @param activations the masked row: kept codes unchanged, the others 0; the scale of the unmasked row (a4.8 takes
 *                    the int8 scale from the unmasked X); the sum recomputed over the masked codes
 * @param kept        {@code kept[k]} is true for the K selected entries; shared, not copied
 * @param keptCount   K, the number of true entries. Kept codes may themselves be 0, so the row can have fewer than
 *                    K non-zero codes, never more
 */
public record TopKSelection(Int8Activations activations, boolean[] kept, int keptCount) {

    public TopKSelection {
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(kept, "kept");
        byte[] codes = activations.codes();
        if (kept.length != codes.length) {
            throw new IllegalArgumentException("mask has " + kept.length + " entries for " + codes.length + " codes");
        }
        int count = 0;
        for (int k = 0; k < kept.length; k++) {
            if (kept[k]) {
                count++;
            } else if (codes[k] != 0) {
                throw new IllegalArgumentException("entry " + k + " is masked but its code is " + codes[k]);
            }
        }
        if (count != keptCount) {
            throw new IllegalArgumentException("keptCount is " + keptCount + " but the mask keeps " + count);
        }
    }
}
