package dev.acumat.cli;

import dev.acumat.analytics.history.HistoryException;
import dev.acumat.analytics.history.HistoryParams;
import dev.acumat.analytics.history.HistoryQueries;
import dev.acumat.analytics.history.SessionId;
import dev.acumat.analytics.history.StoredSession;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.replay.FrameStoreException;
import dev.acumat.analytics.replay.KafkaFrameStore;
import dev.acumat.analytics.replay.ReplayWriter;
import dev.acumat.analytics.replay.SessionReplay;
import dev.acumat.analytics.settings.MatSettings;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acumat export}: a recorded session's frames in the replay format. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a session's frames, as the mat sent them, in the replay format: a header comment (rows,"
                + " cols, pitch, rate, calibration), then one frame per line of raw counts, row-major, row 0 = head end."
                + " ./acumat analyze FILE and ./acumat simulate --replay FILE take the file back as it is; a mat"
                + " given a --mat-order has it in the header, so the file plays in acumat's order.",
                "The session comes from InfluxDB (./acumat history lists the ids), its frames from Kafka's"
                        + " acumat.frames, from 10 s before its start to 20 s after its end, while the topic keeps them."})
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--session", paramLabel = "ID", defaultValue = "${env:ACUMAT_SESSION}",
            description = "The session id: MAT.START_MS, e.g. mat-1.1795592005000.")
    String session;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "${env:ACUMAT_OUT}",
            description = "Where to write. Default: standard output.")
    Path out;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", defaultValue = "${env:ACUMAT_KAFKA}",
            description = "Kafka bootstrap servers. Default: the local demo's broker, found under the data directory.")
    String kafka;

    @Option(names = "--influx", paramLabel = "URL", defaultValue = "${env:ACUMAT_INFLUX}",
            description = "InfluxDB base URL (credentials from ACUMAT_INFLUX_USER and ACUMAT_INFLUX_PASSWORD)."
                    + " Default: the local demo's InfluxDB.")
    String influx;

    @Option(names = "--db", paramLabel = "NAME", defaultValue = "${env:ACUMAT_DB:-acumat}",
            description = "InfluxDB database. Default: ${DEFAULT-VALUE}.")
    String db;

    @CommandLine.Mixin
    MatOrderOption matOrder;

    @Override
    public Integer call() throws Exception {
        SessionId id;
        InfluxEndpoint endpoint;
        String bootstrap;
        MatSettings mats;
        try {
            mats = matOrder.addTo(MatSettings.builder()).build();
            if (session == null) {
                throw new IllegalArgumentException("--session ID is needed (./acumat history lists the ids)");
            }
            id = HistoryParams.sessionId("--session", session);
            endpoint = InfluxEndpoint.of(influx != null ? influx : LocalDemo.influxUrl(), db);
            bootstrap = kafka != null ? kafka : LocalDemo.kafkaBootstrap();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (out != null && out.getParent() != null && !Files.isDirectory(out.getParent())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out: no such directory: " + out.getParent());
        }
        try (HistoryQueries queries = new HistoryQueries(endpoint)) {
            SessionReplay replay = new SessionReplay(queries, new KafkaFrameStore(bootstrap), Clock.systemUTC(), mats);
            StoredSession s = replay.session(id).orElseThrow(() -> new IllegalStateException("no session " + id
                    + " in InfluxDB at " + endpoint.url() + " (./acumat history lists them)"));
            ReplayWriter written = out == null ? toStdout(replay, s) : toFile(replay, s);
            if (written.frames() == 0) {
                throw new IllegalStateException("no frames of " + id + " in Kafka at " + bootstrap
                        + ": past the retention of acumat.frames, or never recorded");
            }
            spec.commandLine().getErr().printf("%s: %d frames%s%n", id, written.frames(),
                    written.skipped() > 0 ? ", " + written.skipped() + " of another geometry left out" : "");
            return 0;
        } catch (HistoryException e) {
            throw new IllegalStateException("InfluxDB at " + endpoint.url() + ": " + e.getMessage());
        } catch (FrameStoreException e) {
            throw new IllegalStateException(e.getMessage() + " (" + bootstrap + ")");
        }
    }

    private static ReplayWriter toStdout(SessionReplay replay, StoredSession s) throws Exception {
        Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII), 1 << 16);
        ReplayWriter written = replay.export(s, w);
        w.flush();
        return written;
    }

    /** Written beside the target and moved into place, so a failed export leaves no half file. */
    private ReplayWriter toFile(SessionReplay replay, StoredSession s) throws Exception {
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try {
            ReplayWriter written;
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
                written = replay.export(s, w);
            }
            if (written.frames() > 0) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
            return written;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
