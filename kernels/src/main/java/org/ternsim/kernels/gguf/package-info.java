/**
 * GGUF model files (ggml's container format, versions 2 and 3, little-endian): a bounded reader that turns every
 * malformed input into a {@link org.ternsim.kernels.gguf.GgufFormatException}, a small writer, and the ggml type
 * table including bitnet.cpp's I2_S / TL1 / TL2.
 */
package org.ternsim.kernels.gguf;
