// Architectural state of the accelerator: DRAM regions and the slots of each on-chip buffer, sized to capacity.
package org.ternsim.isa.accel;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * State the instructions read and write. Buffer slots are allocated at exactly the capacities given, so an instruction
 * that reaches past a slot fails ({@link IllegalStateException}): running a lowered program functionally also checks
 * that its mapping fits the buffers.
 */
public final class AccelMachine {

    /** Slots per buffer: two, for double buffering. */
    public static final int SLOTS = 2;

    private final Map<String, byte[]> dram = new HashMap<>();
    private final byte[][] weight;
    private final byte[][] act;
    private final short[][] lut;
    private final byte[][] param;
    private final int[][] acc;
    private final float[][] lanes;
    private final byte[][] staged;

    /** Buffers with these per-slot capacities; {@code lanes} allocates the 16-lane float accumulators of W1.58A16. */
    public AccelMachine(SlotCapacities c, boolean floatLanes) {
        weight = new byte[SLOTS][Math.toIntExact(c.weightBytes())];
        act = new byte[SLOTS][Math.toIntExact(c.actBytes())];
        lut = new short[SLOTS][Math.toIntExact(c.lutEntries())];
        param = new byte[SLOTS][Math.toIntExact(c.paramBytes())];
        int outputs = Math.toIntExact(c.accumulators());
        acc = new int[SLOTS][floatLanes ? 0 : outputs];
        lanes = new float[SLOTS][floatLanes ? Math.multiplyExact(outputs, 16) : 0];
        staged = new byte[SLOTS][Math.multiplyExact(outputs, 4)];
    }

    /** Defines (or replaces) a DRAM region. */
    public void dram(String region, byte[] bytes) {
        dram.put(Objects.requireNonNull(region), Objects.requireNonNull(bytes));
    }

    /** The bytes of a DRAM region. */
    public byte[] dram(String region) {
        byte[] b = dram.get(region);
        if (b == null) {
            throw new IllegalStateException("no DRAM region '" + region + "'");
        }
        return b;
    }

    /** The byte array behind a byte-addressed buffer slot (WEIGHT, ACT, PARAM, or OUT's requantised outputs). */
    byte[] bytes(Buf buf, int slot) {
        switch (buf) {
            case WEIGHT:
                return weight[slot];
            case ACT:
                return act[slot];
            case PARAM:
                return param[slot];
            case OUT:
                return staged[slot];
            default:
                throw new IllegalStateException(buf + " is not byte-addressed");
        }
    }

    short[] lut(int slot) {
        return lut[slot];
    }

    int[] acc(int slot) {
        return acc[slot];
    }

    float[] lanes(int slot) {
        return lanes[slot];
    }

    /** Bounds check with a message naming the buffer, as a hardware model would raise an address fault. */
    static void check(String what, long from, long length, int capacity) {
        if (from < 0 || length < 0 || from + length > capacity) {
            throw new IllegalStateException(what + " [" + from + ", " + (from + length) + ") exceeds capacity "
                    + capacity);
        }
    }
}
