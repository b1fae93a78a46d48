// Hardware prefetcher of one cache level: next-line (every miss) or stream (after two sequential lines), with degree and distance.
package org.ternsim.sim.mem;

public final class Prefetcher {

    enum Kind { NONE, NEXT_LINE, STREAM }

    private static final int STREAMS = 16;

    private final Kind kind;
    private final int degree;
    private final int distance;
    private final long[] lastLine = new long[STREAMS];
    private final long[] issuedUpTo = new long[STREAMS];
    private final int[] confidence = new int[STREAMS];
    private final long[] lastUse = new long[STREAMS];
    private long clock;

    Prefetcher(Kind kind, int degree, int distance) {
        this.kind = kind;
        this.degree = Math.max(1, degree);
        this.distance = Math.max(1, distance);
        java.util.Arrays.fill(lastLine, Long.MIN_VALUE / 2);
    }

    /** A prefetcher of kind {@code none}, {@code next-line} or {@code stream}; null for none. */
    public static Prefetcher of(String kind, int degree, int distance) {
        Kind k = switch (kind) {
            case "none" -> Kind.NONE;
            case "next-line" -> Kind.NEXT_LINE;
            case "stream" -> Kind.STREAM;
            default -> throw new IllegalArgumentException("unknown prefetcher kind " + kind);
        };
        return k == Kind.NONE ? null : new Prefetcher(k, degree, distance);
    }

    /**
     * Observes a demand access to {@code line} and returns the first and last line to prefetch ({@code [first, last]}),
     * or null for none. Ascending streams only: the kernels stream weights upwards.
     */
    long[] observe(long line, boolean miss) {
        if (kind == Kind.NONE) {
            return null;
        }
        if (kind == Kind.NEXT_LINE) {
            return miss ? new long[] {line + 1, line + degree} : null;
        }
        clock++;
        int match = -1;
        int victim = 0;
        for (int s = 0; s < STREAMS; s++) {
            if (line == lastLine[s] + 1 || line == lastLine[s]) {
                match = s;
                break;
            }
            if (lastUse[s] < lastUse[victim]) {
                victim = s;
            }
        }
        if (match < 0) {
            lastLine[victim] = line;
            issuedUpTo[victim] = line;
            confidence[victim] = 0;
            lastUse[victim] = clock;
            return null;
        }
        lastUse[match] = clock;
        if (line == lastLine[match]) {
            return null;
        }
        lastLine[match] = line;
        if (++confidence[match] < 2) {
            return null;
        }
        long first = Math.max(issuedUpTo[match] + 1, line + 1);
        long last = Math.min(line + distance, first + degree - 1);
        if (first > last) {
            return null;
        }
        issuedUpTo[match] = last;
        return new long[] {first, last};
    }
}
