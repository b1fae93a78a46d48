// Byte-addressed little-endian memory made of the program's regions; any other address is a fault.
package org.ternsim.isa;

import java.util.ArrayList;
import java.util.List;

public final class Memory {

    private final List<Region> regions = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();
    /**
     * The regions of the latest two lookups, the latest first: a kernel's loads alternate between two regions (weights
     * and activations, codes and tables), and with only the latest remembered every other lookup scanned the regions
     * (13 % of an interpreted TL2 AVX-512 run).
     */
    private int lastHit;
    private int previousHit;
    /** Region bounds and bytes as arrays for the per-access lookup (a kernel's loads alternate between regions). */
    private final long[] base;
    private final long[] end;
    private final byte[][] data;

    public Memory(List<Region> layout) {
        for (Region r : layout) {
            for (Region other : regions) {
                if (r.base() < other.end() && other.base() < r.end()) {
                    throw new IllegalArgumentException("regions overlap: " + r.name() + " and " + other.name());
                }
            }
            regions.add(r);
            contents.add(new byte[r.bytes()]);
        }
        base = new long[regions.size()];
        end = new long[regions.size()];
        data = contents.toArray(new byte[0][]);
        for (int i = 0; i < base.length; i++) {
            base[i] = regions.get(i).base();
            end[i] = regions.get(i).end();
        }
    }

    /** The backing bytes of a region, for loading inputs and reading outputs. */
    public byte[] bytes(String regionName) {
        for (int i = 0; i < regions.size(); i++) {
            if (regions.get(i).name().equals(regionName)) {
                return contents.get(i);
            }
        }
        throw new IllegalArgumentException("no region " + regionName);
    }

    public void read(long address, byte[] dst, int dstOffset, int length) {
        int r = find(address, length);
        System.arraycopy(data[r], (int) (address - base[r]), dst, dstOffset, length);
    }

    /**
     * The bytes of the region that holds all of {@code [address, address + length)}, for an instruction that moves
     * several pieces of one span (ld1 / st1 of several registers): one region lookup instead of one per piece. The
     * span starts at {@link #offsetInHolding} of the returned array. Null when no one region holds the span (the
     * caller then moves the pieces one by one, and a piece outside every region faults).
     */
    public byte[] holding(long address, int length) {
        int r = regionOf(address, length);
        return r < 0 ? null : data[r];
    }

    /** Where {@code address} is in the array the latest {@link #holding} call returned (and that call's region). */
    public int offsetInHolding(long address) {
        return (int) (address - base[lastHit]);
    }

    public void write(long address, byte[] src, int srcOffset, int length) {
        int r = find(address, length);
        System.arraycopy(src, srcOffset, data[r], (int) (address - base[r]), length);
    }

    /** {@code bytes} (1..8) little-endian bytes at {@code address}, zero-extended; no buffer per access. */
    public long readLong(long address, int bytes) {
        int r = find(address, bytes);
        byte[] d = data[r];
        int o = (int) (address - base[r]);
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (d[o + i] & 0xFF);
        }
        return v;
    }

    public void writeLong(long address, long value, int bytes) {
        int r = find(address, bytes);
        byte[] d = data[r];
        int o = (int) (address - base[r]);
        for (int i = 0; i < bytes; i++) {
            d[o + i] = (byte) (value >>> (8 * i));
        }
    }

    private int find(long address, int length) {
        int r = regionOf(address, length);
        if (r < 0) {
            throw new MemoryFault(address, length);
        }
        return r;
    }

    /** The region holding all of {@code [address, address + length)}, or -1. */
    private int regionOf(long address, int length) {
        int last = lastHit;
        if (last < base.length && address >= base[last] && address + length <= end[last]) {
            return last;
        }
        int previous = previousHit;
        if (previous < base.length && address >= base[previous] && address + length <= end[previous]) {
            previousHit = last;
            lastHit = previous;
            return previous;
        }
        for (int i = 0; i < base.length; i++) {
            if (address >= base[i] && address + length <= end[i]) {
                previousHit = last;
                lastHit = i;
                return i;
            }
        }
        return -1;
    }



    /** An access outside every region: the program is wrong, not the input. */
    public static final class MemoryFault extends RuntimeException {
        public MemoryFault(long address, int length) {
            super("memory fault: " + length + "-byte access at 0x" + Long.toHexString(address) + " is outside every region");
        }
    }
}
