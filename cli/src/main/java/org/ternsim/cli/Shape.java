// A matrix shape given as MxK on the command line: M output rows, K the reduction length.
package org.ternsim.cli;

import picocli.CommandLine;

record Shape(int rows, int cols) {

    static Shape parse(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a shape; expected MxK such as 2560x6912");
        }
        try {
            int m = Integer.parseInt(parts[0]);
            int k = Integer.parseInt(parts[1]);
            if (m < 1 || k < 1) {
                throw new CommandLine.TypeConversionException("shape '" + text + "' must have M >= 1 and K >= 1");
            }
            return new Shape(m, k);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a shape; expected MxK such as 2560x6912");
        }
    }

    @Override
    public String toString() {
        return rows + "x" + cols;
    }
}
