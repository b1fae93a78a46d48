// `ternsim bench`: host measurements of the functional engine, the memory system, native runs and the simulator.
package org.ternsim.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure on this host: `bench kernels` times the functional engine's kernels side by side with the",
        "simulator; `bench memory` measures read bandwidth and latency from 4 KiB to 1 GiB (a memory mountain);",
        "`bench native` runs the simulator's own x86 programs on this CPU beside their simulated time;",
        "`bench simulator` times the simulator itself (simulated instructions per second)."},
    subcommands = {BenchKernelsCommand.class, BenchMemoryCommand.class, BenchNativeCommand.class,
        BenchSimulatorCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
