package dev.acumat.cli;

import java.nio.file.Path;

/** Where acumat keeps its data unless told otherwise: ACUMAT_DATA_DIR, else ~/.acumat. */
final class Paths {
    private Paths() {
    }

    static Path dataDir() {
        String env = System.getenv("ACUMAT_DATA_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".acumat");
    }
}
