// The loop nest, memory map and register plan shared by the AVX2 and AVX-512 T-MAC programs (2 or 4 bit planes): tiles
// of rows, activation groups, 4-activation groups; the width-specific lookups, epilogue and fold come from the caller.
package org.ternsim.isa.lower;

import static org.ternsim.isa.Reg.r64;

import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;
import org.ternsim.isa.Operand.Imm;
import org.ternsim.isa.Operand.Label;
import org.ternsim.isa.Operand.Mem;
import org.ternsim.isa.Program;
import org.ternsim.isa.Reg;
import org.ternsim.isa.Region;
import org.ternsim.kernels.tmac.TmacShapes;

final class TmacX86Loops {

    static final long WEIGHTS_BASE = 0x1_0000_0000L;
    static final long TABLES_BASE = 0x2_0000_0000L;
    static final long LUT_PARAMS_BASE = 0x3_0000_0000L;
    static final long CONSTS_BASE = 0x3_0001_0000L;
    static final long SCRATCH_BASE = 0x3_0002_0000L;
    static final long OUTPUT_BASE = 0x4_0000_0000L;
    /** Canonical float lanes per row sum (LaneSum). */
    static final int LANES = 16;

    static final Reg W = r64(6);       // rsi: weight pointer, walks the whole tensor
    static final Reg T = r64(7);       // rdi: table pointer, reset per tile
    static final Reg Y = r64(2);       // rdx: output pointer
    static final Reg TILES = r64(8);   // r8: tiles left
    static final Reg GROUPS = r64(1);  // rcx: 4-activation groups left in this activation group
    static final Reg LP = r64(9);      // r9: lut scale/bias pointer, reset per tile
    static final Reg SCRATCH = r64(10);
    static final Reg CONSTS = r64(11); // r11: CONSTS_BASE, all program long (the fold reads the plane alphas)
    /** r12: the scratch lane of the current activation group (SCRATCH_BASE + lane x 4 x rows): the epilogue's base. */
    static final Reg LANE = r64(12);
    static final Reg ACT_GROUPS = r64(13); // r13: activation groups left in this pass over the lanes
    static final Reg ROUNDS = r64(14);     // r14: full passes over the 16 lanes left after the first

    /**
     * Emits the float epilogue of one activation group: its plane sums widened, scaled and fused into the lanes at
     * {@link #LANE}; {@code firstRound}: the lanes are written for the first time (activation groups 0-15), so they
     * start from zero rather than from what is stored there.
     */
    @FunctionalInterface
    interface Epilogue {
        void emit(Program.Builder b, boolean firstRound);
    }

    /**
     * What differs between the widths.
     *
     * @param rowsPerTile     rows per tile
     * @param planeGroupBytes weight bytes per tile, 4-activation group and plane
     * @param vector          the float vector registers (ymm or zmm) of w_scale and 0.5f
     * @param nibbleMask      the 0x0F mask register (as wide as one plane's weight load)
     * @param accumulator     the register form the int16 plane sums are zeroed through
     */
    record Width(int rowsPerTile, int planeGroupBytes, IntFunction<Reg> vector, Reg nibbleMask,
            IntFunction<Reg> accumulator) {
        int tiles(int rows) {
            return (rows + rowsPerTile - 1) / rowsPerTile;
        }
    }

    /**
     * Register of plane {@code plane}'s int16 sums, first ({@code half} 0) or second half of the tile's rows: 0-3 for
     * planes 0 and 1, 7-10 for planes 2 and 3. 4-6 hold the group's table and lookups, 11-15 the epilogue's
     * lut_bias, lut_scale, 0.5f, w_scale and the nibble mask.
     */
    static int accumulator(int plane, int half) {
        return plane < 2 ? 2 * plane + half : 2 * plane + 3 + half;
    }

    /**
     * The epilogue's three temporaries: 7-9 with two planes; with four, where planes 2 and 3 sum, the group's
     * temporaries 4-6, free once its loop has ended.
     */
    static int[] epilogueTemps(int bits) {
        return bits == TmacShapes.BITS ? new int[] {7, 8, 9} : new int[] {4, 5, 6};
    }

    /** Where the fold leaves plane {@code plane}'s sum c: register 0 for plane 0, 7 + plane for the others. */
    static int foldTarget(int plane) {
        return plane == 0 ? 0 : 7 + plane;
    }

    private TmacX86Loops() {
    }

    /**
     * The program for {@code bits} planes: {@code group} emits one 4-activation group's lookups of every plane into
     * the {@link #accumulator} registers, {@code epilogue} widens, scales and fuses an activation group's sums into
     * the lanes at {@link #LANE}, and {@code fold} (builder, lanes) folds the written lanes of every row and stores
     * the tile's outputs.
     */
    static Program lower(String isaName, Width w, Consumer<Program.Builder> group, Epilogue epilogue,
            ObjIntConsumer<Program.Builder> fold, int rows, int cols, int actGroupSize, int bits) {
        TmacShapes.checkBits(bits);
        int tiles = w.tiles(rows);
        int groups = cols / TmacShapes.G;
        int actGroups = cols / actGroupSize;
        int maskBytes = w.nibbleMask().cls().bytes();
        int groupBytes = bits * w.planeGroupBytes();
        Program.Builder b = new Program.Builder(
            TmacShapes.kernelName(bits) + "/" + isaName + " gemv " + rows + "x" + cols + " ags" + actGroupSize,
            "x86-64");
        b.region(new Region("weights", WEIGHTS_BASE, tiles * groups * groupBytes, Region.Role.INPUT));
        b.region(new Region("tables", TABLES_BASE, TmacShapes.ENTRIES * groups, Region.Role.INPUT));
        b.region(new Region("lutparams", LUT_PARAMS_BASE, 8 * actGroups, Region.Role.INPUT));
        b.region(new Region("consts", CONSTS_BASE, 2 * maskBytes, Region.Role.INPUT));
        b.region(new Region("scratch", SCRATCH_BASE, bits * LANES * w.rowsPerTile() * 4, Region.Role.OUTPUT));
        b.region(new Region("output", OUTPUT_BASE, tiles * w.rowsPerTile() * 4, Region.Role.OUTPUT));

        b.emit("mov", W, new Imm(WEIGHTS_BASE));
        b.emit("mov", Y, new Imm(OUTPUT_BASE));
        b.emit("mov", TILES, new Imm(tiles));
        b.emit("mov", SCRATCH, new Imm(SCRATCH_BASE));
        b.emit("mov", CONSTS, new Imm(CONSTS_BASE));
        b.emit("vbroadcastss", w.vector().apply(14), Mem.at(CONSTS, 0, 4));    // w_scale
        b.emit("vbroadcastss", w.vector().apply(13), Mem.at(CONSTS, 4, 4));    // 0.5f
        b.emit("vmovdqu", w.nibbleMask(), Mem.at(CONSTS, maskBytes, maskBytes)); // maskBytes x 0x0F

        b.label(".Ltile");
        b.emit("mov", T, new Imm(TABLES_BASE));
        b.emit("mov", LP, new Imm(LUT_PARAMS_BASE));
        // Activation group j fuses into lane j mod 16: a loop over the first 16 (fresh lanes), then loops over the
        // lanes again, so the program's size does not grow with K and every activation group runs the same code.
        int first = Math.min(actGroups, LANES);
        int rounds = (actGroups - first) / LANES;
        int tail = (actGroups - first) % LANES;
        Loop loop = new Loop(b, w, group, epilogue, actGroupSize, bits);
        loop.emit(".Lgroup", first, true);
        if (rounds > 1) {
            b.emit("mov", ROUNDS, new Imm(rounds));
            b.label(".Lround");
        }
        if (rounds > 0) {
            loop.emit(".Lgroup1", LANES, false);
        }
        if (rounds > 1) {
            b.emit("dec", ROUNDS);
            b.emit("jne", new Label(".Lround"));
        }
        if (tail > 0) {
            loop.emit(".Lgroup2", tail, false);
        }
        fold.accept(b, Math.min(actGroups, LANES));
        b.emit("dec", TILES);
        b.emit("jne", new Label(".Ltile"));
        return b.build();
    }

    /**
     * Emits a loop over {@code count} activation groups from lane 0 on, its inner loop over 4-activation groups
     * labelled {@code name}.
     */
    private record Loop(Program.Builder b, Width w, Consumer<Program.Builder> group, Epilogue epilogue,
            int actGroupSize, int bits) {
        void emit(String name, int count, boolean firstRound) {
            int groupBytes = bits * w.planeGroupBytes();
            b.emit("mov", LANE, SCRATCH);
            if (count > 1) {
                b.emit("mov", ACT_GROUPS, new Imm(count));
                b.label(name + "s");
            }
            for (int plane = 0; plane < bits; plane++) {
                for (int half = 0; half < 2; half++) {
                    Reg acc = w.accumulator().apply(accumulator(plane, half));
                    b.emit("vpxor", acc, acc, acc);
                }
            }
            b.emit("mov", GROUPS, new Imm(actGroupSize / TmacShapes.G));
            b.label(name);
            group.accept(b);
            b.emit("add", W, new Imm(groupBytes));
            b.emit("add", T, new Imm(TmacShapes.ENTRIES));
            b.emit("dec", GROUPS);
            b.emit("jne", new Label(name));
            epilogue.emit(b, firstRound);
            if (count > 1) {
                b.emit("add", LANE, new Imm((long) w.rowsPerTile() * 4));
                b.emit("dec", ACT_GROUPS);
                b.emit("jne", new Label(name + "s"));
            }
        }
    }
}
