package dev.acumat.analytics.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTML pages, put together once from the classpath: each page file holds only its own head
 * lines and its body; the document around them ({@code web/frame.html}) and the navigation in
 * their header bar ({@code web/nav.html}) are written once for every page.
 */
final class Pages {
    private static final String FRAME = "/web/frame.html";
    private static final String NAV = "/web/nav.html";
    private static final String HEAD_SLOT = "<!-- page head -->\n";
    private static final String BODY_SLOT = "<!-- page body -->\n";
    private static final String NAV_SLOT = "<!-- frame nav -->\n";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Pages() {
    }

    /**
     * The page of {@code resource} in its frame, its navigation link to {@code path} marked as the
     * current page (none is, for a page the navigation does not list).
     */
    static String read(String resource, String path) {
        return CACHE.computeIfAbsent(resource + " " + path, key -> {
            String page = resource(resource);
            int split = page.indexOf(BODY_SLOT);
            if (split < 0 || !page.contains(NAV_SLOT)) {
                throw new IllegalStateException("page " + resource + " lacks its " + BODY_SLOT.trim() + " or "
                        + NAV_SLOT.trim() + " line");
            }
            String nav = resource(NAV).replace("<a data-nav=\"" + path + "\" ",
                    "<a data-nav=\"" + path + "\" aria-current=\"page\" ");
            return resource(FRAME)
                    .replace(HEAD_SLOT, page.substring(0, split))
                    .replace(BODY_SLOT, page.substring(split + BODY_SLOT.length()).replace(NAV_SLOT, nav));
        });
    }

    private static String resource(String name) {
        try (InputStream in = Pages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing page " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
