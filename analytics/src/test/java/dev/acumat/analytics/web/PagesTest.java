package dev.acumat.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class PagesTest {
    private static final Pattern CURRENT = Pattern.compile("<a data-nav=\"([^\"]+)\" aria-current=\"page\"");

    @Test
    void putsEachPageInTheSharedFrameWithItsNavigationLinkMarked() {
        assertFramed(Pages.read("/web/index.html", "/"), "acumat – live", "/");
        assertFramed(Pages.read("/web/history.html", "/history"), "acumat – history", "/history");
        assertFramed(Pages.read("/web/player.html", "/player"), "acumat – player", null);
    }

    @Test
    void keepsThePagesOwnHeadLinesBeforeTheSharedStylesheet() {
        String history = Pages.read("/web/history.html", "/history");
        // acumat.css must come after uPlot's stylesheet to override it.
        assertThat(history.indexOf("uPlot.min.css")).isPositive().isLessThan(history.indexOf("/static/acumat.css"));
        assertThat(history).contains("<script type=\"module\" src=\"/static/history.js\"></script>");
    }

    private static void assertFramed(String page, String title, String current) {
        assertThat(page).startsWith("<!doctype html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">")
                .contains("<title>" + title + "</title>")
                .contains("<link rel=\"stylesheet\" href=\"/static/acumat.css\">")
                .contains("<header class=\"bar\">\n    <a class=\"brand\" href=\"/\" data-nav=\"/\">acumat</a>")
                .endsWith("</body>\n</html>\n")
                .doesNotContain("<!-- page").doesNotContain("<!-- frame");
        assertThat(page.indexOf("</head>")).isLessThan(page.indexOf("<body"));
        Matcher marked = CURRENT.matcher(page);
        if (current == null) {
            assertThat(marked.find()).isFalse();
        } else {
            assertThat(marked.find()).isTrue();
            assertThat(marked.group(1)).isEqualTo(current);
            assertThat(marked.find()).as("one link marked").isFalse();
        }
    }
}
