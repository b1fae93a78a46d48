// A user error in a configuration file or value. Never carries a stack trace to the user: the CLI prints problems()
// one per line and exits with code 2.
package org.ternsim.sim.config;

import java.util.List;

/**
 * A configuration error. Each problem is one line of the form
 * {@code <file>:<line>:<col>: <field.path>: <problem>; expected <form>}. When a file has several problems, all are
 * collected; the message is then the first one plus {@code " (and N more)"}, and {@link #problems()} lists them all.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    /** One problem. */
    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** Several problems of one file (or one load), in file order; must not be empty. */
    public ConfigException(List<String> problems) {
        super(summary(problems), null, false, false); // no stack trace: this is a user error
        this.problems = List.copyOf(problems);
    }

    /** Every problem, one line each, in the order found. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("a ConfigException needs at least one problem");
        return problems.size() == 1 ? problems.get(0)
                : problems.get(0) + " (and " + (problems.size() - 1) + " more)";
    }
}
