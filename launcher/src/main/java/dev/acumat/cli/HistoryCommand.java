package dev.acumat.cli;

import picocli.CommandLine.Command;

/** {@code acumat history}: announced by DESIGN.md, not built yet. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Show session history from InfluxDB as a table, CSV or JSON (not built yet).")
final class HistoryCommand extends NotBuiltYet {
}
