// X86Lanes128/256/512 must be exactly their template rendered at that width.
package org.ternsim.isa.x86;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.PerWidthBodiesTest;

class PerWidthLanesTest {

    @Test
    void everyWidthIsItsTemplateRendered() throws IOException {
        PerWidthBodiesTest.assertRendered(Map.of("X86Lanes", "org/ternsim/isa/x86"));
    }
}
