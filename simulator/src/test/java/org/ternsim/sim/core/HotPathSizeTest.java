// The per-instruction methods the core model calls stay small enough for C2 to inline them into their callers.
package org.ternsim.sim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * C2 inlines a hot callee only up to {@code -XX:FreqInlineSize} bytes of bytecode (325 by default, JDK 17 to 25);
 * past it every call stays a call, and nothing else tells. {@link PortTable#reserve} had reached 322 bytes in one
 * piece, so it was split with room to spare (docs/performance.md). The sizes are read from the compiled classes with
 * javap.
 */
class HotPathSizeTest {

    private static final int FREQ_INLINE_SIZE = 325;

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource(delimiter = '|', value = {
        "PortTable | long reserve(int, long, long, int)",
        "PortTable | private long firstFreeCycle(long, long)",
        "PortTable | private int takeLeastUsed(long, long)",
        "LatestCycles | void add(long)",
        "FpSchedulerQueue | long enter(long)",
        "OutOfOrderCore | public void retired(int, long, int, boolean)",
        "LoopReplay | void retired(int, long, int, boolean)",
        "LoopReplay | private void replay(int, long, int, boolean)",
    })
    void staysUnderTheInliningLimit(String className, String signature) {
        int bytes = codeLength("org.ternsim.sim.core." + className, signature);
        assertTrue(bytes <= FREQ_INLINE_SIZE,
            className + "." + signature + " is " + bytes + " bytes of bytecode, over " + FREQ_INLINE_SIZE);
    }

    @Test
    void readsTheLengthOfAMethod() {
        // iconst_1, ireturn: 2 bytes; an empty endless loop is one goto to itself: 3 bytes
        assertEquals(2, codeLength(HotPathSizeTest.class.getName(), "static int one()"));
        assertEquals(3, codeLength(HotPathSizeTest.class.getName(), "static void spin()"));
    }

    static int one() {
        return 1;
    }

    static void spin() {
        for (;;) {
            // never called: only its bytecode is read
        }
    }

    /** Bytes of bytecode of the method declared as {@code signature} (javap's form, modifiers included). */
    static int codeLength(String className, String signature) {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow(() -> new AssertionError("no javap"));
        StringWriter out = new StringWriter();
        String classes = classesDirectory(className);
        int status = javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", "-cp", classes, className);
        assertEquals(0, status, out.toString());
        String text = out.toString().replace("\r\n", "\n"); // javap writes the platform's line ends
        int at = text.indexOf("  " + signature + ";\n");
        assertTrue(at >= 0, "no method " + signature + " in javap's listing of " + className);
        int end = text.indexOf("\n\n", at);
        String body = text.substring(at, end < 0 ? text.length() : end);
        Matcher m = Pattern.compile("(?m)^\\s+(\\d+): (\\w+)").matcher(body);
        int lastOffset = -1;
        String lastOpcode = null;
        while (m.find()) {
            lastOffset = Integer.parseInt(m.group(1));
            lastOpcode = m.group(2);
        }
        assertTrue(lastOffset >= 0, "no code for " + signature);
        return lastOffset + instructionSize(lastOpcode);
    }

    /** Size of a method's final instruction: a return or athrow (1 byte) or a goto (3). */
    private static int instructionSize(String opcode) {
        return switch (opcode) {
            case "goto" -> 3;
            case "goto_w" -> 5;
            default -> {
                assertTrue(opcode.endsWith("return") || opcode.equals("athrow"), "method ends with " + opcode);
                yield 1;
            }
        };
    }

    private static String classesDirectory(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
