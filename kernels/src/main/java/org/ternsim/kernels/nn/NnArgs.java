// Shared range checks, so every NnOps implementation rejects the same bad arguments with the same message.
package org.ternsim.kernels.nn;

final class NnArgs {

    private NnArgs() {
    }

    static void check(String what, float[] a, int off, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + n);
        }
        if (off < 0 || (long) off + n > a.length) {
            throw new IndexOutOfBoundsException(what + ": [" + off + ", " + ((long) off + n) + ") is outside 0.."
                    + a.length);
        }
    }

    static void checkSoftmax(float[] x, int off, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("softmax needs at least one value, got " + n);
        }
        check("x", x, off, n);
    }

    static void checkRows(float[] p, int pOff, int rows, float[] v, int vOff, int vStride, float[] out, int outOff,
                          int dim) {
        if (rows < 1) {
            throw new IllegalArgumentException("weightedRowSum needs at least one row, got " + rows);
        }
        if (vStride < dim) {
            throw new IllegalArgumentException("row stride " + vStride + " is shorter than the row " + dim);
        }
        check("p", p, pOff, rows);
        check("v", v, vOff, (rows - 1) * vStride + dim);
        check("out", out, outOff, dim);
    }
}
