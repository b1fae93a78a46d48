/**
 * The ternary-accelerator model: configs ({@link org.ternsim.sim.accel.AcceleratorConfig}, loaded by
 * {@code org.ternsim.sim.config.AcceleratorConfigLoader}), the cycle model ({@link org.ternsim.sim.accel.AccelCosts}
 * per instruction, {@link org.ternsim.sim.accel.AccelScheduler} over the program; zero-activation skipping timed from
 * {@link org.ternsim.sim.accel.ZeroGroups}, observed or {@link org.ternsim.sim.accel.ExpectedZeros}), energy and area
 * ({@link org.ternsim.sim.accel.AccelEnergy} with per-node tables), the roofline, and the entry points
 * {@link org.ternsim.sim.accel.AcceleratorSimulation#run} (one operator) and
 * {@link org.ternsim.sim.accel.AccelValidation#validateAll} (the bit-exact cases of {@code ternsim validate}).
 * The ISA, lowerings and mapper are in {@code org.ternsim.isa.accel}.
 */
package org.ternsim.sim.accel;
