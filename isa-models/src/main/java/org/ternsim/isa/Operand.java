// Operands of an instruction: registers, memory references, immediates and branch labels.
package org.ternsim.isa;

public sealed interface Operand permits Reg, Operand.Mem, Operand.Imm, Operand.Label, Operand.Masked {

    /** The operand kind used in an instruction form, e.g. {@code ymm}, {@code m256}, {@code imm}, {@code rel}. */
    String kind();

    /** A memory reference {@code [base + index*scale + disp]} of {@code bytes} width; base or index may be null. */
    record Mem(Reg base, Reg index, int scale, long disp, int bytes) implements Operand {
        public Mem {
            if (base != null && !isAddressReg(base) || index != null && !isAddressReg(index)) {
                throw new IllegalArgumentException("address registers must be 64-bit GPRs");
            }
            if (scale != 1 && scale != 2 && scale != 4 && scale != 8) {
                throw new IllegalArgumentException("scale must be 1, 2, 4 or 8: " + scale);
            }
            if (Integer.bitCount(bytes) != 1 || bytes > 64) {
                throw new IllegalArgumentException("memory width must be 1..64 bytes, a power of two: " + bytes);
            }
        }

        private static boolean isAddressReg(Reg r) {
            return r.cls() == Reg.RegClass.R64 || r.cls() == Reg.RegClass.X;
        }

        public static Mem at(Reg base, long disp, int bytes) {
            return new Mem(base, null, 1, disp, bytes);
        }

        @Override
        public String kind() {
            return "m" + bytes * 8;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(sizeKeyword(bytes)).append(" ptr [");
            boolean any = false;
            if (base != null) {
                sb.append(base.name());
                any = true;
            }
            if (index != null) {
                sb.append(any ? " + " : "").append(index.name()).append('*').append(scale);
                any = true;
            }
            if (disp != 0 || !any) {
                if (any) {
                    sb.append(disp < 0 ? " - " : " + ").append(Math.abs(disp));
                } else {
                    sb.append("0x").append(Long.toHexString(disp));
                }
            }
            return sb.append(']').toString();
        }

        static String sizeKeyword(int bytes) {
            return switch (bytes) {
                case 1 -> "byte";
                case 2 -> "word";
                case 4 -> "dword";
                case 8 -> "qword";
                case 16 -> "xmmword";
                case 32 -> "ymmword";
                case 64 -> "zmmword";
                default -> throw new IllegalArgumentException("no size keyword for " + bytes + " bytes");
            };
        }
    }

    record Imm(long value) implements Operand {
        @Override
        public String kind() {
            return "imm";
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    record Label(String name) implements Operand {
        @Override
        public String kind() {
            return "rel";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * An AVX-512 destination register under an opmask: {@code zmm1{k1}} merges (lanes whose mask bit is clear keep
     * their old value), {@code zmm1{k1}{z}} zeroes them. k0 cannot be a write mask (its encoding means "no mask").
     */
    record Masked(Reg reg, Reg mask, boolean zeroing) implements Operand {
        public Masked {
            if (!reg.cls().isVector()) {
                throw new IllegalArgumentException("only vector registers take a write mask, got " + reg);
            }
            if (mask.cls() != Reg.RegClass.K || mask.index() == 0) {
                throw new IllegalArgumentException("write mask must be k1..k7, got " + mask);
            }
        }

        @Override
        public String kind() {
            return reg.kind() + (zeroing ? "{k}{z}" : "{k}");
        }

        @Override
        public String toString() {
            return reg.name() + "{" + mask.name() + "}" + (zeroing ? "{z}" : "");
        }
    }
}
