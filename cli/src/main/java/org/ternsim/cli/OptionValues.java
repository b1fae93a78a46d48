// Range checks of numeric options: one message per offending option, naming it, the value given and the form
// expected, instead of one sentence listing every option's rule.
package org.ternsim.cli;

final class OptionValues {

    private OptionValues() {
    }

    /** "--batch 0: expected an integer >= 1". */
    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new UserError(option + " " + value + ": expected an integer >= " + min);
        }
    }

    /** "--rep-time 0.0: expected a number of seconds > 0". */
    static void positive(String option, double value, String what) {
        if (!(value > 0)) {
            throw new UserError(option + " " + value + ": expected " + what + " > 0");
        }
    }
}
