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
    /** Per entry, its line plus its stride: the line that continues it; {@link #NO_STRIDE} while it has none. */
    private final long[] continuesAt = new long[STREAMS];
    private static final long NO_STRIDE = Long.MIN_VALUE;
    private final int[] confidence = new int[STREAMS];
    private final long[] lastUse = new long[STREAMS];
    private long clock;
    /** Table entry that produced the last observe() batch, or -1. */
    private int lastEntry = -1;
    /*
     * The stride table's answers to lines seen again ({@link #stride}): per slot (a line's low bits), a line, the entry
     * whose line it is, and the table version they were found at. The answer (no stride continues from any entry, and
     * this is the first entry whose line it is) depends only on the entries' lines and strides, so it holds until the
     * version moves on, which every change to one of those makes. A kernel's loads go round a few lines (weights,
     * tables, activations), and on a core with a stride prefetcher at L1 each scanned all 16 entries: 40 % of an
     * L1 hit's time.
     */
    private static final int REPEATS = 64;
    private final long[] repeatLine = new long[REPEATS];
    private final int[] repeatEntry = new int[REPEATS];
    private final long[] repeatVersion = new long[REPEATS];
    private long version;

    Prefetcher(Kind kind, int degree, int distance) {
        this.kind = kind;
        this.degree = Math.max(1, degree);
        this.distance = Math.max(1, distance);
        Arrays.fill(lastLine, Long.MIN_VALUE / 2);
        Arrays.fill(continuesAt, NO_STRIDE);
        Arrays.fill(repeatVersion, -1);
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
        int slot = (int) line & (REPEATS - 1);
        if (repeatLine[slot] == line && repeatVersion[slot] == version) {
            // the scans below would find no match and this entry nearest again: nothing they read has changed
            lastUse[repeatEntry[slot]] = clock;
            return 0;
        }
        int match = -1;
        for (int s = 0; s < STREAMS; s++) {
            if (continuesAt[s] == line) {
                match = s;
                break;
            }
        }
        if (match < 0) {
            return retrain(line, slot);
        }
        long st = stride[match];
        lastUse[match] = clock;
        lastLine[match] = line;
        continuesAt[match] = line + st;
        version++;
        if (++confidence[match] < 1) {
            return 0;
        }
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

    /**
     * No entry continues its stride at {@code line}: the nearest entry within {@link #STRIDE_WINDOW} lines (the first
     * of equals) learns the stride from its line to this one, or, with none that near, the least recently used entry
     * (the first of equals) starts over here. The same line again neither confirms nor breaks a stride, and is
     * remembered in {@code slot}.
     */
    private int retrain(long line, int slot) {
        int nearest = -1;
        long nearestDistance = Long.MAX_VALUE;
        for (int s = 0; s < STREAMS; s++) {
            long d = Math.abs(line - lastLine[s]);
            if (d <= STRIDE_WINDOW && d < nearestDistance) {
                nearest = s;
                nearestDistance = d;
            }
        }
        if (nearestDistance == 0) {
            lastUse[nearest] = clock;
            repeatLine[slot] = line;
            repeatEntry[slot] = nearest;
            repeatVersion[slot] = version;
            return 0;
        }
        int s = nearest;
        if (s < 0) {
            s = 0;
            for (int t = 1; t < STREAMS; t++) {
                if (lastUse[t] < lastUse[s]) {
                    s = t;
                }
            }
        }
        long st = nearest >= 0 ? line - lastLine[s] : 0;
        stride[s] = st;
        continuesAt[s] = st != 0 ? line + st : NO_STRIDE;
        confidence[s] = 0;
        lastLine[s] = line;
        issuedUpTo[s] = line;
        lastUse[s] = clock;
        version++;
        return 0;
    }

    /** The stride table, entry by entry (line, stride, confidence, last use, issued up to), for tests. */
    String strideTable() {
        return strideTable(lastLine, stride, confidence, lastUse, issuedUpTo);
    }

    /** The rendering of {@link #strideTable()}, for a table kept in these arrays. */
    static String strideTable(long[] lines, long[] strides, int[] confidences, long[] uses, long[] issued) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < lines.length; s++) {
            b.append(lines[s]).append(' ').append(strides[s]).append(' ').append(confidences[s]).append(' ')
                .append(uses[s]).append(' ').append(issued[s]).append('\n');
        }
        return b.toString();
    }

    private static int range(long first, long last, long[] out) {
        int n = (int) (last - first + 1);
        for (int i = 0; i < n; i++) {
            out[i] = first + i;
        }
        return n;
    }
}
