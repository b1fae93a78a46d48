/** Functional engine: bit-exact weight formats, quantizers and kernels; the numeric ground truth of TernSim. */
package org.ternsim.kernels;
