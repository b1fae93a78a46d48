/** Weight formats: bitnet.cpp's I2_S layouts, byte for byte. */
package org.ternsim.kernels.format;
