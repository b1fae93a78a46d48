// Names of the actions and area components an accelerator energy table must define.
package org.ternsim.sim.accel;

import java.util.List;

/** Required keys of {@code configs/energy/accel-*.yaml}; the loader rejects a table missing any of them. */
public final class AccelActions {

    /** Ternary select-and-add of an int8 activation into a ~21-bit accumulator (one per weight). */
    public static final String TERNARY_MAC = "ternary_mac";
    /** Same with an int4 activation (~17-bit accumulator). */
    public static final String TERNARY_MAC_INT4 = "ternary_mac_int4";
    /** INT8 multiply plus 32-bit add (baseline PE). */
    public static final String INT8_MAC = "int8_mac";
    /** FP32 add: a W1.58A16 lane step (t in {-1, 0, +1} selects +x, -x or 0) and each A16 tree add. */
    public static final String FP32_ADD = "fp32_add";
    /** One adder operation of the LUT builder (int16). */
    public static final String LUT_BUILD_ADD = "lut_build_add";
    /** One 16-bit table lookup plus its int16 add into the block sum. */
    public static final String LUT_READ = "lut_read";
    /** One accumulator write-back of a tile (32-bit read-modify-write in the output buffer's registers). */
    public static final String ACC_UPDATE = "acc_update";
    /** One output of the requantise unit (int-to-float, offset, divide, scale). */
    public static final String EPILOGUE_OUTPUT = "epilogue_output";
    /** Clock and pipeline registers of one PE for one busy cycle. */
    public static final String PE_CLOCK = "pe_clock";

    /** Zero detection of one activation (an OR over its bits into the group's flag) when skipping is on. */
    public static final String ZERO_DETECT = "zero_detect";
    /** One non-zero group index from the compaction unit (priority encode and address add). */
    public static final String SKIP_INDEX = "skip_index";

    public static final List<String> ENERGY = List.of(TERNARY_MAC, TERNARY_MAC_INT4, INT8_MAC, FP32_ADD, LUT_BUILD_ADD,
            LUT_READ, ACC_UPDATE, EPILOGUE_OUTPUT, PE_CLOCK, ZERO_DETECT, SKIP_INDEX);

    /** Area of one ternary adder-tree PE (adder/subtractor slice, operand mux, pipeline register). */
    public static final String AREA_TERNARY_PE = "ternary_pe";
    /** Area of one INT8 MAC PE. */
    public static final String AREA_INT8_PE = "int8_mac_pe";
    /** Area of one FP32 lane adder (W1.58A16 support). */
    public static final String AREA_FP32_LANE = "fp32_lane";
    /** Area of one LUT PE (16:1 int16 mux, int16 adder). */
    public static final String AREA_LUT_PE = "lut_pe";
    /** Area of one 16 x 16-bit table register file (one per PE column). */
    public static final String AREA_LUT_TABLE = "lut_table";
    /** Area of one epilogue lane (FP32 multiply and add, int-to-float). */
    public static final String AREA_EPILOGUE_LANE = "epilogue_lane";
    /** Area of the DMA engine, sequencer and control. */
    public static final String AREA_CONTROL = "control";

    public static final List<String> AREAS = List.of(AREA_TERNARY_PE, AREA_INT8_PE, AREA_FP32_LANE, AREA_LUT_PE,
            AREA_LUT_TABLE, AREA_EPILOGUE_LANE, AREA_CONTROL);

    private AccelActions() {
    }
}
