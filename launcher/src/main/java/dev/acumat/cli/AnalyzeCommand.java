package dev.acumat.cli;

import picocli.CommandLine.Command;

/** {@code acumat analyze}: announced by DESIGN.md, not built yet. */
@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Run the analytics offline on a recording and print JSON lines or CSV (not built yet).")
final class AnalyzeCommand extends NotBuiltYet {
}
