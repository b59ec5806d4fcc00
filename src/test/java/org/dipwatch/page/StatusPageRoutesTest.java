package org.dipwatch.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.dipwatch.TestHome;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.config.Settings;
import org.dipwatch.daemon.Daemon;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page's HTML as a client gets it from a daemon with a token: the sign-in form instead
 * of the page until the token comes (as a bearer header or through the form's cookie, which holds
 * no token), an article whose title and text are markup shown as text, a search whose parameter is
 * wrong saying so, an unknown article and file answered 404, and the page's headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageRoutesTest {

    private static final String TOKEN = "page-test-token";
    private static final String HOSTILE = """
            {"title": "<script>alert('x')</script> Lavrov & \\"Wang\\"", "date": "2025-05-20", "url": "https://example.org/a/1?q=%22x%22&amp;y=1",
             "text": "Russian Foreign Minister Sergey Lavrov met Chinese Foreign Minister Wang Yi in Beijing on Tuesday <img src=x onerror=alert(1)> to discuss the Korean Peninsula.\\n\\nThe ministers agreed to meet again in Moscow & Beijing."}""";

    @TempDir
    static Path home;
    private Daemon daemon;
    private String site;
    private final HttpClient http = HttpClient.newHttpClient();
    private String hostileId;

    @BeforeAll
    void start() throws Exception {
        int port = TestHome.freePort();
        daemon = StatusPageRoutesTest.daemonOverTheSeeds(home, port, TOKEN);
        site = "http://127.0.0.1:" + port;
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(site + "/api/articles")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(HOSTILE)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        hostileId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(posted.body()).path("article").asText().replace(".txt", "");
    }

    /** A daemon on this port of 127.0.0.1 over a home with the five originals, its sources off, with this API token. */
    static Daemon daemonOverTheSeeds(Path home, int port, String token) throws Exception {
        TestHome.create(home);
        Daemon daemon = new Daemon(Settings.of(home, Map.of("dipwatch.sources.enabled", "false", "dipwatch.http.port",
                Integer.toString(port), "dipwatch.api.token", token)), CommandApi::new);
        daemon.start();
        return daemon;
    }

    @AfterAll
    void stop() throws Exception {
        daemon.stop();
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(site + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(site + "/sign-in")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final String[] BEARER = {"Authorization", "Bearer " + TOKEN};

    @Test
    void withoutTheTokenEveryPageIsTheSignInFormAndShowsNothingOfTheCorpus() throws Exception {
        for (String path : new String[] {"/", "/search?q=Lavrov", "/articles/000_fbfa5f4836e611d7"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            Document page = Jsoup.parse(r.body());
            assertThat(page.select("#sign-in form[method=post][action=/sign-in] input[type=password][name=token]")).as(path).hasSize(1);
            assertThat(page.text()).as(path).doesNotContain("Bogdanov").doesNotContain("Lavrov");
        }
        assertThat(get("/", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/", "Cookie", PageAccess.COOKIE + "=forged").statusCode()).isEqualTo(401);
    }

    @Test
    void theRightTokenInTheFormSetsACookieThatOpensThePageAndHoldsNoToken() throws Exception {
        HttpResponse<String> wrong = signIn("not-it");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Jsoup.parse(wrong.body()).select("#sign-in .problem").text()).contains("not the token");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> right = signIn(TOKEN);
        assertThat(right.statusCode()).isEqualTo(303);
        assertThat(right.headers().firstValue("Location")).hasValue("/");
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(PageAccess.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict").doesNotContain(TOKEN);
        HttpResponse<String> page = get("/", "Cookie", "other=1; " + cookie.substring(0, cookie.indexOf(';')));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(page.body()).select("#stories li.story")).isNotEmpty();
    }

    @Test
    void markupInAnArticlesTitleAndTextIsShownAsText() throws Exception {
        HttpResponse<String> home = get("/", BEARER);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Lavrov &amp; &quot;Wang&quot;");
        Document page = Jsoup.parse(home.body());
        assertThat(page.select("script")).allSatisfy(s -> assertThat(s.attr("src")).startsWith("/static/"));
        assertThat(page.select("#stories a[href=/articles/" + hostileId + "]").text()).isEqualTo("<script>alert('x')</script> Lavrov & \"Wang\"");

        HttpResponse<String> article = get("/articles/" + hostileId, BEARER);
        assertThat(article.statusCode()).isEqualTo(200);
        assertThat(article.body()).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;");
        Document text = Jsoup.parse(article.body());
        assertThat(text.select("article h1").text()).isEqualTo("<script>alert('x')</script> Lavrov & \"Wang\"");
        assertThat(text.select("article .text p")).hasSize(2);
        assertThat(text.select("article .text p").get(1).text()).isEqualTo("The ministers agreed to meet again in Moscow & Beijing.");
        assertThat(text.select("article img")).isEmpty();
    }

    @Test
    void theHomePageShowsTheSeedsStoryAndChartsWithoutJavaScript() throws Exception {
        Document page = Jsoup.parse(get("/", BEARER).body());
        assertThat(page.select("#st-fbfa5f4836e611d7 .lead a").attr("href")).isEqualTo("/articles/000_fbfa5f4836e611d7");
        assertThat(page.select("#st-fbfa5f4836e611d7 .also a").attr("href")).isEqualTo("/articles/004_c77918350a6e0771");
        assertThat(page.select("#st-fbfa5f4836e611d7 .lead small").text()).contains("2 reports");
        // the charts' counts are in the page as JSON and as a table, for a browser without JavaScript
        assertThat(page.select("div.plot[data-chart]")).hasSize(2);
        assertThat(page.select("#activity figure").get(0).select("table.totals th").eachText()).contains("RUS", "ISR", "HAMAS");
        assertThat(page.select("#activity figure").get(0).select("figcaption").text()).isEqualTo("Articles per day by actor");
        assertThat(page.select("#activity figure").get(1).select("figcaption").text()).isEqualTo("Articles per day by region");
    }

    @Test
    void aSearchShowsItsResultsAndAWrongParameterSaysWhichOnThePage() throws Exception {
        HttpResponse<String> found = get("/search?q=Abu+Marzook+Bogdanov&actor=&region=&verdict=", BEARER);
        assertThat(found.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(found.body());
        assertThat(page.select("ol.results li.result > a").eachAttr("href").subList(0, 3))
                .containsExactlyInAnyOrder("/articles/000_fbfa5f4836e611d7", "/articles/001_fc3e960cfd31978e", "/articles/004_c77918350a6e0771");
        assertThat(page.select("form.filters input[name=q]").attr("value")).isEqualTo("Abu Marzook Bogdanov");

        HttpResponse<String> filtered = get("/search?story=st-fbfa5f4836e611d7", BEARER);
        assertThat(Jsoup.parse(filtered.body()).select("ol.results li.result > a").eachAttr("href"))
                .containsExactlyInAnyOrder("/articles/000_fbfa5f4836e611d7", "/articles/004_c77918350a6e0771");

        HttpResponse<String> wrong = get("/search?from=yesterday", BEARER);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(wrong.body()).select(".problem").text()).isEqualTo("from=yesterday must be a date such as 2025-05-20");
    }

    @Test
    void anUnknownArticleOrFileIs404AndThePageIsNeverCachedNorFramed() throws Exception {
        assertThat(get("/articles/999_0000000000000000", BEARER).statusCode()).isEqualTo(404);
        assertThat(get("/static/page.js").statusCode()).isEqualTo(200);
        assertThat(get("/static/uPlot.LICENSE").body()).contains("MIT");
        assertThat(get("/static/dipwatch-defaults.properties").statusCode()).isEqualTo(404);
        HttpResponse<String> home = get("/", BEARER);
        assertThat(home.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(home.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
                .contains("script-src 'self'").contains("frame-ancestors 'none'"));
    }
}
