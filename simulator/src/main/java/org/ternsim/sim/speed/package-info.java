/**
 * The simulator's own speed: a lowered GEMV simulated call after call ({@link org.ternsim.sim.speed.SpeedTrial}),
 * one JVM per kernel ({@link org.ternsim.sim.speed.SpeedTrialMain}), and a probe of how busy the host is beside it
 * ({@link org.ternsim.sim.speed.HostProbe}). `ternsim bench simulator` and the speed benches run these.
 */
package org.ternsim.sim.speed;
