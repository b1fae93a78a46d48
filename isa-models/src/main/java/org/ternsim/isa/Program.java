// A kernel as an instruction program of a modelled ISA: code, branch labels and the memory regions it uses.
package org.ternsim.isa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

public record Program(String name, String isa, List<Instruction> code, Map<String, Integer> labels, List<Region> regions) {

    public Program {
        code = List.copyOf(code);
        labels = Map.copyOf(labels);
        regions = List.copyOf(regions);
        for (Instruction in : code) {
            for (Operand o : in.operands()) {
                if (o instanceof Operand.Label l && !labels.containsKey(l.name())) {
                    throw new IllegalArgumentException("undefined label " + l.name() + " in " + in);
                }
            }
        }
    }

    public Region region(String regionName) {
        for (Region r : regions) {
            if (r.name().equals(regionName)) {
                return r;
            }
        }
        throw new IllegalArgumentException("program " + name + " has no region " + regionName);
    }

    /** Incremental construction with forward labels, as an assembler would do. */
    public static final class Builder {
        private final String name;
        private final String isa;
        private final List<Instruction> code = new java.util.ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();
        private final List<Region> regions = new java.util.ArrayList<>();

        public Builder(String name, String isa) {
            this.name = name;
            this.isa = isa;
        }

        public Builder emit(String mnemonic, Operand... ops) {
            code.add(Instruction.of(mnemonic, ops));
            return this;
        }

        public Builder emit(Instruction in) {
            code.add(in);
            return this;
        }

        public Builder label(String label) {
            if (labels.putIfAbsent(label, code.size()) != null) {
                throw new IllegalArgumentException("label defined twice: " + label);
            }
            return this;
        }

        public Builder region(Region r) {
            regions.add(r);
            return this;
        }

        public Program build() {
            return new Program(name, isa, code, labels, regions);
        }
    }
}
