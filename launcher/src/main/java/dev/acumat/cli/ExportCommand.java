package dev.acumat.cli;

import dev.acumat.analytics.history.HistoryException;
import dev.acumat.analytics.history.HistoryParams;
import dev.acumat.analytics.history.HistoryQueries;
import dev.acumat.analytics.history.SessionId;
import dev.acumat.analytics.history.StoredSession;
import dev.acumat.analytics.history.TimeRange;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.replay.FrameExport;
import dev.acumat.analytics.replay.FrameStoreException;
import dev.acumat.analytics.replay.KafkaFrameStore;
import dev.acumat.analytics.replay.NpzWriter;
import dev.acumat.analytics.replay.ReplayWriter;
import dev.acumat.analytics.replay.SessionReplay;
import dev.acumat.analytics.replay.SessionWindow;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.MatLayout;
import dev.acumat.time.Time;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acumat export}: a session's frames, or any time range of a mat's, in the replay format or as NumPy npz. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a session's frames, or a mat's frames of any time range, as the mat sent them.",
                "--format replay (the default): a header comment (rows, cols, pitch, rate, calibration), then per"
                        + " frame a comment line '#@ SEQUENCE DEVICE_TIME_US TIME_US' and a line of raw counts,"
                        + " row-major, row 0 = head end. ./acumat analyze FILE and ./acumat simulate --replay FILE"
                        + " take the file back as it is; a mat given a --mat-order has it in the header.",
                "--format npz: NumPy arrays (numpy.load): frames (N x rows x cols, uint16), sequence, device_time_us,"
                        + " time_us, calibration, pitch_mm, mat_id, session_id, order (docs/RESEARCH.md).",
                "A session comes from InfluxDB (./acumat history lists the ids), its frames from Kafka's"
                        + " acumat.frames, from 10 s before its start to 20 s after its end; --mat with --from and --to"
                        + " reads Kafka only. Without --kafka and --influx: the local demo's broker and InfluxDB, found"
                        + " under the data directory (ACUMAT_DATA_DIR, else ~/.acumat). Frames are there while the"
                        + " topic keeps them (its retention)."})
final class ExportCommand extends Subcommand {
    /** The formats an export is written in. */
    enum Format { replay, npz }

    @Option(names = "--session", paramLabel = "ID",
            description = "The session id: MAT.START_MS, e.g. mat-1.1795592005000.")
    String session;

    @Option(names = "--mat", paramLabel = "ID",
            description = "Instead of --session: this mat's frames from --from to --to.")
    String mat;

    @Option(names = "--from", paramLabel = "TIME",
            description = "With --mat: the first frame's time: ISO-8601 (2026-11-25T08:00:00Z), a date, or back from"
                    + " now (30m, 12h, 7d).")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "With --mat: the end of the range (a date: up to its end). Default: now.")
    String to;

    @CommandLine.Mixin
    ZoneOption tz;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "replay or npz. Default: npz when --out ends in .npz, else replay.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write. Default: standard output.")
    Path out;

    @CommandLine.Mixin
    KafkaOption kafka;

    @CommandLine.Mixin
    InfluxOptions influx;

    @CommandLine.Mixin
    MatOrderOption matOrder;

    /** What to export, checked: a session, or a mat's time range. */
    private record Request(SessionId session, String mat, TimeRange range, Format format) {
    }

    @Override
    public Integer call() throws Exception {
        Request request;
        MatSettings mats;
        String bootstrap;
        try {
            mats = matOrder.addTo(MatSettings.builder()).build();
            request = request();
            bootstrap = kafka.orLocalDemo();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (out != null && out.getParent() != null && !Files.isDirectory(out.getParent())) {
            throw usage("--out: no such directory: " + out.getParent());
        }
        KafkaFrameStore store = new KafkaFrameStore(bootstrap);
        try {
            String what;
            FrameExport written;
            if (request.session() != null) {
                StoredSession s = storedSession(request.session(), store, mats);
                SessionWindow w = SessionWindow.of(s);
                what = s.sessionId();
                written = write(new SessionReplay(id -> Optional.empty(), store, mats), s.mat(), w.fromMs(), w.toMs(),
                        s.sessionId(), mats, request.format());
            } else {
                what = request.mat() + " from " + request.range().from() + " to " + request.range().to();
                written = write(new SessionReplay(id -> Optional.empty(), store, mats), request.mat(),
                        request.range().from().toEpochMilli(), request.range().to().toEpochMilli() - 1, null, mats,
                        request.format());
            }
            if (written.frames() == 0) {
                throw new IllegalStateException("no frames of " + what + " in Kafka at " + bootstrap
                        + ": past the retention of acumat.frames, or never recorded");
            }
            spec.commandLine().getErr().printf("%s: %d frames%s%n", what, written.frames(),
                    written.skipped() > 0 ? ", " + written.skipped() + " of another geometry left out" : "");
            return 0;
        } catch (FrameStoreException e) {
            throw new IllegalStateException(e.getMessage() + " (" + bootstrap + ")");
        }
    }

    private Request request() {
        Format f = format(format, out);
        if (session != null) {
            if (mat != null || from != null || to != null) {
                throw new IllegalArgumentException("give either --session ID or --mat ID with --from and --to, not both");
            }
            return new Request(HistoryParams.sessionId("--session", session), null, null, f);
        }
        if (mat == null) {
            throw new IllegalArgumentException("--session ID (./acumat history lists the ids) or --mat ID --from TIME"
                    + " is needed");
        }
        if (from == null) {
            throw new IllegalArgumentException("--mat needs --from (and --to, default now)");
        }
        TimeRange range = TimeRange.parse("--from", from, "--to", to, Duration.ZERO, Time.SYSTEM.instant(),
                tz.zone());
        return new Request(null, HistoryParams.mat("--mat", mat), range, f);
    }

    static Format format(String value, Path out) {
        if (value == null) {
            return out != null && out.getFileName().toString().endsWith(".npz") ? Format.npz : Format.replay;
        }
        try {
            return Format.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format: replay or npz, got " + HistoryParams.echo(value));
        }
    }

    private StoredSession storedSession(SessionId id, KafkaFrameStore store, MatSettings mats) {
        InfluxEndpoint endpoint;
        try {
            endpoint = influx.orLocalDemo();
        } catch (IllegalArgumentException e) {
            throw settingError(e);
        }
        try (HistoryQueries queries = new HistoryQueries(endpoint)) {
            return new SessionReplay(queries, store, Time.SYSTEM, mats).session(id)
                    .orElseThrow(() -> new IllegalStateException("no session " + id + " in InfluxDB at "
                            + endpoint.url() + " (./acumat history lists them)"));
        } catch (HistoryException e) {
            throw new IllegalStateException("InfluxDB at " + endpoint.url() + ": " + e.getMessage());
        }
    }

    /**
     * Writes to standard output, or beside the target and moved into place, so that a failed
     * export leaves no half file.
     */
    private FrameExport write(SessionReplay replay, String matId, long fromMs, long toMs, String sessionId,
                              MatSettings mats, Format f) throws IOException {
        // The mat's cell order: the settings' where they give one, else what the mat states.
        CellOrder order = mats.order(matId);
        Function<MatLayout, CellOrder> stated = layout -> mats.resolve(matId, layout).order();
        Path part = out == null ? null : out.resolveSibling(out.getFileName() + ".part");
        Path scratch = f == Format.npz ? Files.createTempFile("acumat-export", ".cells") : null;
        try (OutputStream stream = out == null ? new FilterOutputStream(System.out) {
            @Override
            public void close() throws IOException {
                flush();  // standard output stays open for the summary line's neighbours
            }
        } : Files.newOutputStream(part)) {
            OutputStream buffered = new BufferedOutputStream(stream, 1 << 16);
            FrameExport export = switch (f) {
                case replay -> new ReplayWriter(new OutputStreamWriter(buffered, StandardCharsets.US_ASCII), sessionId,
                        order, stated);
                case npz -> new NpzWriter(buffered, scratch, sessionId, order, stated);
            };
            replay.export(matId, fromMs, toMs, export);
            buffered.flush();
            stream.close();
            if (part != null && export.frames() > 0) {
                Files.move(part, out, StandardCopyOption.REPLACE_EXISTING);
            }
            return export;
        } finally {
            for (Path p : new Path[] {part, scratch}) {
                if (p != null) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
