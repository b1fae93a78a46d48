// Which tile each slot of one buffer holds, so a lowering reloads only what is not already on chip.
package org.ternsim.isa.accel;

import java.util.Arrays;

/** Two-slot contents by key; the victim for a new tile is the slot used least recently. */
final class SlotTracker {
    private final String[] keys = new String[AccelMachine.SLOTS];
    private final long[] used = new long[AccelMachine.SLOTS];
    private long clock;

    /** The slot holding {@code key}, or -1. Marks it used. */
    int find(String key) {
        for (int s = 0; s < keys.length; s++) {
            if (key.equals(keys[s])) {
                used[s] = ++clock;
                return s;
            }
        }
        return -1;
    }

    /** Claims the least recently used slot for {@code key} (the caller emits the load). */
    int claim(String key) {
        int victim = 0;
        for (int s = 1; s < keys.length; s++) {
            if (used[s] < used[victim]) {
                victim = s;
            }
        }
        keys[victim] = key;
        used[victim] = ++clock;
        return victim;
    }

    void clear() {
        Arrays.fill(keys, null);
    }
}
