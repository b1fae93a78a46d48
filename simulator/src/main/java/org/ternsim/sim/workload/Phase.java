// The unit of work a run costs: one decode step, a prompt prefill, one diffusion step or a whole image.
package org.ternsim.sim.workload;

import java.util.Locale;

/**
 * @param kind    which phase
 * @param context tokens already in the KV cache (decode and prefill)
 * @param tokens  prompt tokens (prefill)
 * @param batch   sequences decoded together (decode)
 * @param steps   denoising steps (image)
 * @param resolution image side in pixels (diffusion)
 */
public record Phase(Kind kind, int context, int tokens, int batch, int steps, int resolution) {

    public enum Kind {
        DECODE, PREFILL, DIFFUSION_STEP, IMAGE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.label().equals(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("--phase must be decode, prefill, diffusion-step or image, got '" + s + "'");
        }
    }

    public Phase {
        atLeast("context", context, 0);
        atLeast("tokens", tokens, 1);
        atLeast("batch", batch, 1);
        atLeast("steps", steps, 1);
        atLeast("resolution", resolution, 16);
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("phase " + field + " " + value + ": expected an integer >= " + min);
        }
    }

    public boolean diffusion() {
        return kind == Kind.DIFFUSION_STEP || kind == Kind.IMAGE;
    }

    public String describe() {
        return switch (kind) {
            case DECODE -> "decode @" + context + (batch > 1 ? " x" + batch : "");
            case PREFILL -> "prefill " + tokens + (context > 0 ? " @" + context : "");
            case DIFFUSION_STEP -> "diffusion step " + resolution + "x" + resolution;
            case IMAGE -> "image " + resolution + "x" + resolution + ", " + steps + " steps";
        };
    }
}
