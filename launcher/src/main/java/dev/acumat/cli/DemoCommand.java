package dev.acumat.cli;

import picocli.CommandLine.Command;

/** {@code acumat demo}: announced by DESIGN.md, not built yet. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Everything local: broker, influxd, a simulated mat on a virtual serial port, gateway, analytics and web UI (not built yet).")
final class DemoCommand extends NotBuiltYet {
}
