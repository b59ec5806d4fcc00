package org.dipwatch.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dipwatch.TestHome;
import org.dipwatch.daemon.Daemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser (issue #14, acceptance 2): headless Chromium on 127.0.0.1
 * opens a daemon with a token over the five originals, signs in with the token, sees the five
 * articles and the story of 000 and 004, the two charts drawn by uPlot, and a search that finds
 * 000, 001 and 004 first. The screenshot of the page is kept as {@code target/page/status-page.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageBrowserTest {

    private static final String TOKEN = "browser-test-token";
    static final Path SCREENSHOT = Path.of("target/page/status-page.png");

    @TempDir
    static Path home;
    @TempDir
    static Path profile;
    private Daemon daemon;
    private HeadlessChromium browser;
    private String site;

    @BeforeAll
    void start() throws Exception {
        HeadlessChromium.installed(); // before the daemon: skipped, the test starts nothing
        int port = TestHome.freePort();
        daemon = StatusPageRoutesTest.daemonOverTheSeeds(home, port, TOKEN);
        site = "http://127.0.0.1:" + port;
        browser = HeadlessChromium.start(profile, 1280, 1000);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (daemon != null) {
            daemon.stop();
        }
    }

    /** Waits until the page shows what this script returns true for. */
    private void until(String script) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> browser.eval(script).asBoolean());
    }

    private List<String> texts(String script) throws Exception {
        List<String> out = new ArrayList<>();
        browser.eval(script).forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    @Order(1)
    void theTokenIsAskedForAndTheRightOneOpensThePage() throws Exception {
        browser.open(site + "/");
        until("document.readyState === 'complete' && !!document.querySelector('#sign-in input[name=token]')");
        assertThat(browser.eval("document.body.innerText").asText()).doesNotContain("Bogdanov").contains("Sign in");

        browser.eval("document.querySelector('#sign-in input[name=token]').value = 'not-the-token'; "
                + "document.querySelector('#sign-in form').submit(); true");
        until("document.readyState === 'complete' && !!document.querySelector('#sign-in .problem')");
        assertThat(browser.eval("document.querySelector('#sign-in .problem').innerText").asText()).contains("not the token");

        browser.eval("document.querySelector('#sign-in input[name=token]').value = '" + TOKEN + "'; "
                + "document.querySelector('#sign-in form').submit(); true");
        until("document.readyState === 'complete' && !!document.querySelector('#stories')");
        assertThat(browser.eval("location.href").asText()).isEqualTo(site + "/").doesNotContain(TOKEN);
        // the cookie is HttpOnly: a script on the page cannot read it
        assertThat(browser.eval("document.cookie").asText()).isEmpty();
    }

    @Test
    @Order(2)
    void thePageShowsTheFiveArticlesAndTheStoryOf000And004() throws Exception {
        List<String> linked = texts("[...new Set([...document.querySelectorAll('#stories a[href^=\"/articles/\"]')]"
                + ".map(a => a.getAttribute('href').substring(10, 13)))].sort()");
        assertThat(linked).containsExactly("000", "001", "002", "003", "004");
        List<String> story = texts("[...document.querySelectorAll('#st-fbfa5f4836e611d7 a[href^=\"/articles/\"]')]"
                + ".map(a => a.getAttribute('href').substring(10, 13))");
        assertThat(story).containsExactly("000", "004");
        assertThat(browser.eval("document.querySelector('#st-fbfa5f4836e611d7').innerText").asText())
                .contains("2 reports").contains("Also reported by").contains("Mikhail Bogdanov");
        assertThat(browser.eval("document.querySelector('#sources').innerText").asText()).contains("0 up").contains("0 down");
        assertThat(browser.eval("document.querySelector('#alerts').innerText").asText()).contains("0 sent");
    }

    @Test
    @Order(3)
    void theChartsAreDrawn() throws Exception {
        until("document.querySelectorAll('div.plot[data-drawn] canvas').length === 2");
        // each canvas has coloured pixels (the lines and points of the series), not just its size
        JsonNode painted = browser.eval("[...document.querySelectorAll('div.plot canvas')].map(c => {"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + " for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] !== d[i + 1] || d[i + 1] !== d[i + 2])) n++; }"
                + " return n; })");
        assertThat(painted).hasSize(2);
        painted.forEach(n -> assertThat(n.asInt()).as("coloured pixels of a chart").isGreaterThan(50));
        List<String> legend = texts("[...document.querySelectorAll('#chart-0 .u-legend .u-label')].map(e => e.innerText)");
        assertThat(legend).contains("RUS", "ISR", "HAMAS");
        browser.screenshot(SCREENSHOT);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(20_000);
    }

    @Test
    @Order(4)
    void aSearchFromTheHeaderFindsTheArticlesOfAbuMarzookAndBogdanovFirst() throws Exception {
        browser.eval("document.querySelector('header form.search input[name=q]').value = 'Abu Marzook Bogdanov'; "
                + "document.querySelector('header form.search').submit(); true");
        until("location.pathname === '/search' && document.readyState === 'complete' && !!document.querySelector('#search .count')");
        List<String> found = texts("[...document.querySelectorAll('ol.results li.result > a')].map(a => a.getAttribute('href').substring(10, 13))");
        assertThat(found).hasSizeGreaterThanOrEqualTo(3);
        assertThat(found.subList(0, 3)).containsExactlyInAnyOrder("000", "001", "004");
        assertThat(browser.eval("document.querySelector('#search input[name=q]').value").asText()).isEqualTo("Abu Marzook Bogdanov");

        browser.eval("document.querySelector('ol.results li.result > a').click(); true");
        until("location.pathname.startsWith('/articles/') && document.readyState === 'complete' && !!document.querySelector('article .text')");
        assertThat(browser.eval("document.querySelector('article .text').innerText").asText()).contains("Abu Marzook");
    }
}
