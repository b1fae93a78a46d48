/** AArch64 (A64 + Advanced SIMD/NEON, dotprod as a feature flag): registers, exact semantics, assembly text, faults. */
package org.ternsim.isa.arm;
