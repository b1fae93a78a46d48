// Damaged copies of a valid file (bytes flipped, cut, inserted) either parse or raise GgufFormatException, quickly.
package org.ternsim.kernels.gguf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ternsim.kernels.format.I2sLayout;

class GgufMutationPropertyTest {

    private static final byte[] VALID = GgufRoundTripTest.sampleModel(3, 32).toByteArray();

    /** One damage: kind 0 xors a byte, 1 cuts the file, 2 inserts bytes, 3 overwrites 8 bytes (a whole count). */
    record Mutation(int kind, int at, int value) {
        byte[] apply(byte[] b) {
            int i = at % b.length;
            switch (kind) {
                case 0 -> {
                    byte[] c = b.clone();
                    c[i] ^= (byte) (value == 0 ? 1 : value);
                    return c;
                }
                case 1 -> {
                    return Arrays.copyOf(b, i);
                }
                case 2 -> {
                    byte[] c = new byte[b.length + 1 + value % 8];
                    System.arraycopy(b, 0, c, 0, i);
                    Arrays.fill(c, i, i + 1 + value % 8, (byte) value);
                    System.arraycopy(b, i, c, i + 1 + value % 8, b.length - i);
                    return c;
                }
                default -> {
                    byte[] c = b.clone();
                    for (int k = 0; k < 8 && i + k < c.length; k++) {
                        c[i + k] = (byte) (k == 7 ? value : 0xFF);
                    }
                    return c;
                }
            }
        }
    }

    @Provide
    Arbitrary<Mutation[]> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, VALID.length - 1), Arbitraries.integers().between(0, 255))
            .as(Mutation::new);
        return one.array(Mutation[].class).ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 2000)
    void damagedFilesParseOrFailWithAFormatError(@ForAll("mutations") Mutation[] damage) {
        byte[] b = VALID;
        for (Mutation m : damage) {
            b = b.length == 0 ? b : m.apply(b);
        }
        long start = System.nanoTime();
        try (GgufReader r = ByteArrayChannel.reader(b)) {
            for (GgufTensorInfo t : r.file().tensors()) {
                r.tensorBytes(t);
                if (t.type() == GgmlType.I2_S) {
                    r.i2sWeights(t, I2sLayout.X86_128);
                }
            }
            r.file().metadata().values().forEach(GgufValue::display);
        } catch (GgufFormatException e) {
            assertTrue(e.getMessage().startsWith("test.gguf: at byte "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 500, "parsing a damaged " + b.length + "-byte file took " + ms + " ms");
    }
}
