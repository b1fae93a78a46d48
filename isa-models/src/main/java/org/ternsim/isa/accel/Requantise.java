// Requantise: turn a tile's accumulators into float outputs with the kernel's epilogue, into the OUT slot's staging.
package org.ternsim.isa.accel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ternsim.kernels.gemv.CanonicalSum;
import org.ternsim.kernels.gemv.I2sEpilogue;
import org.ternsim.kernels.lut.LutEpilogue;

/**
 * For token t < {@code tokens} and row r < {@code rows}: output (t * rows + r) of OUT slot {@code oSlot}'s staging
 * area (float32 little-endian) = epilogue(accumulator t * rows + r, token params, {@code weightScale}). Token t's
 * params are the 8 bytes at {@code (pToken + t) * 8} of PARAM slot {@code pSlot}: int32 sum of codes, float32 scale.
 */
public record Requantise(int oSlot, int pSlot, int pToken, int rows, int tokens, Epilogue epilogue, float weightScale)
        implements AccelInstr {

    public long outputs() {
        return (long) rows * tokens;
    }

    @Override
    public void execute(AccelMachine m) {
        ByteBuffer params = ByteBuffer.wrap(m.bytes(Buf.PARAM, pSlot)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.wrap(m.bytes(Buf.OUT, oSlot)).order(ByteOrder.LITTLE_ENDIAN);
        AccelMachine.check("PARAM slot " + pSlot, (long) pToken * 8, (long) tokens * 8, params.capacity());
        AccelMachine.check("OUT slot " + oSlot + " staging", 0, outputs() * 4, out.capacity());
        for (int t = 0; t < tokens; t++) {
            int sum = params.getInt((pToken + t) * 8);
            float scale = params.getFloat((pToken + t) * 8 + 4);
            for (int r = 0; r < rows; r++) {
                int o = t * rows + r;
                float y;
                switch (epilogue) {
                    case I2S:
                        y = I2sEpilogue.output(m.acc(oSlot)[o], sum, scale, weightScale);
                        break;
                    case LUT:
                        y = LutEpilogue.output(m.acc(oSlot)[o], scale, weightScale);
                        break;
                    default:
                        float[] lanes = m.lanes(oSlot);
                        y = CanonicalSum.output(CanonicalSum.tree(lanes, o * 16), weightScale);
                }
                out.putFloat(o * 4, y);
            }
        }
    }

    @Override
    public String asm() {
        return "requant." + epilogue.name().toLowerCase(java.util.Locale.ROOT) + " O" + oSlot + ", P" + pSlot + "+"
                + pToken + ", " + rows + "x" + tokens + ", wscale=0x" + Integer.toHexString(Float.floatToRawIntBits(
                weightScale));
    }
}
