package dev.acumat.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * A command that DESIGN.md promises and this version does not have yet: it says so plainly and
 * exits non-zero instead of pretending, whatever options it was given.
 */
abstract class NotBuiltYet implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Unmatched
    List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(spec.qualifiedName()
                + ": not built yet in this version; see README.md (Status) for what works today");
        return 1;
    }
}
