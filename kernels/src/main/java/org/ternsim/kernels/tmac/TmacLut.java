// The quantized activation tables of one T-MAC GEMV: int8 entries per 4-activation group, scale and bias per group.
package org.ternsim.kernels.tmac;

import java.util.Objects;

/**
 * Output of {@link TmacTables#build}: for each group i of 4 activations, 16 int8 entries at {@code [16 i, 16 i + 16)};
 * for each activation group j ({@code actGroupSize} activations), the lut_scale and lut_bias of T-MAC's
 * {@code lut_ctor}. {@link #SLACK} zero bytes follow the last table so a 512-bit load of any table stays inside.
 *
 * @param cols         K
 * @param actGroupSize activations per lut_scale (T-MAC {@code act_group_size})
 * @param entries      {@code 16 * K / 4 + SLACK} bytes; shared, not copied
 * @param scales       lut_scale per activation group: max over the group of sum |a_k| / 127
 * @param biases       lut_bias per activation group: sum of the groups' entry 0 (= -sum a), before quantization
 */
public record TmacLut(int cols, int actGroupSize, byte[] entries, float[] scales, float[] biases) {

    /** Spare zero bytes after the last table. */
    public static final int SLACK = 64;

    public TmacLut {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(scales, "scales");
        Objects.requireNonNull(biases, "biases");
        TmacShapes.check(cols, actGroupSize);
        if (entries.length != TmacShapes.ENTRIES * (cols / TmacShapes.G) + SLACK) {
            throw new IllegalArgumentException("T-MAC tables for K = " + cols + " need "
                    + (TmacShapes.ENTRIES * (cols / TmacShapes.G) + SLACK) + " bytes, got " + entries.length);
        }
        if (scales.length != cols / actGroupSize || biases.length != cols / actGroupSize) {
            throw new IllegalArgumentException("T-MAC tables need one scale and bias per activation group ("
                    + cols / actGroupSize + "), got " + scales.length + " and " + biases.length);
        }
    }

    /** Number of activation groups: K / actGroupSize. */
    public int actGroups() {
        return cols / actGroupSize;
    }

    /** Table lookups (4-activation groups) per activation group. */
    public int groupsPerActGroup() {
        return actGroupSize / TmacShapes.G;
    }

    /** Entry {@code index} of the table of group {@code group}. */
    public int entry(int group, int index) {
        Objects.checkIndex(group, cols / TmacShapes.G);
        Objects.checkIndex(index, TmacShapes.ENTRIES);
        return entries[TmacShapes.ENTRIES * group + index];
    }
}
