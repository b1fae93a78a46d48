// The per-width Vector API bodies (128/256/512-bit classes) must be exactly their template rendered at that width.
package org.ternsim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Vector API compiles to SIMD code only with constant species, so each width has its own class (see
 * {@code LutBody256}); their text is generated from one template so the widths cannot drift apart. Placeholders:
 * {@code {{W}}} the width in bits, {@code {{W/2}}} half of it (byte species widened to shorts), {@code {{W/16}}}
 * int16 lanes, {@code {{W/8}}} byte lanes. Run with {@code -Dternsim.regenerate=true} to rewrite the classes from the templates.
 */
public class PerWidthBodiesTest {

    /** Template name -> package directory of the generated classes. */
    private static final Map<String, String> TEMPLATES = Map.of(
        "LutBody", "org/ternsim/kernels/lut",
        "BaselineBody", "org/ternsim/kernels/baseline",
        "BaselineGemmBody", "org/ternsim/kernels/baseline",
        "TmacBody", "org/ternsim/kernels/tmac");

    static String render(String template, int bits) {
        return template.replace("{{W}}", Integer.toString(bits)).replace("{{W/2}}", Integer.toString(bits / 2))
            .replace("{{W/8}}", Integer.toString(bits / 8)).replace("{{W/16}}", Integer.toString(bits / 16));
    }

    @Test
    void everyWidthIsItsTemplateRendered() throws IOException {
        assertRendered(TEMPLATES);
    }

    /**
     * Checks (or with {@code -Dternsim.regenerate=true} rewrites) each template's classes under the working directory's
     * {@code src/main}; other modules' tests call it with their own templates.
     */
    public static void assertRendered(Map<String, String> templates) throws IOException {
        boolean regenerate = Boolean.getBoolean("ternsim.regenerate");
        for (var e : templates.entrySet()) {
            String template = Files.readString(Path.of("src/main/templates", e.getKey() + ".java.tmpl"),
                StandardCharsets.UTF_8);
            for (int bits : new int[] {128, 256, 512}) {
                Path source = Path.of("src/main/java", e.getValue(), e.getKey() + bits + ".java");
                String expected = render(template, bits);
                if (regenerate) {
                    Files.writeString(source, expected, StandardCharsets.UTF_8);
                }
                assertEquals(expected, Files.readString(source, StandardCharsets.UTF_8),
                    source + " differs from its template; edit the template and regenerate");
            }
        }
    }
}
