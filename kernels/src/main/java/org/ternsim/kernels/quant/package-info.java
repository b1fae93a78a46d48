/** Quantizers: absmean ternary weights and per-token absmax int8 activations, with pinned precision. */
package org.ternsim.kernels.quant;
