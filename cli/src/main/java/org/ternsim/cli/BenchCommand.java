// `ternsim bench`: benchmarks on this host; subcommands add themselves to the list below.
package org.ternsim.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks on this machine.",
    subcommands = {BenchMemoryCommand.class})
final class BenchCommand {
}
