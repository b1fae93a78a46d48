// DMA store: a 2-D strided copy of requantised outputs from an OUT slot to a DRAM region.
package org.ternsim.isa.accel;

/** Copies {@code rows} chunks of {@code rowBytes} bytes from OUT slot {@code slot} to {@code dstOffset + i * dstStride}. */
public record DmaStore(String region, long dstOffset, long dstStride, int slot, int rowBytes, int rows)
        implements AccelInstr {

    public long bytes() {
        return (long) rowBytes * rows;
    }

    public boolean contiguous() {
        return rows == 1 || dstStride == rowBytes;
    }

    @Override
    public void execute(AccelMachine m) {
        byte[] from = m.bytes(Buf.OUT, slot);
        byte[] dst = m.dram(region);
        AccelMachine.check("OUT slot " + slot, 0, bytes(), from.length);
        for (int i = 0; i < rows; i++) {
            long to = dstOffset + i * dstStride;
            AccelMachine.check("DRAM " + region, to, rowBytes, dst.length);
            System.arraycopy(from, i * rowBytes, dst, (int) to, rowBytes);
        }
    }

    @Override
    public String asm() {
        return "dma.st " + region + "+" + dstOffset + ", O" + slot + ", " + rows + "x" + rowBytes + "/" + dstStride;
    }
}
