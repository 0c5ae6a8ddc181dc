package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Python package's own tests (python/tests) with Debian's python3 and NumPy, so that
 * its decoder is held to the same test vectors as the Java and C code on every build. NumPy is
 * required here: the package's NumPy checks would otherwise skip unseen. {@code -Dacumat.python=...}
 * picks another interpreter.
 */
class PythonPackageTest {
    @TempDir
    Path tmp;

    @Test
    void pythonPackagePassesItsTestsAndEveryVector() throws IOException, InterruptedException {
        String python = System.getProperty("acumat.python", "/usr/bin/python3");
        ToolRun result = ToolRun.run(ToolRun.MODULE.resolve("python"), tmp,
                List.of(python, "-B", "-W", "error::ResourceWarning", "-m", "unittest", "discover", "-s", "tests",
                        "-t", ".", "-v"),
                Map.of("ACUMAT_REQUIRE_NUMPY", "1"),
                "The Python package's tests need Debian's python3 and python3-numpy (apt-get install python3"
                        + " python3-numpy; ./run-tests installs them); -Dacumat.python=<interpreter> picks another.");
        result.assertSucceeded("python3 -m unittest");
        assertThat(result.output()).as("unittest's summary").contains("OK").doesNotContain("skipped '");
    }
}
