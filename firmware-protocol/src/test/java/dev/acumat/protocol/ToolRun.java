package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An external tool run by this module's tests (gcc for the C encoder, python3 for the Python
 * package): its exit code and output. Output goes to a file so that a chatty process cannot
 * block on a full pipe; a deadline keeps a hung tool from hanging the build.
 */
record ToolRun(int exitCode, String output) {
    private static final long TIMEOUT_SECONDS = 180;

    /** The firmware-protocol module directory (c/, vectors/, python/). */
    static final Path MODULE = moduleDir();

    /**
     * Runs {@code command} in {@code dir} with {@code env} added to the environment. A tool that
     * cannot be started fails the test with {@code missing}: what to install.
     */
    static ToolRun run(Path dir, Path tmp, List<String> command, Map<String, String> env, String missing)
            throws IOException, InterruptedException {
        return run(dir, tmp, command, env, null, missing);
    }

    /**
     * Runs {@code command}, its standard output to {@code stdout} when that is not null (the
     * result's output is then its standard error), else with standard error into the result.
     */
    static ToolRun run(Path dir, Path tmp, List<String> command, Map<String, String> env, Path stdout, String missing)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "out", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        if (stdout == null) {
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
        } else {
            pb.redirectOutput(stdout.toFile()).redirectError(log.toFile());
        }
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            fail("cannot run '" + command.get(0) + "' (" + e.getMessage() + "). " + missing);
            throw e;
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s; output:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new ToolRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Fails the test, with the tool's output, unless it exited with 0. */
    ToolRun assertSucceeded(String what) {
        assertThat(exitCode).as("%s exited with %d; output:%n%s", what, exitCode, output).isZero();
        return this;
    }

    /**
     * Surefire runs tests in the module directory, but an IDE may start them from the repository
     * root, so look from basedir and the working directory upwards.
     */
    private static Path moduleDir() {
        List<Path> starts = new ArrayList<>();
        String basedir = System.getProperty("basedir");
        if (basedir != null) {
            starts.add(Path.of(basedir));
        }
        starts.add(Path.of(""));
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                for (Path candidate : List.of(dir, dir.resolve("firmware-protocol"))) {
                    if (Files.isRegularFile(candidate.resolve("c").resolve("acumat_protocol.c"))
                            && Files.isDirectory(candidate.resolve("vectors"))) {
                        return candidate;
                    }
                }
            }
        }
        throw new IllegalStateException("cannot find the firmware-protocol module (c/acumat_protocol.c and vectors/)"
                + " from basedir " + basedir + " or working directory " + Path.of("").toAbsolutePath());
    }
}
