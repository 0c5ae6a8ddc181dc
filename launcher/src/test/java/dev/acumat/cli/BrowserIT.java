package dev.acumat.cli;

import static dev.acumat.cli.ProcessLog.log;
import static dev.acumat.cli.Processes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web pages in a real browser (Debian's headless chromium driven by its chromedriver)
 * against the whole chain as real processes: the simulator on a socat pty, the gateway, a
 * KRaft broker, the analytics with its web server, and influxd. The live page must paint the
 * heatmap and follow the session (coverage changing, a posture, the session's time on the mat),
 * its goal must count the day's minutes with the lower back on the spikes (not the time on the
 * mat), and a mat gone quiet must show when its last frame came; once the session has ended,
 * the history page must list it and chart it, its player must play it (the picture changing,
 * the playhead moving, pausing, seeking, 16x), and a live page opened afresh must count the
 * session, now only in InfluxDB, once. Screenshots of each step go to target/browser-screenshots/.
 */
class BrowserIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    static final String MAT = "mat-browser";
    private static final Pattern WEB_LINE = Pattern.compile("(?m)^web: (http://127\\.0\\.0\\.1:\\d+/)$");

    @RegisterExtension
    static final SharedServers servers = SharedServers.brokerAndInflux();
    @RegisterExtension
    final Processes processes = new Processes();

    private ChromeDriver browser;
    private int shots;

    @BeforeEach
    void start() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (run-tests installs chromium and chromium-driver)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromedriver (package chromium-driver)").isExecutable();
        Files.createDirectories(SCREENSHOTS);
    }

    /** The browser goes first; the extension then stops the processes. */
    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Debian's headless chromium under its chromedriver, its profile and log in {@code dir}. */
    static ChromeDriver chromium(Path dir) throws IOException {
        // Selenium's usage statistics: off (no network here, nor wanted).
        System.setProperty("se.avoidStats", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                "--window-size=1280,1000",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    /** Polls the browser four times a second for up to {@code seconds}; a timeout names {@code what}. */
    private WebDriverWait waiting(int seconds, String what) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(250));
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(what);
        return wait;
    }

    private void screenshot(String name) throws IOException {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shots, name)), png);
    }

    /** Distinct colours (5 bits a channel) among a sample of a canvas's pixels. */
    private long canvasColours(String cssSelector) {
        Object n = js("""
                const c = document.querySelector(arguments[0]);
                if (!c || !c.width || !c.height) { return 0; }
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                const seen = new Set();
                for (let i = 0; i < d.length; i += 4 * 13) {
                  seen.add(((d[i] >> 3) << 10) | ((d[i + 1] >> 3) << 5) | (d[i + 2] >> 3));
                }
                return seen.size;""", cssSelector);
        return ((Number) n).longValue();
    }

    /** The analytics' web address, once its log has the line {@code web: URL}. */
    static String webUrl(Path analyticsLog, int seconds) throws InterruptedException {
        String[] web = new String[1];
        waitFor("the analytics' web server (a line `web: URL` in its log)", seconds, () -> {
            Matcher m = WEB_LINE.matcher(log(analyticsLog));
            if (m.find()) {
                web[0] = m.group(1);
                return true;
            }
            return false;
        });
        return web[0];
    }

    @Test
    void theLivePageFollowsASessionAndTheHistoryPageChartsIt() throws Exception {
        MatChain chain = MatChain.start(servers, processes, List.of("--http", "127.0.0.1:0"));
        Path simLog = processes.dir().resolve("simulate.log");
        String base = webUrl(chain.analyticsLog(), 90);
        try {
            browser = chromium(processes.dir());

            // The live page, opened before the mat sends anything: it connects and waits.
            browser.get(base + "?mat=" + MAT);
            waiting(20, "the live page to connect").until(d -> text("status-text").startsWith("connected"));
            waiting(20, "the page to say the mat was never heard from")
                    .until(d -> text("status-text").equals("connected – never heard from this mat"));

            Process sim = chain.pty().simulate(simLog, "--scenario", "session", "--speed", "4", "--seed", "4", "--mat-id", MAT);

            // Frames arrive: live, and the heatmap is painted (not one flat colour).
            waiting(40, "the status to say live").until(d -> text("status-text").startsWith("live"));
            waiting(20, "a painted heatmap").until(d -> canvasColours("#heatmap") >= 12);
            screenshot("live-first-frames");

            // Someone lies down: a posture in words, the lower-back coverage as a changing
            // percentage, the session timer running towards the first target.
            Set<String> postures = new LinkedHashSet<>();
            waiting(40, "the posture 'Lying on your back'").until(d -> {
                postures.add(text("posture"));
                return postures.contains("Lying on your back");
            });
            Set<String> coverages = new LinkedHashSet<>();
            waiting(40, "four different coverages").until(d -> {
                String c = text("coverage");
                if (c.matches("\\d{1,3} %")) {
                    coverages.add(c);
                }
                return coverages.size() >= 4;
            });
            waiting(20, "the session's time on the mat to run")
                    .until(d -> text("session-time").matches("\\d+:\\d\\d") && !text("session-time").equals("0:00"));
            waiting(20, "the lower-back region").until(d -> Boolean.TRUE.equals(js(
                    "const m = window.acumatLive.state.latest;"
                    + " return m != null && Array.isArray(m.lower_back_outline_cm);")));
            double[] goal = theGoalCountsLowerBackMinutes(base);
            assertThat(text("guidance")).isNotBlank();
            assertThat(canvasColours("#heatmap")).as("heatmap colours while lying").isGreaterThanOrEqualTo(20);
            System.out.printf("BrowserIT: live postures %s, coverages %s; goal %.0f s of lower back, %.0f s on the mat%n",
                    postures, coverages, goal[0], goal[2]);
            screenshot("live-lying");

            // The simulated session ends: the mat goes quiet, then the page says so.
            assertThat(sim.waitFor(120, TimeUnit.SECONDS)).as(log(simLog)).isTrue();
            waiting(20, "the status to say when the last frame came")
                    .until(d -> text("status-text").matches("last frame \\d+ s ago"));
            screenshot("live-no-frames");

            // The history page: after ~30 s of silence the analytics end the session; the page
            // (reloaded until then) lists it, ended, and charts it when chosen. It finds the
            // only mat by itself.
            browser.get(base + "history");
            waiting(20, "the history page to pick " + MAT)
                    .until(d -> MAT.equals(js("return document.getElementById('mat').value;")));
            long[] nextReload = {System.nanoTime() + TimeUnit.SECONDS.toNanos(1)};
            waiting(90, "the ended session in the history").until(d -> {
                for (WebElement row : d.findElements(By.cssSelector("#sessions tbody tr[data-session-id]"))) {
                    if (row.findElements(By.cssSelector(".badge")).isEmpty()) {
                        return true;
                    }
                }
                if (System.nanoTime() > nextReload[0]) {
                    d.navigate().refresh();
                    nextReload[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
                return false;
            });
            assertThat(browser.getCurrentUrl()).contains("mat=" + MAT);
            WebElement row = browser.findElement(By.cssSelector("#sessions tbody tr[data-session-id]"));
            List<WebElement> cells = row.findElements(By.tagName("td"));
            System.out.printf("BrowserIT: history row %s%n", row.getText().replace('\n', ' '));
            assertThat(cells).hasSize(6);
            assertThat(cells.get(1).getText()).as("duration").matches("\\d+ (s|min)( \\d+ s)?");
            double lowerBackInHistory = 0;
            for (WebElement r : browser.findElements(By.cssSelector("#sessions tbody tr[data-session-id]"))) {
                lowerBackInHistory += seconds(r.findElements(By.tagName("td")).get(2).getText());
            }
            assertThat(row.getAttribute("data-session-id")).startsWith(MAT + ".");
            waiting(20, "the daily chart").until(d -> canvasColours("#daily-chart canvas") >= 3);
            screenshot("history");

            cells.get(0).findElement(By.tagName("button")).click();
            waiting(20, "the session's totals").until(d -> text("detail-facts").contains("on the mat"));
            waiting(20, "the session's chart").until(d -> canvasColours("#session-chart canvas") >= 4);
            assertThat(browser.getCurrentUrl()).contains("session=");
            screenshot("history-session");
            assertThat(browserConsole()).as("errors in the pages' scripts").doesNotContain("Uncaught");

            playTheSession();
            assertThat(browserConsole()).as("errors in the player's script").doesNotContain("Uncaught");

            // The live page afresh, the mat silent: the server says when it last heard from it, and
            // the day's goal is the ended session's lower-back time as InfluxDB has it, counted once.
            browser.get(base + "?mat=" + MAT);
            waiting(20, "a fresh page to say when the last frame came")
                    .until(d -> text("status-text").matches("last frame \\d+ (s|min) ago"));
            waiting(20, "the day's sessions from /api/day").until(d -> Boolean.TRUE.equals(
                    js("return window.acumatLive.today.earlier != null;")));
            assertThat(text("goal-note")).as("no error from /api/day").doesNotContain("not available");
            // The answer lands in the page's state first and on the page at its next redraw.
            double historyLowerBack = lowerBackInHistory;
            try {
                waiting(10, "the day's goal drawn from the answer").until(d ->
                        Math.abs(clockSeconds(text("goal-time")) - historyLowerBack) <= 1.5);
            } catch (org.openqa.selenium.TimeoutException stillOff) {
                // The assertion below says what the page shows instead.
            }
            double dayGoal = clockSeconds(text("goal-time"));
            assertThat(dayGoal).as("the day's goal on a fresh page against the history's lower-back time %s",
                    lowerBackInHistory).isCloseTo(lowerBackInHistory, org.assertj.core.data.Offset.offset(1.5));
            assertThat(text("session-time")).as("no session shown live").isEqualTo("–");
            screenshot("live-silent-mat");
            System.out.printf("BrowserIT: the day's goal on a fresh page %s (history: %.0f s of lower back)%n",
                    text("goal-time"), lowerBackInHistory);
        } catch (AssertionError | RuntimeException e) {
            String diagnostics = "\nanalytics:\n" + tail(log(chain.analyticsLog())) + "\ngateway:\n"
                    + tail(log(chain.gatewayLog()))
                    + "\nbrowser console:\n" + browserConsole();
            if (browser != null) {
                try {
                    screenshot("failure");
                } catch (RuntimeException ignored) {
                    // the browser itself failed
                }
            }
            throw new AssertionError(e.getMessage() + diagnostics, e);
        }
    }

    /**
     * The goal counts the day's minutes with the lower back on the spikes: once the lower back
     * has been on them a while, the goal's figure is the session's lower-back time (the only
     * session of the day: the day's other sessions are none), not its time on the mat, and the
     * time on the mat is shown beside it under its own label.
     *
     * @return the goal, the session's lower-back time and its time on the mat, in seconds
     */
    private double[] theGoalCountsLowerBackMinutes(String base) throws Exception {
        waiting(60, "some lower-back time").until(d -> clockSeconds(text("lb-time")) >= 5);
        // The running session's point is in InfluxDB too (rewritten every 10 s): asked again now,
        // the day's other sessions must still be none, or the goal would count this one twice.
        HttpClient http = HttpClient.newHttpClient();
        waitFor("the running session in InfluxDB", 30, () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + "api/sessions?mat=" + MAT)).build(),
                        HttpResponse.BodyHandlers.ofString()).body().contains("\"active\":true");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        Object asked = js("window.acumatLive.today.askedAt = -Infinity; return performance.now();");
        waiting(20, "the day's other sessions from /api/day, asked again").until(d -> Boolean.TRUE.equals(
                js("const t = window.acumatLive.today; return t.answeredAt > arguments[0] && t.earlier === 0;", asked)));
        List<?> read = (List<?>) js("const t = (id) => document.getElementById(id).textContent.trim();"
                + " return [t('goal-time'), t('lb-time'), t('session-time'), t('goal-title'), t('goal-target')];");
        double goal = clockSeconds((String) read.get(0));
        double lowerBack = clockSeconds((String) read.get(1));
        double onMat = clockSeconds((String) read.get(2));
        assertThat(read.get(3)).isEqualTo("Lower back on the spikes today");
        assertThat(read.get(4)).isIn("10:00", "20:00");
        // The goal never goes back (live.js keeps the most it has shown), while the session's
        // lower-back figure drops when the session's record replaces the page's running estimate:
        // a clean-clone run read a goal of 0:56 against 0:54. Two seconds of that are not the
        // time on the mat, which the check below keeps apart.
        assertThat(goal).as("the goal %s against the lower-back time %s", read.get(0), read.get(1))
                .isCloseTo(lowerBack, org.assertj.core.data.Offset.offset(2.5));
        if (onMat - lowerBack > 3) {
            assertThat(goal).as("the goal is not the time on the mat (%s)", read.get(2)).isLessThan(onMat - 2);
        }
        assertThat(browser.findElement(By.id("card-session")).getText()).contains("This session on the mat");
        return new double[] {goal, lowerBack, onMat};
    }

    /** "7:32" or "1:02:05" in seconds. */
    static double clockSeconds(String clock) {
        if (!clock.matches("\\d+(:\\d\\d){1,2}")) {
            return -1;
        }
        double s = 0;
        for (String part : clock.split(":")) {
            s = s * 60 + Integer.parseInt(part);
        }
        return s;
    }

    /** "7 min 32 s", "45 s", "1 h 2 min" in seconds. */
    static double seconds(String duration) {
        Matcher m = Pattern.compile("(?:(\\d+) h)? ?(?:(\\d+) min)? ?(?:(\\d+) s)?").matcher(duration.trim());
        assertThat(m.matches()).as("a duration: %s", duration).isTrue();
        double s = 0;
        for (int g = 1, unit = 3600; g <= 3; g++, unit /= 60) {
            s += m.group(g) == null ? 0 : Integer.parseInt(m.group(g)) * unit;
        }
        return s;
    }

    /**
     * The history's "Play this session": the player paints the session's first frame, then the
     * picture and the position move on while it plays, stand still while paused, and run about
     * 16 times as fast at 16x.
     */
    private void playTheSession() throws IOException {
        browser.findElement(By.id("detail-play")).click();
        waiting(20, "the player's first frame").until(d -> Boolean.TRUE.equals(js(
                "return performance.getEntriesByName('acumat-first-frame').length > 0;")));
        Number firstFrameMs = (Number) js("return performance.getEntriesByName('acumat-first-frame')[0].startTime;");
        assertThat(browser.getCurrentUrl()).contains("/player?session=" + MAT + ".");
        assertThat(text("play")).as("it plays by itself").isEqualTo("Pause");
        waiting(20, "a painted heatmap in the player").until(d -> canvasColours("#heatmap") >= 12);
        screenshot("player-first-frame");

        long picture = canvasHash("#heatmap");
        double position = playhead()[1];
        waiting(20, "the player's picture to change").until(d -> canvasHash("#heatmap") != picture);
        waiting(20, "the playhead to move").until(d -> playhead()[1] > position + 1000);
        waiting(20, "the position and scrubber to follow")
                .until(d -> !text("position").equals("0:00") && Double.parseDouble(scrubber()) > 0);
        // The person sits down at the foot end, then lies back: the player says so, as the live page did.
        waiting(30, "the player's posture 'Lying on your back'")
                .until(d -> text("posture").equals("Lying on your back"));
        waiting(20, "the player's lower-back coverage").until(d -> text("coverage").matches("\\d{1,3} %"));
        screenshot("player-playing");

        browser.findElement(By.id("play")).click();
        assertThat(text("play")).isEqualTo("Play");
        double paused = playhead()[1];
        waitAnimationFrames(10);
        assertThat(playhead()[1]).as("the playhead while paused").isEqualTo(paused);

        // The scrubber seeks: back to the start, then 16x from there.
        js("const s = document.getElementById('scrubber'); s.value = '0';"
                + " s.dispatchEvent(new Event('input', { bubbles: true }));");
        assertThat(playhead()[1]).isEqualTo(((Number) js("return window.acumatPlayer.state.startMs;")).doubleValue());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("speed"))).selectByValue("16");
        long atStart = canvasHash("#heatmap");
        double[] before = playhead();
        browser.findElement(By.id("play")).click();
        waiting(20, "the playhead to move 8 s at 16x").until(d -> playhead()[1] > before[1] + 8000);
        double[] after = playhead();
        double rate = (after[1] - before[1]) / (after[0] - before[0]);
        assertThat(rate).as("session time per wall time at 16x").isGreaterThan(6);
        waiting(20, "the picture to change at 16x").until(d -> canvasHash("#heatmap") != atStart);
        screenshot("player-16x");
        System.out.printf("BrowserIT: player's first frame painted %.0f ms after opening; 16x ran at %.1fx%n",
                firstFrameMs.doubleValue(), rate);
    }

    /** The page's clock and the player's playhead, both in ms, read at one moment. */
    private double[] playhead() {
        List<?> v = (List<?>) js("return [performance.now(), window.acumatPlayer.state.pos];");
        return new double[] {((Number) v.get(0)).doubleValue(), ((Number) v.get(1)).doubleValue()};
    }

    private String scrubber() {
        return browser.findElement(By.id("scrubber")).getAttribute("value");
    }

    private void waitAnimationFrames(int n) {
        ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                let left = arguments[0];
                const step = () => (--left <= 0 ? done() : requestAnimationFrame(step));
                requestAnimationFrame(step);""", n);
    }

    /** A hash of a canvas's picture, to see that it changed. */
    private long canvasHash(String cssSelector) {
        Object n = js("""
                const d = document.querySelector(arguments[0]).toDataURL();
                let h = 0;
                for (let i = 0; i < d.length; i++) { h = (Math.imul(h, 31) + d.charCodeAt(i)) | 0; }
                return h;""", cssSelector);
        return ((Number) n).longValue();
    }

    private String browserConsole() {
        if (browser == null) {
            return "(no browser)";
        }
        try {
            StringBuilder out = new StringBuilder();
            browser.manage().logs().get("browser").forEach(e -> out.append(e).append('\n'));
            return out.toString();
        } catch (RuntimeException e) {
            return "(" + e + ")";
        }
    }

    private static String tail(String log) {
        return log.length() > 6000 ? "..." + log.substring(log.length() - 6000) : log;
    }
}
