// What the dataflow schedule of the core reads about each pc, for building a DataflowMap of a replayed period.
package org.ternsim.sim.core;

import static org.ternsim.sim.core.DecodedProgram.ACC_GROUP;
import static org.ternsim.sim.core.DecodedProgram.ACC_LATENCY;
import static org.ternsim.sim.core.DecodedProgram.ACC_REG;
import static org.ternsim.sim.core.DecodedProgram.FLAGS;
import static org.ternsim.sim.core.DecodedProgram.INFO;
import static org.ternsim.sim.core.DecodedProgram.LATENCY;
import static org.ternsim.sim.core.DecodedProgram.LATE_FROM;
import static org.ternsim.sim.core.DecodedProgram.LATE_TO;
import static org.ternsim.sim.core.DecodedProgram.READ_FROM;
import static org.ternsim.sim.core.DecodedProgram.READ_TO;
import static org.ternsim.sim.core.DecodedProgram.VECTOR_LOAD;
import static org.ternsim.sim.core.DecodedProgram.WRITE_FROM;
import static org.ternsim.sim.core.DecodedProgram.WRITE_TO;
import static org.ternsim.sim.core.DecodedProgram.ZERO_IDIOM;

/** The rules of {@link OutOfOrderCore#dataflow}, per pc, over the core's decoded program. */
final class DataflowRules {
    private final int[] pcInfo;
    private final int[] regIds;
    private final long l1HitLatency;
    private final int vectorLoadExtra;

    DataflowRules(int[] pcInfo, int[] regIds, long l1HitLatency, int vectorLoadExtra) {
        this.pcInfo = pcInfo;
        this.regIds = regIds;
        this.l1HitLatency = l1HitLatency;
        this.vectorLoadExtra = vectorLoadExtra;
    }

    int[] registerIds() {
        return regIds;
    }

    int readsFrom(int pc) {
        return pcInfo[pc * INFO + READ_FROM];
    }

    int readsTo(int pc) {
        return pcInfo[pc * INFO + READ_TO];
    }

    int lateFrom(int pc) {
        return pcInfo[pc * INFO + LATE_FROM];
    }

    int lateTo(int pc) {
        return pcInfo[pc * INFO + LATE_TO];
    }

    int writesFrom(int pc) {
        return pcInfo[pc * INFO + WRITE_FROM];
    }

    int writesTo(int pc) {
        return pcInfo[pc * INFO + WRITE_TO];
    }

    int accumulator(int pc) {
        return pcInfo[pc * INFO + ACC_REG];
    }

    int accumulateGroup(int pc) {
        return pcInfo[pc * INFO + ACC_GROUP];
    }

    long lateAdvance(int pc) {
        return l1HitLatency + ((pcInfo[pc * INFO + FLAGS] & VECTOR_LOAD) != 0 ? vectorLoadExtra : 0);
    }

    /** Ideal completion minus ideal start. */
    long completionAfterStart(int pc, boolean isLoad) {
        int at = pc * INFO;
        int f = pcInfo[at + FLAGS];
        if ((f & ZERO_IDIOM) != 0) {
            return 0;
        }
        return pcInfo[at + LATENCY] + (isLoad ? l1HitLatency + ((f & VECTOR_LOAD) != 0 ? vectorLoadExtra : 0) : 0);
    }

    long earlyAccumulate(int pc) {
        int at = pc * INFO;
        return pcInfo[at + ACC_GROUP] < 0 ? 0 : pcInfo[at + LATENCY] - pcInfo[at + ACC_LATENCY];
    }}
