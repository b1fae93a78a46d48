// Hardware prefetcher of one cache level: next-line, stream (sequential) or stride (constant stride), with degree and distance.
package org.ternsim.sim.mem;

import java.util.Arrays;

/**
 * Trained on the demand accesses of its level (hits and misses). The model has no instruction addresses, so the
 * stride prefetcher tracks streams by address proximity instead of by load PC: an access continues a table entry
 * when it lands exactly one stride after it, or retrains the nearest entry within {@link #STRIDE_WINDOW} lines.
 */
public final class Prefetcher {

    enum Kind { NONE, NEXT_LINE, STREAM, STRIDE }

    private static final int STREAMS = 16;
    /** Largest stride, in lines, the stride table learns (16 KiB at 64 B lines). */
    static final int STRIDE_WINDOW = 256;

    private final Kind kind;
    private final int degree;
    private final int distance;
    private final long[] lastLine = new long[STREAMS];
    private final long[] issuedUpTo = new long[STREAMS];
    private final long[] stride = new long[STREAMS];
    private final int[] confidence = new int[STREAMS];
    private final long[] lastUse = new long[STREAMS];
    private long clock;
    /** Table entry that produced the last observe() batch, or -1. */
    private int lastEntry = -1;
    /**
     * The stride table's answer to a repeat of the line last seen with no change to any entry's line or stride
     * ({@link #stride}): consecutive loads in one line are most of the accesses, and each scanned the whole table.
     */
    private long repeatLine = Long.MIN_VALUE;
    private int repeatEntry;

    Prefetcher(Kind kind, int degree, int distance) {
        this.kind = kind;
        this.degree = Math.max(1, degree);
        this.distance = Math.max(1, distance);
        Arrays.fill(lastLine, Long.MIN_VALUE / 2);
    }

    /** A prefetcher of kind {@code none}, {@code next-line}, {@code stream} or {@code stride}; null for none. */
    public static Prefetcher of(String kind, int degree, int distance) {
        Kind k = switch (kind) {
            case "none" -> Kind.NONE;
            case "next-line" -> Kind.NEXT_LINE;
            case "stream" -> Kind.STREAM;
            case "stride" -> Kind.STRIDE;
            default -> throw new IllegalArgumentException("unknown prefetcher kind " + kind);
        };
        return k == Kind.NONE ? null : new Prefetcher(k, degree, distance);
    }

    /**
     * The cache could not take prefetch {@code line} of the last batch (no free MSHR): the entry forgets that it
     * issued it and anything after it, so a later access issues it again, as a hardware prefetch queue would hold the
     * request rather than lose it.
     */
    void dropped(long line) {
        if (lastEntry >= 0 && kind != Kind.NEXT_LINE) {
            long st = kind == Kind.STRIDE ? stride[lastEntry] : 1;
            issuedUpTo[lastEntry] = st > 0 ? Math.min(issuedUpTo[lastEntry], line - 1)
                : Math.max(issuedUpTo[lastEntry], line + 1);
        }
    }

    /** At most this many lines come out of one {@link #observe} call. */
    int degree() {
        return degree;
    }

    /**
     * Observes a demand access to {@code line}; writes the lines to prefetch (possibly none) to the start of
     * {@code out} (at least {@link #degree()} long, owned by the caller, so that no array is allocated per access)
     * and returns how many.
     */
    int observe(long line, boolean miss, long[] out) {
        lastEntry = -1;
        return switch (kind) {
            case NONE -> 0;
            case NEXT_LINE -> miss ? range(line + 1, line + degree, out) : 0;
            case STREAM -> stream(line, out);
            case STRIDE -> stride(line, out);
        };
    }

    /**
     * Ascending streams only (the kernels stream weights upwards): after two sequential lines, keep up to
     * {@code distance} lines ahead, issuing at most {@code degree} per access.
     */
    private int stream(long line, long[] out) {
        clock++;
        int match = -1;
        for (int s = 0; s < STREAMS; s++) {
            // line is lastLine[s] or the line after it (the difference is taken modulo 2^64, as the sum would be)
            if (Long.compareUnsigned(line - lastLine[s], 2) < 0) {
                match = s;
                break;
            }
        }
        if (match < 0) {
            // the least recently used entry, the first of equals; looked for only when no entry continues
            int victim = 0;
            for (int s = 1; s < STREAMS; s++) {
                if (lastUse[s] < lastUse[victim]) {
                    victim = s;
                }
            }
            lastLine[victim] = line;
            issuedUpTo[victim] = line;
            confidence[victim] = 0;
            lastUse[victim] = clock;
            return 0;
        }
        lastUse[match] = clock;
        if (line == lastLine[match]) {
            return 0;
        }
        lastLine[match] = line;
        if (++confidence[match] < 2) {
            return 0;
        }
        long first = Math.max(issuedUpTo[match] + 1, line + 1);
        long last = Math.min(line + distance, first + degree - 1);
        if (first > last) {
            return 0;
        }
        issuedUpTo[match] = last;
        lastEntry = match;
        return range(first, last, out);
    }

    /**
     * After the same non-zero stride twice (three accesses A, A+s, A+2s), prefetch {@code degree} lines at that stride,
     * the first {@code distance} strides ahead of the access, skipping lines already issued.
     */
    private int stride(long line, long[] out) {
        clock++;
        if (line == repeatLine) {
            // the scan below would find no match and this entry nearest again: nothing it reads has changed
            lastUse[repeatEntry] = clock;
            return 0;
        }
        repeatLine = Long.MIN_VALUE;
        int match = -1;
        int nearest = -1;
        int victim = 0;
        for (int s = 0; s < STREAMS; s++) {
            if (stride[s] != 0 && line == lastLine[s] + stride[s]) {
                match = s;
                break;
            }
            long d = Math.abs(line - lastLine[s]);
            if (d <= STRIDE_WINDOW && (nearest < 0 || d < Math.abs(line - lastLine[nearest]))) {
                nearest = s;
            }
            if (lastUse[s] < lastUse[victim]) {
                victim = s;
            }
        }
        if (match < 0) {
            int s = nearest >= 0 ? nearest : victim;
            long d = nearest >= 0 ? line - lastLine[s] : 0;
            if (d == 0 && nearest >= 0) {
                lastUse[s] = clock; // the same line again: neither confirms nor breaks the stride
                repeatLine = line;
                repeatEntry = s;
                return 0;
            }
            stride[s] = d;
            confidence[s] = 0;
            lastLine[s] = line;
            issuedUpTo[s] = line;
            lastUse[s] = clock;
            return 0;
        }
        lastUse[match] = clock;
        lastLine[match] = line;
        if (++confidence[match] < 1) {
            return 0;
        }
        long st = stride[match];
        int n = 0;
        for (int k = 0; k < degree; k++) {
            long target = line + st * (distance + k);
            boolean ahead = st > 0 ? target > issuedUpTo[match] : target < issuedUpTo[match];
            if (ahead && target >= 0) {
                out[n++] = target;
            }
        }
        if (n > 0) {
            issuedUpTo[match] = out[n - 1];
            lastEntry = match;
        }
        return n;
    }

    private static int range(long first, long last, long[] out) {
        int n = (int) (last - first + 1);
        for (int i = 0; i < n; i++) {
            out[i] = first + i;
        }
        return n;
    }
}
