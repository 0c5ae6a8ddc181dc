package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.body.PostureModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trained posture models on the command line: {@code train-posture} writes one that
 * {@code analyze --posture-model} and the analytics read, and every mistake is one line.
 */
class PostureModelCommandsTest {
    /** The repository's labelled real data; the tests run in the launcher module's directory. */
    private static final Path DATA = Path.of("..", "data").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final CommandRun cli = new CommandRun();

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
        assertThat(cli.run("train-posture", "--labels", labels.toString(), "--simulated-poses", "2",
                "--out", model.toString())).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("12 labelled frames of 2 subjects on 1 mats (pmd1)",
                "### Leave one subject out", "| pmd1-S2 |", "wrote " + model);
        PostureModel read = PostureModel.read(model);
        assertThat(read.layout()).isEqualTo(PostureModel.Layout.WHOLE_BODY);
        assertThat(read.description()).contains("written by acumat train-posture");

        Files.writeString(model, "keep me\n");
        assertThat(cli.run("train-posture", "--labels", labels.toString(), "--simulated-poses", "2",
                "--out", model.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).isEqualTo("acumat train-posture: --out: " + model + " exists; --force overwrites it"
                + " (see 'acumat train-posture --help')");
        assertThat(Files.readString(model)).isEqualTo("keep me\n");

        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("train-posture", "--labels", labels.toString(), "--simulated-poses", "2", "--layout", "torso",
                "--no-evaluation", "--out", model.toString(), "--force")).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).doesNotContain("Leave one subject out");
        assertThat(PostureModel.read(model).layout()).isEqualTo(PostureModel.Layout.TORSO);
    }

    @Test
    void withoutOutTheModelIsOnlyEvaluated() throws IOException {
        assertThat(cli.run("train-posture", "--labels", tinyLabels().toString(), "--simulated-poses", "2",
                "--no-evaluation", "--cross-mat")).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("Leave one mat out needs two mats or more.",
                "no --out given: the model was not written");
        assertThat(dir.resolve("posture-model.txt")).doesNotExist();
    }

    @Test
    void trainPostureMistakesAreOneLineNamingTheSetting() throws IOException {
        Path labels = tinyLabels();
        assertThat(cli.run("train-posture")).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--labels: give the labelled recordings");
        assertThat(cli.run("train-posture", "--labels", dir.resolve("none.csv").toString())).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--labels: no such file: " + dir.resolve("none.csv"));
        Path bad = Files.writeString(dir.resolve("bad.csv"), "file,mat,subject,posture,frames\nx.txt,m,s,upside,0\n");
        assertThat(cli.run("train-posture", "--labels", bad.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--labels: " + bad + ": line 2: ");
        assertThat(cli.run("train-posture", "--labels", labels.toString(), "--layout", "bed")).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--layout: unknown layout 'bed': whole-body or torso");
        assertThat(cli.run("train-posture", "--labels", labels.toString(), "--simulated-poses", "-1")).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--simulated-poses must be 0 or more, got -1");
        assertThat(cli.run("train-posture", "--labels", labels.toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--out: is a directory");
    }

    @Test
    void analyzeClassifiesWithAGivenModelAndWarnsWhenItsLayoutIsNotTheMats() throws IOException {
        Path recording = DATA.resolve("pmd-exp1/S1/1.txt.gz");
        PrintStream stdout = System.out;
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        System.setOut(new PrintStream(lines, true, StandardCharsets.UTF_8));
        try {
            assertThat(cli.run("analyze", recording.toString(), "--posture-model",
                    shippedModel(PostureModel.Layout.WHOLE_BODY).toString())).isZero();
            assertThat(cli.err.toString()).isEmpty();
            assertThat(cli.run("analyze", recording.toString(), "--posture-model",
                    shippedModel(PostureModel.Layout.TORSO).toString())).isZero();
        } finally {
            System.setOut(stdout);
        }
        assertThat(lines.toString(StandardCharsets.UTF_8)).contains("\"posture\":\"supine\"");
        assertThat(cli.errorLine()).isEqualTo("acumat analyze: warning: --posture-model is a torso model, but a 64 x 32"
                + " mat is whole-body; using it anyway");
    }

    @Test
    void aBadModelFileIsOneLineNamingTheOption() throws IOException {
        Path recording = DATA.resolve("pmd-exp1/S1/1.txt.gz");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "format 1\n");
        assertThat(cli.run("analyze", recording.toString(), "--posture-model", bad.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat analyze: --posture-model: " + bad + ": format 1 is not");
        assertThat(cli.run("analyze", recording.toString(), "--posture-model", dir.resolve("no.txt").toString()))
                .isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat analyze: --posture-model: no such file: " + dir.resolve("no.txt"));

        // The analytics stop before they start: nothing is listening on that port.
        String[] analytics = {"analytics", "--kafka", "127.0.0.1:1", "--influx", "http://127.0.0.1:1"};
        assertThat(cli.run(concat(analytics, "--posture-model", bad.toString()))).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat analytics: --posture-model: " + bad + ": format 1 is not");
        assertThat(cli.run(concat(analytics, "--mat-posture-model", "mat-7=" + bad))).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat analytics: --mat-posture-model: mat-7: " + bad + ": format 1");
        assertThat(cli.run(concat(analytics, "--mat-posture-model", "mat-7"))).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat analytics: --mat-posture-model: 'mat-7' is not MAT_ID=FILE");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
