// Ternary MAC over a tile: I2_S weight codes times int8/int4 codes (exact int32) or 16-bit floats (16 fma lanes).
package org.ternsim.isa.accel;

/**
 * For each token t < {@code tokens} and row r < {@code rows}: accumulator o = {@code oOffset + t * oStride + r} of OUT
 * slot {@code oSlot} (zeroed first when {@code clear}) gains the tile's products over k < {@code kLen}.
 *
 * <ul>
 *   <li>Weights: WEIGHT slot {@code wSlot}, row r at byte r * kLen / 4, in I2_S blocks of 128 values (value j of a block
 *       in byte j mod 32 at bits 6 - 2 (j div 32)); code c = t + 1. kLen is a multiple of 128.</li>
 *   <li>Activations: ACT slot {@code aSlot}, token t's row at byte {@code aOffset + t * aStride}, stored as
 *       {@link ActType} says (int4 packed two per byte).</li>
 *   <li>INT8 / INT4: acc += sum c * q in int32 (the raw sum of {@code gemv.I2sGemv#dotRaw}; int32 addition is exact
 *       modulo 2^32 in any order, so tiling cannot change it).</li>
 *   <li>Zero skipping ({@code skipGroup} G > 0, integer types only): the k of the tile form groups of G consecutive
 *       values from k = 0 (tiles start at multiples of 128 and G divides 128, so the groups are aligned globally); a
 *       group whose G activation codes of a token are all zero contributes nothing for that token and is not
 *       computed. Its products are c * 0 = 0, so the int32 sum, and the output bits, are those of the dense MAC;
 *       the group counts per block ({@link #nonZeroGroups}) are what a zero detector sees and what sets the time.</li>
 *   <li>F16 / BF16: lane L = k mod 16 of the output's 16 float lanes does {@code lane = Math.fma(c - 1, x_k, lane)} in
 *       increasing k, the order of {@code gemv.ScalarTernaryA16Gemv#rowSum}; tiles start at multiples of 128, so the
 *       local k mod 16 is the global one, and visiting k tiles in increasing order keeps each lane's order.</li>
 * </ul>
 */
public record TernaryMac(int wSlot, int aSlot, int aOffset, int aStride, int oSlot, int oOffset, int oStride, int rows,
        int kLen, int tokens, ActType act, boolean clear, int skipGroup) implements AccelInstr {

    public TernaryMac {
        if (skipGroup != 0 && (act.isFloat() || Integer.bitCount(skipGroup) != 1
                || skipGroup > AccelKernel.I2S_BLOCK)) {
            throw new IllegalArgumentException("zero skipping needs integer activations and a power-of-two group up to "
                    + AccelKernel.I2S_BLOCK + ", got " + act + " group " + skipGroup);
        }
    }

    /** A dense MAC (no zero skipping). */
    public TernaryMac(int wSlot, int aSlot, int aOffset, int aStride, int oSlot, int oOffset, int oStride, int rows,
            int kLen, int tokens, ActType act, boolean clear) {
        this(wSlot, aSlot, aOffset, aStride, oSlot, oOffset, oStride, rows, kLen, tokens, act, clear, 0);
    }

    /** Multiply-accumulates this instruction performs. */
    public long macs() {
        return (long) rows * kLen * tokens;
    }

    @Override
    public void execute(AccelMachine m) {
        if (kLen % AccelKernel.I2S_BLOCK != 0) {
            throw new IllegalStateException("ternary MAC needs whole 128-value I2_S blocks, got kLen " + kLen);
        }
        byte[] w = m.bytes(Buf.WEIGHT, wSlot);
        byte[] a = m.bytes(Buf.ACT, aSlot);
        int rowBytes = kLen / 4;
        AccelMachine.check("WEIGHT slot " + wSlot, 0, (long) rows * rowBytes, w.length);
        AccelMachine.check("ACT slot " + aSlot, aOffset, (long) (tokens - 1) * aStride + act.bytes(kLen), a.length);
        for (int t = 0; t < tokens; t++) {
            int aBase = aOffset + t * aStride;
            boolean[] zero = skipGroup == 0 ? null : zeroGroups(a, aBase);
            for (int r = 0; r < rows; r++) {
                int o = oOffset + t * oStride + r;
                if (act.isFloat()) {
                    floatRow(m.lanes(oSlot), o, w, r * rowBytes, a, aBase);
                } else {
                    int[] acc = m.acc(oSlot);
                    AccelMachine.check("OUT slot " + oSlot, o, 1, acc.length);
                    int sum = intRow(w, r * rowBytes, a, aBase, zero);
                    acc[o] = clear ? sum : acc[o] + sum;
                }
            }
        }
    }

    /** sum c * q over the tile; k of a group flagged in {@code zero} (null: none) is skipped. */
    private int intRow(byte[] w, int wBase, byte[] a, int aBase, boolean[] zero) {
        int sum = 0;
        for (int block = 0; block < kLen; block += AccelKernel.I2S_BLOCK) {
            int byteStart = wBase + block / 4;
            for (int p = 0; p < AccelKernel.I2S_BLOCK / 4; p++) {
                int packed = w[byteStart + p];
                for (int k = 0; k < 4; k++) {
                    int kk = block + k * (AccelKernel.I2S_BLOCK / 4) + p;
                    if (zero != null && zero[kk / skipGroup]) {
                        continue;
                    }
                    int c = (packed >>> (6 - 2 * k)) & 3;
                    sum += c * act.code(a, aBase, kk);
                }
            }
        }
        return sum;
    }

    /** Per group of {@code skipGroup} k: whether all of the token's codes in it are zero (the zero detector). */
    private boolean[] zeroGroups(byte[] a, int aBase) {
        boolean[] zero = new boolean[kLen / skipGroup];
        for (int g = 0; g < zero.length; g++) {
            boolean all = true;
            for (int k = g * skipGroup; k < (g + 1) * skipGroup && all; k++) {
                all = act.code(a, aBase, k) == 0;
            }
            zero[g] = all;
        }
        return zero;
    }

    /**
     * What the zero detector reports for this instruction on the machine's current ACT slot: for token t and 128-value
     * block b, the number of groups of {@code skipGroup} with a non-zero code, at index t * (kLen / 128) + b.
     */
    public int[] nonZeroGroups(AccelMachine m) {
        if (skipGroup == 0) {
            throw new IllegalStateException("a dense MAC has no zero detector");
        }
        byte[] a = m.bytes(Buf.ACT, aSlot);
        int blocks = kLen / AccelKernel.I2S_BLOCK;
        int perBlock = AccelKernel.I2S_BLOCK / skipGroup;
        int[] counts = new int[tokens * blocks];
        for (int t = 0; t < tokens; t++) {
            boolean[] zero = zeroGroups(a, aOffset + t * aStride);
            for (int g = 0; g < zero.length; g++) {
                counts[t * blocks + g / perBlock] += zero[g] ? 0 : 1;
            }
        }
        return counts;
    }

    private void floatRow(float[] lanes, int o, byte[] w, int wBase, byte[] a, int aBase) {
        AccelMachine.check("OUT slot " + oSlot + " lanes", (long) o * 16, 16, lanes.length);
        if (clear) {
            java.util.Arrays.fill(lanes, o * 16, o * 16 + 16, 0f);
        }
        int blockBytes = AccelKernel.I2S_BLOCK / 4;
        for (int k = 0; k < kLen; k++) {
            int j = k % AccelKernel.I2S_BLOCK;
            int packed = w[wBase + k / AccelKernel.I2S_BLOCK * blockBytes + j % blockBytes];
            float t = ((packed >>> (6 - 2 * (j / blockBytes))) & 3) - 1;
            int at = aBase + 2 * k;
            short bits = (short) ((a[at] & 0xFF) | a[at + 1] << 8);
            int lane = o * 16 + k % 16;
            lanes[lane] = Math.fma(t, act.toFloat(bits), lanes[lane]);
        }
    }

    @Override
    public String asm() {
        return "tmac." + act.name().toLowerCase(java.util.Locale.ROOT) + " O" + oSlot + "+" + oOffset + "/" + oStride
                + ", W" + wSlot + ", A" + aSlot + "+" + aOffset + "/" + aStride + ", " + rows + "x" + kLen + "x"
                + tokens + (clear ? ", clear" : "") + (skipGroup > 0 ? ", skip0/" + skipGroup : "");
    }
}
