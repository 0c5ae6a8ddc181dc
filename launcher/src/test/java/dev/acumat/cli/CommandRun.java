package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The acumat command line run in the test's own process, what it prints kept for the test to read. */
final class CommandRun {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Runs {@code acumat ARGS}; returns its exit code. */
    int run(String... args) {
        CommandLine cl = Acumat.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** What a mistake printed, which must be one line and no stack trace; forgotten for the next run. */
    String errorLine() {
        String e = err.toString();
        assertThat(e.lines().count()).as("one line: %s", e).isEqualTo(1);
        assertThat(e).doesNotContain("Exception", "\tat ");
        err.getBuffer().setLength(0);
        return e.strip();
    }
}
