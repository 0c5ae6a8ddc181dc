package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.body.PostureModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Trained posture models on the command line: {@code train-posture} writes one that
 * {@code analyze --posture-model} and the analytics read, and every mistake is one line.
 */
class PostureModelCommandsTest {
    /** The repository's labelled real data; the tests run in the launcher module's directory. */
    private static final Path DATA = Path.of("..", "data").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Acumat.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private String errorLine() {
        String e = err.toString();
        assertThat(e.lines().count()).as("one line: %s", e).isEqualTo(1);
        assertThat(e).doesNotContain("Exception", "\tat ");
        err.getBuffer().setLength(0);
        return e.strip();
    }

    /** Four recordings of two people of PMD experiment I, named by absolute path. */
    private Path tinyLabels() throws IOException {
        return Files.writeString(dir.resolve("labels.csv"), "file,mat,subject,posture,frames\n"
                + DATA.resolve("pmd-exp1/S1/1.txt.gz") + ",pmd1,pmd1-S1,supine,2-4\n"
                + DATA.resolve("pmd-exp1/S1/3.txt.gz") + ",pmd1,pmd1-S1,left,2-4\n"
                + DATA.resolve("pmd-exp1/S2/1.txt.gz") + ",pmd1,pmd1-S2,supine,2-4\n"
                + DATA.resolve("pmd-exp1/S2/2.txt.gz") + ",pmd1,pmd1-S2,right,2-4\n");
    }

    private Path shippedModel(PostureModel.Layout layout) throws IOException {
        Path p = dir.resolve(layout.label() + ".txt");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8))) {
            PostureModel.shipped(layout).write(w);
        }
        return p;
    }

    @Test
    void trainPostureWritesAModelThatReadsBackAndOverwritesItOnlyWithForce() throws IOException {
        Path labels = tinyLabels();
        Path model = dir.resolve("models/bed.txt");
        assertThat(run("train-posture", "--labels", labels.toString(), "--simulated-poses", "2",
                "--out", model.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("12 labelled frames of 2 subjects on 1 mats (pmd1)",
                "### Leave one subject out", "| pmd1-S2 |", "wrote " + model);
        PostureModel read = PostureModel.read(model);
        assertThat(read.layout()).isEqualTo(PostureModel.Layout.WHOLE_BODY);
        assertThat(read.description()).contains("written by acumat train-posture");

        Files.writeString(model, "keep me\n");
        assertThat(run("train-posture", "--labels", labels.toString(), "--simulated-poses", "2",
                "--out", model.toString())).isEqualTo(2);
        assertThat(errorLine()).isEqualTo("acumat train-posture: --out: " + model + " exists; --force overwrites it"
                + " (see 'acumat train-posture --help')");
        assertThat(Files.readString(model)).isEqualTo("keep me\n");

        out.getBuffer().setLength(0);
        assertThat(run("train-posture", "--labels", labels.toString(), "--simulated-poses", "2", "--layout", "torso",
                "--no-evaluation", "--out", model.toString(), "--force")).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("Leave one subject out");
        assertThat(PostureModel.read(model).layout()).isEqualTo(PostureModel.Layout.TORSO);
    }

    @Test
    void withoutOutTheModelIsOnlyEvaluated() throws IOException {
        assertThat(run("train-posture", "--labels", tinyLabels().toString(), "--simulated-poses", "2",
                "--no-evaluation", "--cross-mat")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Leave one mat out needs two mats or more.",
                "no --out given: the model was not written");
        assertThat(dir.resolve("posture-model.txt")).doesNotExist();
    }

    @Test
    void trainPostureMistakesAreOneLineNamingTheSetting() throws IOException {
        Path labels = tinyLabels();
        assertThat(run("train-posture")).isEqualTo(2);
        assertThat(errorLine()).contains("--labels: give the labelled recordings");
        assertThat(run("train-posture", "--labels", dir.resolve("none.csv").toString())).isEqualTo(2);
        assertThat(errorLine()).contains("--labels: no such file: " + dir.resolve("none.csv"));
        Path bad = Files.writeString(dir.resolve("bad.csv"), "file,mat,subject,posture,frames\nx.txt,m,s,upside,0\n");
        assertThat(run("train-posture", "--labels", bad.toString())).isEqualTo(2);
        assertThat(errorLine()).contains("--labels: " + bad + ": line 2: ");
        assertThat(run("train-posture", "--labels", labels.toString(), "--layout", "bed")).isEqualTo(2);
        assertThat(errorLine()).contains("--layout: unknown layout 'bed': whole-body or torso");
        assertThat(run("train-posture", "--labels", labels.toString(), "--simulated-poses", "-1")).isEqualTo(2);
        assertThat(errorLine()).contains("--simulated-poses must be 0 or more, got -1");
        assertThat(run("train-posture", "--labels", labels.toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(errorLine()).contains("--out: is a directory");
    }

    @Test
    void analyzeClassifiesWithAGivenModelAndWarnsWhenItsLayoutIsNotTheMats() throws IOException {
        Path recording = DATA.resolve("pmd-exp1/S1/1.txt.gz");
        PrintStream stdout = System.out;
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        System.setOut(new PrintStream(lines, true, StandardCharsets.UTF_8));
        try {
            assertThat(run("analyze", recording.toString(), "--posture-model",
                    shippedModel(PostureModel.Layout.WHOLE_BODY).toString())).isZero();
            assertThat(err.toString()).isEmpty();
            assertThat(run("analyze", recording.toString(), "--posture-model",
                    shippedModel(PostureModel.Layout.TORSO).toString())).isZero();
        } finally {
            System.setOut(stdout);
        }
        assertThat(lines.toString(StandardCharsets.UTF_8)).contains("\"posture\":\"supine\"");
        assertThat(errorLine()).isEqualTo("acumat analyze: warning: --posture-model is a torso model, but a 64 x 32"
                + " mat is whole-body; using it anyway");
    }

    @Test
    void aBadModelFileIsOneLineNamingTheOption() throws IOException {
        Path recording = DATA.resolve("pmd-exp1/S1/1.txt.gz");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "format 1\n");
        assertThat(run("analyze", recording.toString(), "--posture-model", bad.toString())).isEqualTo(2);
        assertThat(errorLine()).startsWith("acumat analyze: --posture-model: " + bad + ": format 1 is not");
        assertThat(run("analyze", recording.toString(), "--posture-model", dir.resolve("no.txt").toString()))
                .isEqualTo(2);
        assertThat(errorLine()).startsWith("acumat analyze: --posture-model: no such file: " + dir.resolve("no.txt"));

        // The analytics stop before they start: nothing is listening on that port.
        String[] analytics = {"analytics", "--kafka", "127.0.0.1:1", "--influx", "http://127.0.0.1:1"};
        assertThat(run(concat(analytics, "--posture-model", bad.toString()))).isEqualTo(2);
        assertThat(errorLine()).startsWith("acumat analytics: --posture-model: " + bad + ": format 1 is not");
        assertThat(run(concat(analytics, "--mat-posture-model", "mat-7=" + bad))).isEqualTo(2);
        assertThat(errorLine()).startsWith("acumat analytics: --mat-posture-model: mat-7: " + bad + ": format 1");
        assertThat(run(concat(analytics, "--mat-posture-model", "mat-7"))).isEqualTo(2);
        assertThat(errorLine()).startsWith("acumat analytics: --mat-posture-model: 'mat-7' is not MAT_ID=FILE");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
