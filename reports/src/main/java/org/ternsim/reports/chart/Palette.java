// One colour per component, operator class and kernel name, the same in every chart and report; unknown names get a
// stable colour derived from the name, so a series keeps its colour across runs and charts.
package org.ternsim.reports.chart;

import java.awt.Color;
import java.util.Locale;
import java.util.Map;

public final class Palette {

    /** Tableau 20: distinct, print-safe colours for names without a fixed assignment. */
    private static final int[] SPARE = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f,
        0xbcbd22, 0x17becf, 0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d,
        0x9edae5};

    // Core orange, memory levels blue from light to dark as they get further from the core, DRAM red, static grey.
    private static final Map<String, Integer> FIXED = Map.ofEntries(
        Map.entry("core", 0xff7f0e), Map.entry("l1d", 0x9ecae1), Map.entry("l1", 0x9ecae1), Map.entry("l2", 0x6baed6),
        Map.entry("l3", 0x3182bd), Map.entry("dram", 0xd62728), Map.entry("static", 0x7f7f7f),
        Map.entry("accel", 0x2ca02c), Map.entry("pe", 0x2ca02c), Map.entry("sram", 0x98df8a), Map.entry("dma", 0xbcbd22),
        Map.entry("requant", 0x17becf),
        Map.entry("bitlinear", 0x1f77b4), Map.entry("linear", 0x1f77b4), Map.entry("elementwise", 0x7f7f7f),
        Map.entry("hadamard", 0x17becf), Map.entry("gemv", 0x1f77b4), Map.entry("gemm", 0xaec7e8),
        Map.entry("attention", 0xff7f0e), Map.entry("norm", 0x9467bd), Map.entry("activation", 0x8c564b),
        Map.entry("quantize", 0xe377c2), Map.entry("lm_head", 0xd62728), Map.entry("embedding", 0xbcbd22),
        Map.entry("runtime", 0xc49c94),
        Map.entry("i2_s", 0x1f77b4), Map.entry("tl1", 0x2ca02c), Map.entry("tl2", 0x98df8a), Map.entry("tl2_0", 0x98df8a),
        Map.entry("tmac", 0x9467bd), Map.entry("tmac-w4", 0xc5b0d5), Map.entry("tq1_0", 0xe377c2),
        Map.entry("tq2_0", 0xf7b6d2),
        Map.entry("f32", 0x7f7f7f), Map.entry("f16", 0xc7c7c7), Map.entry("bf16", 0xc7c7c7), Map.entry("q8_0", 0xff7f0e),
        Map.entry("q4_0", 0xffbb78), Map.entry("q6_k", 0xd62728));

    private Palette() {
    }

    /** The colour of a component, operator class or kernel; accelerator units such as "accel.pe" use their last part. */
    public static Color of(String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT).strip();
        Integer rgb = FIXED.get(key);
        if (rgb == null && key.contains(".")) {
            rgb = FIXED.get(key.substring(key.lastIndexOf('.') + 1));
        }
        if (rgb == null) {
            rgb = SPARE[Math.floorMod(stableHash(key), SPARE.length)];
        }
        return new Color(rgb);
    }

    /** CSS hex form, for HTML tables that show the same colours as the charts. */
    public static String css(String name) {
        return String.format(Locale.ROOT, "#%06x", of(name).getRGB() & 0xffffff);
    }

    // String.hashCode is specified by the JLS, so colours do not change between JVMs.
    private static int stableHash(String s) {
        return s.hashCode() * 31 + s.length();
    }
}
