/** GEMV kernels: the scalar reference, the Vector API kernel, their shared epilogue and start-up selection. */
package org.ternsim.kernels.gemv;
