package dev.acumat.cli;

import picocli.CommandLine.Command;

/** {@code acumat analytics}: announced by DESIGN.md, not built yet. */
@Command(name = "analytics", mixinStandardHelpOptions = true, description = "Consume frames, compute contact, lower-back coverage, sessions and posture shifts, write InfluxDB, serve the web UI (not built yet).")
final class AnalyticsCommand extends NotBuiltYet {
}
