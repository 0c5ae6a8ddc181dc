package dev.acumat.cli;

import picocli.CommandLine.Command;

/** {@code acumat gateway}: announced by DESIGN.md, not built yet. */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Read a mat's serial port and produce its frames to Kafka (not built yet).")
final class GatewayCommand extends NotBuiltYet {
}
