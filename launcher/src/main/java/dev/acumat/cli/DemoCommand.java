package dev.acumat.cli;

import dev.acumat.analytics.web.AccessToken;
import dev.acumat.analytics.web.BindAddress;
import dev.acumat.protocol.WireFormat;
import dev.acumat.simulator.FrameSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acumat demo}: everything local, one command. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Everything on this machine: a Kafka broker, influxd, a simulated mat on a virtual serial port,"
                + " the gateway, the analytics and the web UI. Prints kafka:, influx: and web: once each answers,"
                + " then one status line. Ctrl-C stops everything and loses nothing; a second run keeps the history."})
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:ACUMAT_DATA_DIR}",
            description = "Where the broker, influxd, the spool and the analytics keep their data. Default: ~/.acumat.")
    Path dataDir;

    @Option(names = "--http", paramLabel = "HOST:PORT", defaultValue = "${env:ACUMAT_HTTP:-127.0.0.1:8080}",
            description = "Where the web UI listens. Default: ${DEFAULT-VALUE}. Any address but loopback needs an"
                    + " access token.")
    String http;

    @CommandLine.Mixin
    HttpTokenOptions httpToken;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", defaultValue = "${env:ACUMAT_KAFKA}",
            description = "Use this Kafka cluster instead of starting a broker.")
    String kafka;

    @Option(names = "--influx", paramLabel = "URL", defaultValue = "${env:ACUMAT_INFLUX}",
            description = "Use this InfluxDB instead of starting influxd.")
    String influx;

    @Option(names = "--db", paramLabel = "NAME", defaultValue = "${env:ACUMAT_DB:-acumat}",
            description = "InfluxDB database. Default: ${DEFAULT-VALUE}.")
    String db;

    @Option(names = "--mat-id", paramLabel = "ID", defaultValue = "${env:ACUMAT_MAT_ID:-mat-demo-1}",
            description = "The simulated mat's id. Default: ${DEFAULT-VALUE}.")
    String matId;

    @Option(names = "--loop", negatable = true, defaultValue = "${env:ACUMAT_LOOP:-true}", fallbackValue = "true",
            description = "Play the scenario again and again (default), or once with --no-loop.")
    boolean loop;

    @CommandLine.Mixin
    PlayOptions play;

    @Override
    public Integer call() throws Exception {
        play.validate(m -> new CommandLine.ParameterException(spec.commandLine(), m));
        HostPort web;
        AccessToken token;
        try {
            web = HostPort.parse("--http", http);
            token = httpToken.token(System.getenv());
            BindAddress.check("--http", web.host(), token);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!WireFormat.isValidMatId(matId)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--mat-id must be 1..64 of A-Z a-z 0-9 . _ : -, got '" + matId + "'");
        }
        Path data = dataDir != null ? dataDir : Paths.dataDir();
        PrintStream out = System.out;
        FrameSource source = play.source();
        java.nio.file.Files.createDirectories(data.resolve("logs"));
        DemoLog.toFile(data.resolve("logs").resolve("demo.log"));
        DemoRunner runner = new DemoRunner(new DemoRunner.Options(data, web.host(), web.port(), token, kafka, influx,
                db, matId, loop));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            out.println();
            out.println("stopping...");
            runner.close();
            out.println("stopped; the data stays in " + data);
            out.flush();
            stopped.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            runner.start(source, play.rate(), out);
        } catch (Exception e) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C while starting: the stopper is stopping what started and says so.
                stopped.await();
                return 130;
            }
            runner.close();
            throw e;
        }
        statusLoop(runner, out, stopped);
        return 0;
    }

    /** One line updated in place on a terminal; a line every few seconds otherwise (a log, a pipe). */
    private static void statusLoop(DemoRunner runner, PrintStream out, CountDownLatch stopped) throws InterruptedException {
        boolean terminal = System.console() != null;
        long every = terminal ? 1 : 5;
        while (!stopped.await(every, TimeUnit.SECONDS)) {
            String line = runner.status();
            if (terminal) {
                out.print("\r\033[2K" + line);
            } else {
                out.println("status: " + line);
            }
            out.flush();
        }
    }
}
