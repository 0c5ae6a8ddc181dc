package dev.acumat.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finding the classpath a child JVM needs. */
final class Classpaths {
    private Classpaths() {
    }

    /**
     * The classpath of this JVM as a list of real entries. Under Maven Surefire or Failsafe,
     * {@code java.class.path} may be a manifest-only booter jar; {@code surefire.test.class.path}
     * then holds the real entries. Otherwise {@code java.class.path} is used, with the
     * {@code Class-Path} of any manifest-only jar expanded, followed by {@code jdk.module.path}.
     */
    static List<Path> current() {
        Set<Path> entries = new LinkedHashSet<>();
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            split(surefire).forEach(entries::add);
        } else {
            for (Path entry : split(System.getProperty("java.class.path", ""))) {
                entries.add(entry);
                entries.addAll(manifestClassPath(entry));
            }
        }
        split(System.getProperty("jdk.module.path", "")).forEach(entries::add);
        return List.copyOf(entries);
    }

    /** Every {@code *.jar} directly in {@code dir}, sorted by name (a distribution's lib/). */
    static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a directory: " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .map(f -> f.toAbsolutePath().normalize())
                    .sorted()
                    .collect(Collectors.toUnmodifiableList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<Path> split(String path) {
        List<Path> entries = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return entries;
    }

    /** The {@code Class-Path} entries of a jar's manifest, resolved against the jar's directory. */
    private static List<Path> manifestClassPath(Path entry) {
        if (!entry.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return List.of();
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            List<Path> result = new ArrayList<>();
            URI base = entry.getParent().toUri();
            for (String item : classPath.trim().split("\\s+")) {
                try {
                    // Entries are URLs, relative to the jar's directory; tolerate unencoded ones.
                    URI uri = item.contains(" ") ? base.resolve(new URI(null, null, item, null)) : base.resolve(item);
                    if ("file".equals(uri.getScheme())) {
                        result.add(Path.of(uri).toAbsolutePath().normalize());
                    }
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // Not a local file entry; skip it.
                }
            }
            return result;
        } catch (IOException e) {
            return List.of();
        }
    }
}
