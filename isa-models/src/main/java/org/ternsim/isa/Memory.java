// Byte-addressed little-endian memory made of the program's regions; any other address is a fault.
package org.ternsim.isa;

import java.util.ArrayList;
import java.util.List;

public final class Memory {

    private final List<Region> regions = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();
    private int lastHit;

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
        System.arraycopy(contents.get(r), (int) (address - regions.get(r).base()), dst, dstOffset, length);
    }

    public void write(long address, byte[] src, int srcOffset, int length) {
        int r = find(address, length);
        System.arraycopy(src, srcOffset, contents.get(r), (int) (address - regions.get(r).base()), length);
    }

    public long readLong(long address, int bytes) {
        byte[] b = new byte[bytes];
        read(address, b, 0, bytes);
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    public void writeLong(long address, long value, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        write(address, b, 0, bytes);
    }

    private int find(long address, int length) {
        Region last = regions.isEmpty() ? null : regions.get(lastHit);
        if (last != null && address >= last.base() && address + length <= last.end()) {
            return lastHit;
        }
        for (int i = 0; i < regions.size(); i++) {
            Region r = regions.get(i);
            if (address >= r.base() && address + length <= r.end()) {
                lastHit = i;
                return i;
            }
        }
        throw new MemoryFault(address, length);
    }

    /** An access outside every region: the program is wrong, not the input. */
    public static final class MemoryFault extends RuntimeException {
        public MemoryFault(long address, int length) {
            super("memory fault: " + length + "-byte access at 0x" + Long.toHexString(address) + " is outside every region");
        }
    }
}
