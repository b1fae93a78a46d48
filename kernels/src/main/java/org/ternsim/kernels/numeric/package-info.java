/** Exact conversions between float and the 16-bit formats (IEEE binary16 with ggml's NaN rule, bfloat16), for Java 17. */
package org.ternsim.kernels.numeric;
