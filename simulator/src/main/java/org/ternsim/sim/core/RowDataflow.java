// The dataflow schedule of rows RowMemo replays: run at the row's end, by max-plus maps of rows and row segments.
package org.ternsim.sim.core;

import java.util.Arrays;
import java.util.HashMap;

/**
 * A replayed memo row ({@link RowMemo}) still has to advance the core's dataflow schedule (the critical-path bound,
 * {@link OutOfOrderCore#dataflow}), which reads nothing of the real schedule. Here it is deferred: a row replayed to
 * its end runs it in one go, and a replay that stops part-way runs it over the instructions it replayed. The rows of a
 * GEMV whose weights stream from DRAM start from many timing states but run the same instructions, so the map of a
 * row's schedule ({@link DataflowMap}) is kept per instruction sequence and accumulate groups, not per memo row: it is
 * built once the sequence has been replayed to its end {@value #BUILD_AFTER} times (building costs about ten passes),
 * and used where it has fewer than two terms per instruction of the row. Long rows also have maps per segment
 * ({@link #SEGMENT}), for replays that begin or end part-way. Same numbers as running the schedule per instruction
 * ({@code LoopReplayTest} compares the bound, {@code DataflowMapTest} a span's map).
 */
final class RowDataflow {

    private static final int BUILD_AFTER = 16;
    /** Shorter rows are not worth a map: its terms would cost more than their few instructions. */
    private static final int MIN_LENGTH = 32;
    /**
     * Long rows are also cut into segments of this many instructions: a replay that resumed part-way
     * ({@link RowMemo}) or stops at a turn runs whole segments by maps, kept per instruction sequence and accumulate
     * groups as whole rows' are. Replays resume at snapshots, which lie a multiple of it into a row. In the NEON
     * T-MAC-W4 GEMV, whose 17,553-instruction rows mostly replay from a snapshot on, the dataflow schedule of
     * replayed instructions had been about a tenth of the run.
     */
    static final int SEGMENT = RowRecording.SNAPSHOT_EVERY;
    /**
     * Runs of a segment's sequence before its map is built. A core lives for one GEMV, in which a T-MAC-W4 segment's
     * map, built after its fourth run, served about 75 more; a build costs about ten runs.
     */
    private static final int SEGMENT_BUILD_AFTER = 4;
    /** Segment sequences kept per core, at most (each keeps a map of up to {@code 2 * SEGMENT} terms). */
    private static final int MAX_SEGMENT_SHAPES = 1 << 12;

    /** One instruction sequence from one set of accumulate groups, and its map once built (null: none yet or none). */
    static final class Shape {
        final char[] pcs;
        final short[] access;
        final int length;
        final int[] groups;
        int fullReplays;
        DataflowMap map;

        Shape(MemoRow r, int[] groups) {
            this.pcs = r.pcs;
            this.access = r.access;
            this.length = r.length;
            this.groups = groups;
        }

        boolean matches(MemoRow r, int[] groupsNow) {
            return length == r.length && Arrays.equals(pcs, 0, length, r.pcs, 0, length)
                && Arrays.equals(access, 0, length, r.access, 0, length) && Arrays.equals(groups, groupsNow);
        }
    }

    /** One segment's instruction sequence from one set of accumulate groups, and its map once built. */
    static final class SegmentShape {
        /** Stands for a segment of a row looked up once all shapes the core may keep were kept: it never maps. */
        static final SegmentShape UNKEPT = unkept();

        final char[] pcs;
        final short[] access;
        final int from;
        final int[] groups;
        int runs;
        DataflowMap map;

        SegmentShape(char[] pcs, short[] access, int from, int[] groups) {
            this.pcs = pcs;
            this.access = access;
            this.from = from;
            this.groups = groups;
        }

        private static SegmentShape unkept() {
            SegmentShape s = new SegmentShape(new char[0], new short[0], 0, new int[0]);
            s.runs = SEGMENT_BUILD_AFTER; // never built, and never written (cores on other threads share it)
            return s;
        }

        boolean matches(MemoRow r, int at, int[] groupsNow) {
            return Arrays.equals(pcs, from, from + SEGMENT, r.pcs, at, at + SEGMENT)
                && Arrays.equals(access, from, from + SEGMENT, r.access, at, at + SEGMENT)
                && Arrays.equals(groups, groupsNow);
        }
    }

    private final OutOfOrderCore core;
    private final long[] state;
    private final HashMap<Long, Shape> shapes = new HashMap<>();
    private final HashMap<Long, SegmentShape> segmentShapes = new HashMap<>();
    private DataflowRules rules;
    /** Instructions of the row in hand whose schedule has run. */
    private int done;
    /** Segments whose schedule ran by their maps. */
    private long segmentsByMap;

    RowDataflow(OutOfOrderCore core) {
        this.core = core;
        this.state = new long[core.dataflowSize()];
    }

    /** A row starts replaying. */
    void begin() {
        done = 0;
    }

    /** A row goes on replaying at {@code position}: the instructions before it were timed, their schedule run. */
    void resumeAt(int position) {
        done = position;
    }

    /**
     * Runs the schedule over the replayed instructions of {@code r} before {@code position} not run yet: whole
     * segments of a long row by their maps where built, the rest instruction by instruction.
     */
    void upTo(MemoRow r, int position) {
        int j = done;
        while (j < position) {
            int segment = j / SEGMENT;
            int segmentEnd = (segment + 1) * SEGMENT;
            boolean whole = j == segment * SEGMENT && segmentEnd <= position && segmentEnd <= r.length;
            if (whole && bySegmentMap(r, segment)) {
                j = segmentEnd;
                continue;
            }
            int to = Math.min(position, segmentEnd);
            for (; j < to; j++) {
                int a = r.access[j];
                core.dataflow(r.pcs[j], MemoRow.width(a) > 0 && !MemoRow.store(a));
            }
        }
        done = Math.max(done, position);
    }

    /**
     * Runs segment {@code segment} of {@code r} by its map and returns true; or, with no map yet, counts the run that
     * the caller makes instruction by instruction and returns false. A row's segment is looked up once (a segment
     * before a child's first turn is its root's): its accumulate groups are the same at every visit, as a row's
     * position is reached from one start state; they are checked all the same.
     */
    private boolean bySegmentMap(MemoRow r, int segment) {
        MemoRow owner = (segment + 1) * SEGMENT <= r.sameAsRoot ? r.root : r;
        SegmentShape[] segments = owner.dataflowSegments;
        if (segments == null) {
            if (owner.length < 2 * SEGMENT) {
                return false;
            }
            segments = owner.dataflowSegments = new SegmentShape[owner.length / SEGMENT];
        }
        SegmentShape s = segments[segment];
        if (s == null) {
            s = segments[segment] = segmentShapeOf(owner, segment * SEGMENT);
        }
        if (s.map != null && core.accumulateGroupsAre(s.groups)) {
            core.saveDataflow(state);
            s.map.apply(state);
            core.restoreDataflow(state);
            core.setAccumulateGroups(s.map.groupsAfter);
            segmentsByMap++;
            return true;
        }
        if (s.map == null && s.runs < SEGMENT_BUILD_AFTER && ++s.runs == SEGMENT_BUILD_AFTER) {
            s.map = segmentMapOf(s);
        }
        return false;
    }

    /** The kept sequence of {@code r}'s segment at {@code from}, from the groups now ({@link SegmentShape#UNKEPT}). */
    private SegmentShape segmentShapeOf(MemoRow r, int from) {
        int[] groups = core.accumulateGroups();
        long hash = sequenceHash(r, from, SEGMENT, groups);
        SegmentShape s = segmentShapes.get(hash);
        if (s != null && s.matches(r, from, groups)) {
            return s;
        }
        if (segmentShapes.size() == MAX_SEGMENT_SHAPES) {
            return SegmentShape.UNKEPT;
        }
        // a colliding sequence replaces the kept one, whose rows keep it (only its count and map are no longer shared)
        s = new SegmentShape(r.pcs, r.access, from, groups);
        segmentShapes.put(hash, s);
        return s;
    }

    private DataflowMap segmentMapOf(SegmentShape s) {
        return mapOf(s.pcs, s.access, s.from, SEGMENT, s.groups, true);
    }

    long segmentsByMap() {
        return segmentsByMap;
    }

    /** Row {@code r} was replayed to its end. */
    void ended(MemoRow r) {
        if (done > 0) {
            upTo(r, r.length);
            done = 0;
            return;
        }
        Shape s = r.dataflowShape;
        if (s == null) {
            s = r.dataflowShape = shapeOf(r);
        }
        if (s.map != null) {
            core.saveDataflow(state);
            s.map.apply(state);
            core.restoreDataflow(state);
        } else {
            upTo(r, r.length);
            if (++s.fullReplays == BUILD_AFTER && s.length >= MIN_LENGTH) {
                s.map = mapOf(s);
            }
        }
        done = 0;
    }

    private Shape shapeOf(MemoRow r) {
        int[] groups = core.accumulateGroups();
        long hash = sequenceHash(r, 0, r.length, groups) * 31 + r.length;
        Shape s = shapes.get(hash);
        if (s == null || !s.matches(r, groups)) {
            s = new Shape(r, groups); // a colliding sequence replaces the kept one: it only loses its map
            shapes.put(hash, s);
        }
        return s;
    }

    /** A hash of {@code r}'s instructions {@code from..from + n} and the accumulate groups they start from. */
    private static long sequenceHash(MemoRow r, int from, int n, int[] groups) {
        long hash = Arrays.hashCode(groups);
        for (int j = from; j < from + n; j++) {
            hash = 31 * hash + (r.pcs[j] << 16 | r.access[j] & 0xFFFF);
        }
        return hash;
    }

    private DataflowMap mapOf(Shape s) {
        return mapOf(s.pcs, s.access, 0, s.length, s.groups, false);
    }

    /**
     * The map of instructions {@code from..from + n} from {@code groups}, or null where it costs too much; a map that
     * would leave other groups is null too unless {@code groupsMayChange} (a segment's map carries its groups after).
     */
    private DataflowMap mapOf(char[] rowPcs, short[] access, int from, int n, int[] groups, boolean groupsMayChange) {
        if (rules == null) {
            rules = core.dataflowRules();
        }
        int[] pcs = new int[n];
        int[] widths = new int[n];
        boolean[] stores = new boolean[n];
        for (int j = 0; j < n; j++) {
            pcs[j] = rowPcs[from + j];
            widths[j] = MemoRow.width(access[from + j]);
            stores[j] = MemoRow.store(access[from + j]);
        }
        DataflowMap map = groupsMayChange ? DataflowMap.ofSpan(rules, pcs, widths, stores, n, groups)
            : DataflowMap.ofSequence(rules, pcs, widths, stores, n, groups);
        // A term (a load, an add, a max) costs a fraction of an instruction's schedule (its sources, its accumulator,
        // three stores per destination), so a map of up to two terms per instruction still runs faster.
        return map != null && map.cost() < 2L * n ? map : null;
    }
}
