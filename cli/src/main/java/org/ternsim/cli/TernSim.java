// Entry point of the `ternsim` command: subcommands, exit codes, and one-line errors without stack traces.
package org.ternsim.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.ternsim.kernels.gguf.GgufFormatException;
import org.ternsim.sim.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ternsim", mixinStandardHelpOptions = true, versionProvider = TernSim.Version.class,
    description = "Simulate 1-bit / 1.58-bit neural-network kernels on modelled CPUs: bit-exact, with cycles and energy.",
    footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage or invalid input, 3 validation mismatch."})
public final class TernSim implements Runnable {

    /** Subcommand names in help order; {@link #subcommand} makes each. */
    static final String[] COMMANDS = {"simulate", "validate", "inspect", "explain", "sweep", "bench", "calibrate",
        "report"};

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int MISMATCH = 3;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; used by main and by tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        org.ternsim.reports.RunEnvironment.install(
            org.ternsim.reports.RunEnvironment.detect(Version.projectVersion(), Home.dir()));
        TernSim root = new TernSim();
        CommandLine cl = new CommandLine(root);
        // picocli reflects over every registered command's options when the CommandLine is built (~0.1-0.2 s of a
        // 1-2 s run, and it loads each command's dependencies); a command line naming one command only needs that
        // one. Anything else (help, a typo to suggest a correction for) gets them all.
        String named = commandWord(args);
        for (String name : COMMANDS) {
            if (named == null || named.equals(name)) {
                cl.addSubcommand(name, subcommand(name));
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("ternsim: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try 'ternsim " + subcommandName(ex.getCommandLine()) + "--help' for usage.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            // A timing table without a form a program uses is a data gap the user can act on, not a crash; so is a
            // malformed table given with explain --uarch.
            boolean user = ex instanceof UserError || ex instanceof ConfigException || ex instanceof GgufFormatException
                || ex instanceof org.ternsim.isa.uarch.UnknownFormException
                || ex instanceof org.ternsim.isa.uarch.UarchFormatException;
            if (ex instanceof ConfigException ce && ce.problems().size() > 1) {
                ce.problems().forEach(p -> err.println("ternsim: " + p));
            } else {
                err.println("ternsim: " + (user ? "" : "internal error: ") + oneLine(ex));
            }
            if (root.debug) {
                ex.printStackTrace(err);
            } else if (!user) {
                err.println("(run with --debug for the stack trace)");
            }
            err.flush();
            return user ? USAGE : FAILURE;
        });
        return withinHeap(() -> cl.execute(args), root, err);
    }

    /**
     * Runs {@code command}. A run that outgrows the heap (a --shape whose synthetic data does not fit) ends with one
     * line that says so and how to give the JVM more, exit code 2, not a JVM stack trace: the data a run holds is
     * what its options ask for. Nothing is written by then (runs write their output files at the end).
     */
    static int withinHeap(java.util.function.IntSupplier command, TernSim root, PrintWriter err) {
        try {
            return command.getAsInt();
        } catch (OutOfMemoryError e) {
            err.println(String.format(java.util.Locale.ROOT, "ternsim: out of memory: this run needs more than the "
                + "JVM's maximum heap of %,d MiB; raise it with TERNSIM_JAVA_OPTS=-Xmx<size> (e.g. -Xmx16g) or choose a "
                + "smaller --shape", Runtime.getRuntime().maxMemory() >> 20));
            if (root.debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return USAGE;
        }
    }

    private static Object subcommand(String name) {
        switch (name) {
            case "simulate": return new SimulateCommand();
            case "validate": return new ValidateCommand();
            case "inspect": return new InspectCommand();
            case "explain": return new ExplainCommand();
            case "sweep": return new SweepCommand();
            case "bench": return new BenchCommand();
            case "calibrate": return new HostCalibrateCommand();
            case "report": return new ReportCommand();
            default: throw new IllegalArgumentException(name);
        }
    }

    /** The subcommand the arguments name (the first word that is not a root option), or null if none is known. */
    static String commandWord(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return java.util.Arrays.asList(COMMANDS).contains(a) ? a : null;
            }
        }
        return null;
    }

    /** "bench memory " for a nested command (the whole path, so the hint names a command that exists). */
    private static String subcommandName(CommandLine c) {
        return c.getParent() == null ? "" : subcommandName(c.getParent()) + c.getCommandName() + " ";
    }

    static String oneLine(Throwable t) {
        // A parallel stream or fork/join task rethrows a worker's exception wrapped in one of its own kind whose
        // message is the worker's exception as text; the worker's own message is the one to show.
        while (t.getCause() != null && t.getMessage() != null && t.getMessage().equals(t.getCause().toString())) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof org.ternsim.isa.uarch.UnknownFormException) {
            m = m.replaceFirst(" \\(known forms:.*", "") + "; choose another --kernel/--isa or add the form to the table";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The project version, filtered into a resource at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        static String projectVersion() {
            Properties p = new Properties();
            try (InputStream in = TernSim.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (java.io.IOException e) {
                return "unknown";
            }
            return p.getProperty("version", "unknown");
        }

        @Override
        public String[] getVersion() throws Exception {
            return new String[] {"ternsim " + projectVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                "kernels: " + org.ternsim.kernels.gemv.I2sGemv.describe()};
        }
    }
}
