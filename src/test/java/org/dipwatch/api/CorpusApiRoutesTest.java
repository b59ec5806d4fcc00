package org.dipwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.dipwatch.TestHome;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.config.Settings;
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
 * The corpus API as a client sees it, on a daemon with a token over the five originals: the
 * OpenAPI document, every endpoint, paging, each filter, the search ranking, and POST with and
 * without the token and with bodies that are no article. An alert goes to a webhook on
 * 127.0.0.1 so that the delivery log has a line to show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CorpusApiRoutesTest {

    private static final String TOKEN = "api-test-token";
    private static final String LAVROV = """
            {"title": "Lavrov meets Wang Yi in Beijing", "date": "2025-05-20", "url": "https://example.org/a/1",
             "text": "Russian Foreign Minister Sergey Lavrov met Chinese Foreign Minister Wang Yi in Beijing on Tuesday to discuss the situation in the Korean Peninsula and cooperation within BRICS.\\n\\nThe ministers agreed to meet again in Moscow."}""";

    @TempDir
    static Path home;
    private Daemon daemon;
    private HttpServer hook;
    private final List<String> hooked = new ArrayList<>();
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() throws Exception {
        TestHome.create(home);
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            synchronized (hooked) {
                hooked.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: lavrov
                    filter: { actors: [sergey-lavrov] }
                    webhook: { url: "http://127.0.0.1:%d/hook", secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0" }
                """.formatted(hook.getAddress().getPort()));
        port = TestHome.freePort();
        daemon = new Daemon(Settings.of(home, Map.of("dipwatch.sources.enabled", "false", "dipwatch.http.port", Integer.toString(port),
                "dipwatch.api.token", TOKEN, "dipwatch.http.max-body-bytes", "65536", "dipwatch.webhook.allow-private", "true")),
                CommandApi::new);
        daemon.start();
    }

    @AfterAll
    void stop() throws Exception {
        daemon.stop();
        hook.stop(0);
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path, TOKEN);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        return json.readTree(r.body());
    }

    private HttpResponse<String> post(String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/articles"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The three-digit numbers of the files of a page's items, in order. */
    private List<String> numbers(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false).map(i -> i.path("file").asText().substring(0, 3)).toList();
    }

    private List<String> articles(String query) throws IOException, InterruptedException {
        return numbers(getJson("/api/articles?" + query));
    }

    private static String q(String words) {
        return URLEncoder.encode(words, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void theOpenApiDocumentDescribesEveryPath() throws Exception {
        HttpResponse<String> r = get("/api/openapi.json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json.readTree(r.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("paths").fieldNames()).toIterable().contains("/api/articles", "/api/articles/{id}", "/api/stories",
                "/api/stories/{id}", "/api/alerts");
        assertThat(doc.path("paths").path("/api/articles").has("post")).isTrue();
        assertThat(doc.path("components").path("securitySchemes").path("token").path("scheme").asText()).isEqualTo("bearer");
        List<String> parameters = StreamSupport.stream(doc.path("paths").path("/api/articles").path("get").path("parameters")
                .spliterator(), false).map(p -> p.path("name").asText()).toList();
        assertThat(parameters).contains("q", "actor", "speaker", "region", "source", "language", "verdict", "from", "to", "offset", "limit");
    }

    @Test
    @Order(2)
    void everyReadNeedsTheToken() throws Exception {
        for (String path : List.of("/api/articles", "/api/articles/000_fbfa5f4836e611d7", "/api/stories",
                "/api/stories/st-fbfa5f4836e611d7", "/api/alerts")) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"dipwatch\"");
            assertThat(r.body()).contains("Authorization: Bearer").doesNotContain("Bogdanov");
            assertThat(get(path, "wrong").statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    @Order(3)
    void theArticlesComeNewestFirstWithTheirTagsVerdictAndStory() throws Exception {
        JsonNode page = getJson("/api/articles");
        assertThat(page.path("total").asInt()).isEqualTo(5);
        assertThat(numbers(page)).containsExactly("004", "003", "002", "001", "000");
        JsonNode report = page.path("items").get(0);
        assertThat(report.path("id").asText()).isEqualTo("004_c77918350a6e0771");
        assertThat(report.path("verdict").asText()).isEqualTo("same_story");
        assertThat(report.path("story").asText()).isEqualTo("st-fbfa5f4836e611d7");
        assertThat(report.path("tags").path("actors").findValuesAsText("id")).contains("HAMAS", "mikhail-bogdanov");
        assertThat(page.path("items").get(4).path("date").asText()).isEqualTo("2021-05-12");
        assertThat(page.has("nextOffset")).isTrue();
        assertThat(page.path("nextOffset").isNull()).isTrue();
    }

    @Test
    @Order(4)
    void pagesFollowOneAnother() throws Exception {
        JsonNode first = getJson("/api/articles?limit=2");
        assertThat(numbers(first)).containsExactly("004", "003");
        assertThat(first.path("nextOffset").asInt()).isEqualTo(2);
        assertThat(articles("limit=2&offset=2")).containsExactly("002", "001");
        JsonNode last = getJson("/api/articles?limit=2&offset=4");
        assertThat(numbers(last)).containsExactly("000");
        assertThat(last.path("nextOffset").isNull()).isTrue();
    }

    @Test
    @Order(5)
    void searchRanksTheThreeReportsOfTheCallsFirst() throws Exception {
        JsonNode page = getJson("/api/articles?q=" + q("Abu Marzook Bogdanov"));
        assertThat(numbers(page).subList(0, 3)).containsExactlyInAnyOrder("000", "001", "004");
        List<Double> scores = page.path("items").findValuesAsText("score").stream().map(Double::valueOf).toList();
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(articles("q=" + q("\"Mousa Abu Marzook\""))).containsExactlyInAnyOrder("000", "001");
        assertThat(articles("q=" + q("\"Mikhail Bogdanov\"") + "&from=2023-01-01")).containsExactly("001");
        assertThat(articles("q=" + q("Gaza") + "&speaker=HAMAS")).containsExactly("004");
    }

    @Test
    @Order(6)
    void eachFilterNarrowsTheList() throws Exception {
        assertThat(articles("actor=RUS&region=PSE")).contains("000");
        assertThat(articles("actor=sergey-lavrov")).containsExactly("003");
        assertThat(articles("actor=mikhail-bogdanov")).containsExactly("004", "001", "000");
        assertThat(articles("speaker=HAMAS")).containsExactly("004");
        assertThat(articles("region=jenin")).containsExactly("001");
        // the hierarchy: 004 names Gaza and East Jerusalem, not Palestine itself; Jenin lies in the Middle East
        assertThat(getJson("/api/articles/004_c77918350a6e0771").path("article").path("tags").path("regions")
                .findValuesAsText("id")).doesNotContain("PSE").contains("gaza-strip");
        assertThat(articles("region=PSE")).contains("004", "001");
        assertThat(articles("region=" + q("Middle East"))).contains("000", "001", "004");
        assertThat(articles("region=MIDDLE_EAST")).isEqualTo(articles("region=" + q("middle east")));
        assertThat(articles("source=seeds")).hasSize(5);
        assertThat(articles("source=inbox")).isEmpty();
        assertThat(articles("language=en")).hasSize(5);
        assertThat(articles("language=ru")).isEmpty();
        assertThat(articles("verdict=same_story")).containsExactly("004");
        assertThat(articles("story=st-fbfa5f4836e611d7")).containsExactly("004", "000");
        assertThat(articles("from=2023-07-01&to=2023-07-31")).containsExactly("001");
        assertThat(articles("actor=sergey-lavrov,mikhail-bogdanov")).containsExactly("004", "003", "001", "000");
        assertThat(articles("actor=sergey-lavrov&actor=mikhail-bogdanov")).containsExactly("004", "003", "001", "000");
    }

    @Test
    @Order(7)
    void aRequestThatCannotBeServedSaysWhy() throws Exception {
        HttpResponse<String> unknown = get("/api/articles?colour=red", TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknown.body()).path("error").asText()).contains("unknown parameter 'colour'").contains("actor");
        assertThat(get("/api/articles?limit=500", TOKEN).body()).contains("limit=500 must be a whole number from 1 to 200");
        assertThat(get("/api/articles?from=yesterday", TOKEN).body()).contains("from=yesterday must be a date");
        HttpResponse<String> badQuery = get("/api/articles?q=" + q("\"unclosed"), TOKEN);
        assertThat(badQuery.statusCode()).isEqualTo(400);
        assertThat(badQuery.body()).contains("is not a query");
        assertThat(get("/api/articles/999_0000000000000000", TOKEN).statusCode()).isEqualTo(404);
        assertThat(get("/api/articles/..%2F..%2Fetc%2Fpasswd", TOKEN).statusCode()).isEqualTo(404);
        assertThat(get("/api/stories/st-nothing", TOKEN).statusCode()).isEqualTo(404);
        assertThat(get("/api/alerts?outcome=lost", TOKEN).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(8)
    void anArticleComesWithItsText() throws Exception {
        JsonNode a = getJson("/api/articles/001_fc3e960cfd31978e");
        assertThat(a.path("text").asText()).isEqualTo(Files.readString(TestHome.original("001_fc3e960cfd31978e.txt")));
        assertThat(a.path("article").path("title").asText()).isEqualTo("Russia advocates de-escalation between Israel and Palestine");
        assertThat(a.path("article").path("date").asText()).isEqualTo("2023-07-04");
        assertThat(a.path("article").path("tags").path("regions").findValuesAsText("id")).contains("jenin");
        assertThat(getJson("/api/articles/001_fc3e960cfd31978e.txt").path("text").asText()).isEqualTo(a.path("text").asText());
    }

    @Test
    @Order(9)
    void storiesListTheirSizeLeadAndActorsAndAStoryItsReportsInOrder() throws Exception {
        JsonNode stories = getJson("/api/stories");
        assertThat(stories.path("total").asInt()).isEqualTo(4);
        JsonNode first = stories.path("items").get(0);
        assertThat(first.path("id").asText()).isEqualTo("st-fbfa5f4836e611d7");
        assertThat(first.path("reports").asInt()).isEqualTo(2);
        assertThat(first.path("lead").path("file").asText()).isEqualTo("000_fbfa5f4836e611d7.txt");
        assertThat(first.path("latest").path("file").asText()).isEqualTo("004_c77918350a6e0771.txt");
        assertThat(StreamSupport.stream(first.path("actors").spliterator(), false).map(JsonNode::asText).toList())
                .contains("RUS", "HAMAS", "mikhail-bogdanov");
        JsonNode twoOrMore = getJson("/api/stories?min-reports=2");
        assertThat(twoOrMore.path("total").asInt()).isEqualTo(1);
        assertThat(getJson("/api/stories?limit=1&offset=3").path("items").get(0).path("reports").asInt()).isEqualTo(1);
        JsonNode story = getJson("/api/stories/st-fbfa5f4836e611d7");
        assertThat(story.path("reports").findValuesAsText("file")).containsExactly("000_fbfa5f4836e611d7.txt",
                "004_c77918350a6e0771.txt");
    }

    @Test
    @Order(10)
    void postingNeedsTheToken() throws Exception {
        HttpResponse<String> none = post(LAVROV, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(post(LAVROV, "wrong").statusCode()).isEqualTo(401);
        assertThat(getJson("/api/articles").path("total").asInt()).isEqualTo(5);
    }

    @Test
    @Order(11)
    void aPostedArticleGoesThroughThePipelineOnceAndIsFoundAtOnce() throws Exception {
        HttpResponse<String> r = post(LAVROV, TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = json.readTree(r.body());
        assertThat(result.path("verdict").asText()).isEqualTo("new");
        assertThat(result.path("source").asText()).isEqualTo("api");
        assertThat(result.path("file").asText()).isEqualTo("https://example.org/a/1");
        assertThat(result.path("title").asText()).isEqualTo("Lavrov meets Wang Yi in Beijing");
        assertThat(result.path("actors").findValuesAsText("id")).contains("sergey-lavrov", "wang-yi");
        String file = result.path("article").asText();
        assertThat(home.resolve("seeds").resolve(file)).content().startsWith(" date 2025-05-20 Lavrov meets Wang Yi in Beijing\n\n");
        assertThat(articles("q=" + q("Wang Yi BRICS"))).first().isEqualTo(file.substring(0, 3));
        assertThat(articles("source=api&language=en")).containsExactly(file.substring(0, 3));

        // the same body again: the same answer, nothing stored twice
        JsonNode again = json.readTree(post(LAVROV, TOKEN).body());
        assertThat(again.path("verdict").asText()).isEqualTo("new");
        assertThat(again.path("article").asText()).isEqualTo(file);
        // another body with the same URL: a duplicate of it
        JsonNode copy = json.readTree(post(LAVROV.replace("Tuesday", "Wednesday"), TOKEN).body());
        assertThat(copy.path("verdict").asText()).isEqualTo("duplicate");
        assertThat(copy.path("duplicateOf").asText()).isEqualTo(file);
        assertThat(getJson("/api/articles").path("total").asInt()).isEqualTo(6);
    }

    @Test
    @Order(12)
    void aWebPageIsReadAsASavedPageIs() throws Exception {
        String page = "<html><head><title>Site | Ignored</title></head><body><nav>Home News</nav><article><h1>Abbas calls Erdogan</h1>"
                + "<p>Palestinian President Mahmoud Abbas held a telephone conversation with Turkish President Recep Tayyip Erdogan on"
                + " Monday about the humanitarian situation in the Gaza Strip.</p><p>Both leaders called for an immediate ceasefire"
                + " and for aid to reach Gaza without delay.</p></article></body></html>";
        HttpResponse<String> r = post(json.writeValueAsString(Map.of("html", page, "source", "wafa-en")), TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = json.readTree(r.body());
        assertThat(result.path("verdict").asText()).isEqualTo("new");
        assertThat(result.path("source").asText()).isEqualTo("wafa-en");
        assertThat(Files.readString(home.resolve("seeds").resolve(result.path("article").asText())))
                .contains("Abbas held a telephone conversation").doesNotContain("<p>").doesNotContain("Home News");
    }

    @Test
    @Order(13)
    void bodiesThatAreNoArticleGet4xxThatSayWhy() throws Exception {
        HttpResponse<String> malformed = post("{not json", TOKEN);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).path("error").asText()).startsWith("the body is not valid JSON");
        HttpResponse<String> unknown = post("{\"text\": \"Lavrov spoke.\", \"author\": \"x\"}", TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknown.body()).path("error").asText()).startsWith("unknown field 'author'");
        assertThat(post("{\"title\": \"No text\"}", TOKEN).body()).contains("the article has no text");
        assertThat(post("{\"text\": \"x\", \"html\": \"<p>x</p>\"}", TOKEN).body()).contains("not both");
        assertThat(post("{\"text\": \"x\", \"date\": \"May 20\"}", TOKEN).body()).contains("date 'May 20' must be a date");
        assertThat(post("{\"text\": \"x\", \"url\": \"file:///etc/passwd\"}", TOKEN).body()).contains("must be an absolute http");
        assertThat(post("[1, 2]", TOKEN).statusCode()).isEqualTo(400);
        HttpResponse<String> tooLarge = post("{\"text\": \"" + "word ".repeat(20_000) + "\"}", TOKEN);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        HttpResponse<String> empty = post("{\"text\": \"   \\n  \", \"url\": \"https://example.org/empty\", \"title\": \"  \"}", TOKEN);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(getJson("/api/articles").path("total").asInt()).isEqualTo(7);
    }

    @Test
    @Order(14)
    void theDeliveryLogShowsEachAttemptWithItsArticle() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> getJson("/api/alerts").path("total").asInt() >= 1);
        JsonNode log = getJson("/api/alerts");
        JsonNode line = log.path("items").get(0);
        assertThat(line.path("subscription").asText()).isEqualTo("lavrov");
        assertThat(line.path("channel").asText()).isEqualTo("webhook");
        assertThat(line.path("outcome").asText()).isEqualTo("delivered");
        assertThat(line.path("statusCode").asInt()).isEqualTo(204);
        assertThat(line.path("article").asText()).isEqualTo(getJson("/api/articles?source=api&actor=sergey-lavrov")
                .path("items").get(0).path("file").asText());
        synchronized (hooked) {
            assertThat(hooked).anySatisfy(body -> assertThat(body).contains("Lavrov meets Wang Yi in Beijing"));
        }
        assertThat(getJson("/api/alerts?subscription=lavrov&outcome=delivered").path("total").asInt()).isEqualTo(1);
        assertThat(getJson("/api/alerts?outcome=dead").path("total").asInt()).isZero();
        assertThat(getJson("/api/alerts?subscription=nobody").path("items")).isEmpty();
    }
}
