// `ternsim bench`: host measurements of the functional engine (kernels) and of the memory system (memory).
package org.ternsim.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure on this host: `bench kernels` times the functional engine's kernels side by side with the",
        "simulator; `bench memory` measures read bandwidth and latency from 4 KiB to 1 GiB (a memory mountain);",
        "`bench native` runs the simulator's own x86 programs on this CPU beside their simulated time."},
    subcommands = {BenchKernelsCommand.class, BenchMemoryCommand.class, BenchNativeCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
