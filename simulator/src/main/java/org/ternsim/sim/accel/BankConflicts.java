// Cycles one array step needs to read its activations from a banked SRAM, from the actual addresses of that step.
package org.ternsim.sim.accel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.ternsim.isa.accel.AccelKernel;

/**
 * Bank-conflict factor of the activation buffer. In one array step the adder trees consume {@code cols} consecutive
 * packed weight codes of a row; in the I2_S layout byte p of a 128-value block holds values p, p+32, p+64, p+96, so
 * the step needs four runs of cols/4 activations 32 apart, which can land in the same bank. W1.58A16 lanes consume
 * consecutive k (the canonical lane order). Words are interleaved over banks (bank = word mod banks); a bank serves
 * {@code ports} distinct words per cycle, so the step takes the largest per-bank count / ports cycles.
 */
public final class BankConflicts {

    private BankConflicts() {
    }

    /** Cycles per array step (>= 1) for {@code cols} codes of {@code actBits} bits each (int4: two per byte). */
    public static int factor(BufferConfig buf, int cols, int actBits, boolean consecutive) {
        Set<Long> words = new HashSet<>();
        int block = AccelKernel.I2S_BLOCK;
        int perByte = 4;
        for (int j = 0; j < cols; j++) {
            long k;
            if (consecutive) {
                k = j;
            } else {
                int b = j / perByte; // packed byte of the step
                int q = j % perByte; // 2-bit field inside it
                k = (long) (b / (block / perByte)) * block + (long) q * (block / perByte) + b % (block / perByte);
            }
            long first = k * actBits / 8 / buf.widthBytes();
            long last = (k * actBits + actBits - 1) / 8 / buf.widthBytes();
            for (long w = first; w <= last; w++) {
                words.add(w);
            }
        }
        Map<Long, Integer> perBank = new HashMap<>();
        int worst = 0;
        for (long w : words) {
            worst = Math.max(worst, perBank.merge(w % buf.banks(), 1, Integer::sum));
        }
        return Math.max(1, (worst + buf.ports() - 1) / buf.ports());
    }
}
