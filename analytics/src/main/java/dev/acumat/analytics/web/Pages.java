package dev.acumat.analytics.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The HTML pages, read once from the classpath. */
final class Pages {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Pages() {
    }

    static String read(String resource) {
        return CACHE.computeIfAbsent(resource, r -> {
            try (InputStream in = Pages.class.getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("missing page " + r);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
