// DMA load: a 2-D strided copy from a DRAM region into a buffer slot.
package org.ternsim.isa.accel;

/**
 * Copies {@code rows} chunks of {@code rowBytes} bytes, chunk i from {@code srcOffset + i * srcStride} of DRAM region
 * {@code region}, to consecutive bytes of slot {@code slot} of {@code dst} from {@code dstOffset}.
 */
public record DmaLoad(Buf dst, int slot, int dstOffset, String region, long srcOffset, int rowBytes, int rows,
        long srcStride) implements AccelInstr {

    /** Bytes moved. */
    public long bytes() {
        return (long) rowBytes * rows;
    }

    /** Whether the chunks are adjacent in DRAM (one burst stream rather than {@code rows} separate ones). */
    public boolean contiguous() {
        return rows == 1 || srcStride == rowBytes;
    }

    @Override
    public void execute(AccelMachine m) {
        byte[] src = m.dram(region);
        byte[] to = m.bytes(dst, slot);
        AccelMachine.check(dst + " slot " + slot, dstOffset, bytes(), to.length);
        for (int i = 0; i < rows; i++) {
            long from = srcOffset + i * srcStride;
            AccelMachine.check("DRAM " + region, from, rowBytes, src.length);
            System.arraycopy(src, (int) from, to, dstOffset + i * rowBytes, rowBytes);
        }
    }

    @Override
    public String asm() {
        return "dma.ld " + dst.name().charAt(0) + slot + "+" + dstOffset + ", " + region + "+" + srcOffset + ", "
                + rows + "x" + rowBytes + "/" + srcStride;
    }
}
