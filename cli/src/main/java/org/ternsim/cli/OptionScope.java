// Options a mode of a command does not use are rejected by name instead of being ignored silently (as simulate's
// --trace already was with --op): a user who gives --steps to an LLM decode expects it to change something.
package org.ternsim.cli;

import picocli.CommandLine;

final class OptionScope {

    private final CommandLine.ParseResult parsed;

    OptionScope(CommandLine.Model.CommandSpec spec) {
        this.parsed = spec.commandLine().getParseResult();
    }

    /** Whether the option was on the command line (not just its default). */
    boolean given(String option) {
        return parsed != null && parsed.hasMatchedOption(option);
    }

    /** Throws "{@code <option> <why>}" for the first of {@code options} that was given. */
    void reject(String why, String... options) {
        for (String option : options) {
            if (given(option)) {
                throw new UserError(option + " " + why);
            }
        }
    }
}
