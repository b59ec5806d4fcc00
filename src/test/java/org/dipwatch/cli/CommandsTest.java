package org.dipwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.TestHome;
import org.dipwatch.alert.Deliverer;
import org.dipwatch.config.Settings;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user types them: {@code ingest}, {@code reindex}, {@code check-config}, {@code alerts log}. */
class CommandsTest {

    @TempDir
    Path home;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setHome() {
        TestHome.create(home);
        System.setProperty("dipwatch.home", home.toString());
    }

    @AfterEach
    void clearHome() {
        System.clearProperty("dipwatch.home");
    }

    private int run(String... args) {
        return App.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private List<JsonNode> jsonLines() throws Exception {
        return jsonLines(out.toString());
    }

    /** What a command printed: one JSON object a line. */
    static List<JsonNode> jsonLines(String printed) throws java.io.IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : printed.split("\n")) {
            if (!line.isBlank()) {
                lines.add(new ObjectMapper().readTree(line));
            }
        }
        return lines;
    }

    @Test
    void similarPrintsTheNearestArticlesWithTheLevelEachWouldGiveAndStoresNothing() throws Exception {
        Path rewritten = Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-004.txt").toAbsolutePath();
        assertThat(run("similar", "--top", "3", rewritten.toString())).isZero();
        JsonNode line = jsonLines().get(0);
        assertThat(line.path("verdict").asText()).isEqualTo("near_duplicate");
        assertThat(line.path("duplicateOf").asText()).isEqualTo("004_c77918350a6e0771.txt");
        assertThat(line.path("story").asText()).isEqualTo("st-fbfa5f4836e611d7");
        JsonNode first = line.path("nearest").get(0);
        assertThat(first.path("article").asText()).isEqualTo("004_c77918350a6e0771.txt");
        assertThat(first.path("level").asText()).isEqualTo("near_duplicate");
        assertThat(first.path("similarity").asDouble()).isGreaterThan(0.5);
        // 000 reports the same call: the same story, not a copy
        assertThat(line.path("nearest")).anySatisfy(n -> {
            assertThat(n.path("article").asText()).isEqualTo("000_fbfa5f4836e611d7.txt");
            assertThat(n.path("level").asText()).isEqualTo("same_story");
        });
        assertThat(line.path("nearest").size()).isLessThanOrEqualTo(3);
        assertThat(TestHome.list(home.resolve("seeds"))).hasSize(5);
    }

    @Test
    void ingestNamesTheCopiedArticleAndTheStoryOfANearDuplicate() throws Exception {
        Path rewritten = Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-000.txt").toAbsolutePath();
        Path wire = Path.of("src/test/resources/dedup/restart/marzook-call-wire.txt").toAbsolutePath();
        assertThat(run("ingest", rewritten.toString(), wire.toString())).isZero();
        List<JsonNode> lines = jsonLines();
        assertThat(lines.get(0).path("verdict").asText()).isEqualTo("near_duplicate");
        assertThat(lines.get(0).path("duplicateOf").asText()).isEqualTo("000_fbfa5f4836e611d7.txt");
        assertThat(lines.get(0).path("similarity").asDouble()).isBetween(0.36, 1.0);
        assertThat(lines.get(0).path("story").asText()).isEqualTo("st-fbfa5f4836e611d7");
        assertThat(lines.get(1).path("verdict").asText()).isEqualTo("same_story");
        assertThat(lines.get(1).path("story").asText()).isEqualTo("st-fbfa5f4836e611d7");
        assertThat(home.resolve("seeds").resolve(lines.get(1).path("article").asText())).exists();
    }

    @Test
    void alertsLogNamesTheSubscriptionHostPortAndCauseOfAWebhookThatFailed() throws Exception {
        int closed = TestHome.freePort();
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: unreachable
                    webhook: { url: "http://127.0.0.1:%d/hooks/a-secret-path", secret: "whsec_c2VjcmV0" }
                """.formatted(closed));
        Path libya = Files.writeString(home.resolve("libya.txt"), """
                Moscow hosts talks on Libya

                Deputy Foreign Minister Mikhail Bogdanov held consultations in Moscow with a delegation of the Libyan Presidential Council.
                """);
        assertThat(run("ingest", libya.toString())).isZero();
        // one attempt, as the daemon's deliverer makes it
        try (Pipeline pipeline = Pipeline.open(Settings.of(home, Map.of()), new Metrics(new SimpleMeterRegistry()))) {
            Deliverer deliverer = new Deliverer(pipeline.stages().outbox(), pipeline.stages().alerts().subscriptions(), (to, m) -> { },
                    new Metrics(new SimpleMeterRegistry()), new Deliverer.Policy(3, Duration.ofHours(1), Duration.ofMillis(10),
                    Duration.ofMinutes(5), Duration.ofSeconds(5), false));
            deliverer.deliverDue();
            deliverer.close();
        }
        out.getBuffer().setLength(0);
        assertThat(run("alerts", "log", "unreachable")).isZero();
        assertThat(jsonLines()).singleElement().satisfies(line -> {
            assertThat(line.path("subscriptionId").asText()).isEqualTo("unreachable");
            assertThat(line.path("outcome").asText()).isEqualTo("retrying");
            assertThat(line.path("error").asText()).isEqualTo("webhook: POST to 127.0.0.1:" + closed
                    + " failed: connection refused or closed while connecting (ConnectException)");
        });
    }

    @Test
    void ingestPrintsOneJsonObjectPerFileWithItsVerdict() throws Exception {
        Path dir = Files.createDirectories(home.resolve("drop"));
        Files.writeString(dir.resolve("libya.txt"), """
                Moscow hosts talks on Libya

                Deputy Foreign Minister Mikhail Bogdanov held consultations in Moscow with a delegation of the Libyan Presidential Council.
                """);
        Files.write(dir.resolve("noise.bin"), new byte[] {0, 1, 2, 3, 0, 0, 7});
        int status = run("ingest", TestHome.original("004_c77918350a6e0771.txt").toString(), dir.resolve("libya.txt").toString(),
                dir.resolve("noise.bin").toString(), dir.resolve("missing.txt").toString());
        assertThat(status).isZero();
        List<JsonNode> lines = jsonLines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).path("verdict").asText()).isEqualTo("duplicate");
        assertThat(lines.get(0).path("article").asText()).isEqualTo("004_c77918350a6e0771.txt");
        assertThat(lines.get(1).path("verdict").asText()).isEqualTo("new");
        assertThat(lines.get(1).path("article").asText()).matches("005_[0-9a-f]{16}\\.txt");
        assertThat(lines.get(1).path("title").asText()).isEqualTo("Moscow hosts talks on Libya");
        assertThat(lines.get(1).path("story").asText()).isEqualTo("st-" + lines.get(1).path("article").asText().substring(4, 20));
        assertThat(lines.get(2).path("verdict").asText()).isEqualTo("failed");
        assertThat(lines.get(2).path("reason").asText()).contains("noise.bin");
        assertThat(lines.get(3).path("verdict").asText()).isEqualTo("failed");
        assertThat(lines.get(3).path("reason").asText()).contains("missing.txt");
        assertThat(lines).allSatisfy(l -> assertThat(l.path("file").asText()).isNotEmpty());
        // the files themselves stay where they were
        assertThat(dir.resolve("libya.txt")).exists();
        assertThat(home.resolve("seeds").resolve(lines.get(1).path("article").asText())).exists();
    }

    @Test
    void ingestAddsWhoAndWhereTheArticleInvolves() throws Exception {
        Path f = Files.writeString(home.resolve("lavrov.txt"), """
                 date 2024-04-02 Russian Foreign Minister Sergey Lavrov said in Moscow on Tuesday that a lasting truce in the Gaza Strip was urgent, after a telephone conversation with Palestinian President Mahmoud Abbas.
                """);
        run("ingest", f.toString());
        JsonNode line = jsonLines().get(0);
        assertThat(line.path("verdict").asText()).isEqualTo("new");
        assertThat(line.path("speaker").path("actor").path("id").asText()).isEqualTo("sergey-lavrov");
        assertThat(line.path("counterparts").get(0).path("actor").path("id").asText()).isEqualTo("mahmoud-abbas");
        assertThat(line.path("regions").findValuesAsText("id")).contains("gaza-strip");
        assertThat(line.path("kind").asText()).isEqualTo("phone_call");
        assertThat(line.path("language").asText()).isEqualTo("en");
        assertThat(line.path("actors").findValuesAsText("evidence")).isEmpty();
    }

    @Test
    void classifyPrintsTheTagsWithoutIngestingAndExplainsThemOnRequest() throws Exception {
        List<String> before = TestHome.list(home.resolve("seeds"));
        assertThat(run("classify", "--explain", TestHome.original("004_c77918350a6e0771.txt").toString())).isZero();
        JsonNode line = jsonLines().get(0);
        assertThat(line.path("file").asText()).endsWith("004_c77918350a6e0771.txt");
        assertThat(line.path("actors").findValuesAsText("id")).contains("HAMAS", "benny-gantz");
        assertThat(line.path("speaker").path("side").asText()).isEqualTo("HAMAS");
        JsonNode hamas = null;
        for (JsonNode a : line.path("actors")) {
            if (a.path("id").asText().equals("HAMAS")) {
                hamas = a;
            }
        }
        assertThat(hamas).isNotNull();
        assertThat(hamas.path("evidence").size()).isEqualTo(hamas.path("mentions").asInt()).isGreaterThan(1);
        // each mention with the cue that gave it its role
        assertThat(hamas.path("cues").size()).isEqualTo(hamas.path("mentions").asInt());
        assertThat(hamas.path("cues").get(0).path("mention").asText()).isEqualTo(hamas.path("evidence").get(0).asText());
        assertThat(hamas.path("cues").findValuesAsText("cue")).contains("organisation");
        assertThat(line.path("regions").findValuesAsText("cue")).isNotEmpty().allMatch(cue -> !cue.isBlank());
        assertThat(TestHome.list(home.resolve("seeds"))).isEqualTo(before);
    }

    @Test
    void reclassifyAppliesADictionaryChangeToTheWholeCorpus() throws Exception {
        Path f = Files.writeString(home.resolve("suheila.txt"),
                " date 2024-02-01 Lavrov said strikes near Bani Suheila must stop at once, the ministry said.\n");
        run("ingest", f.toString());
        String article = jsonLines().get(0).path("article").asText();
        org.dipwatch.config.Settings settings = org.dipwatch.config.Settings.load();
        try (org.dipwatch.corpus.CorpusIndex index = org.dipwatch.corpus.CorpusIndex.open(settings.get("dipwatch.index.url"),
                settings.get("dipwatch.index.user"), "", 2)) {
            assertThat(index.tags(article)).doesNotContain("region:bani-suheila");
        }
        Path dir = Files.createDirectories(home.resolve("classify"));
        Files.writeString(dir.resolve("places.yaml"), "places:\n  - {id: bani-suheila, name: Bani Suheila, kind: city, parent: gaza-strip}\n");
        out.getBuffer().setLength(0);
        assertThat(run("reclassify")).isZero();
        assertThat(jsonLines().get(0).path("reclassified").asInt()).isEqualTo(6);
        try (org.dipwatch.corpus.CorpusIndex index = org.dipwatch.corpus.CorpusIndex.open(settings.get("dipwatch.index.url"),
                settings.get("dipwatch.index.user"), "", 2)) {
            assertThat(index.tags(article)).contains("region:bani-suheila", "speaker:sergey-lavrov");
        }
    }

    @Test
    void checkConfigNamesABadDictionaryEntry() throws Exception {
        Path dir = Files.createDirectories(home.resolve("classify"));
        Files.writeString(dir.resolve("places.yaml"), "places:\n  - id: somewhere\n    name: Somewhere\n    parent: ZZZ\n");
        assertThat(run("check-config")).isEqualTo(1);
        assertThat(err.toString()).contains("places.yaml").contains("'somewhere'").contains("ZZZ");
    }

    @Test
    void ingestingTheSameFileTwiceMakesTheSecondADuplicate() throws Exception {
        Path f = Files.writeString(home.resolve("a.txt"), "Lavrov met the Arab League envoy in Moscow on Tuesday.\n");
        run("ingest", f.toString());
        run("ingest", f.toString());
        List<JsonNode> lines = jsonLines();
        assertThat(lines.get(1).path("verdict").asText()).isEqualTo("duplicate");
        assertThat(lines.get(1).path("duplicateOf").asText()).isEqualTo(lines.get(0).path("article").asText());
    }

    @Test
    void reindexRebuildsTheIndexFromSeeds() throws Exception {
        Files.writeString(home.resolve("seeds").resolve("007_0123456789abcdef.txt"), " date 2024-01-02 Put there by hand.\n");
        assertThat(run("reindex")).isZero();
        JsonNode report = jsonLines().get(0);
        assertThat(report.path("files").asInt()).isEqualTo(6);
        assertThat(report.path("unreadable").size()).isZero();
        List<String> keys = new java.util.ArrayList<>();
        report.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("files", "added", "updated", "missing", "reclassified", "unreadable", "seconds");
        assertThat(report.path("reclassified").asInt()).isEqualTo(6);
    }

    @Test
    void checkConfigAcceptsTheDefaults() {
        assertThat(run("check-config")).isZero();
        assertThat(out.toString()).contains("are valid").contains("routes load from classpath:routes/");
    }

    @Test
    void checkConfigNamesABadKey() throws Exception {
        Files.writeString(home.resolve("dipwatch.properties"), "dipwatch.inbox.poll-delay=soon\n");
        assertThat(run("check-config")).isEqualTo(1);
        assertThat(err.toString()).contains("check-config: " + home.resolve("dipwatch.properties") + ":1: dipwatch.inbox.poll-delay: "
                + "'soon' must be a whole number (like 250)").contains("check-config: 1 problem");
    }

    @Test
    void checkConfigReportsEveryProblemOfEveryKindInOneRunAsJson() throws Exception {
        Files.writeString(home.resolve("dipwatch.properties"), "dipwatch.mail.security=ssl\n");
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: typo
                    filter: { actor: [RUS] }
                    email: { to: [desk@example.org] }
                  - id: unknown-id
                    filter: { actors: [sergey-lavrow] }
                    email: { to: [desk@example.org] }
                  - id: good
                    filter: { actors: [RUS] }
                    email: { to: [desk@example.org] }
                """);
        Path routes = Files.createDirectories(home.resolve("routes"));
        Files.writeString(routes.resolve("mine.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: feed
                    routeId: source-mine
                    parameters:
                      - {name: name, value: mine}
                      - {name: url, value: "https://mfa.example/rss"}
                      - {name: fulltext, value: "true"}
                """, StandardCharsets.UTF_8);
        assertThat(run("check-config", "--json")).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(out.toString().strip().lines()).hasSize(1);
        assertThat(report.path("valid").asBoolean(true)).isFalse();
        String subscriptions = home.resolve("subscriptions.yaml").toString();
        assertThat(report.path("problems")).extracting(JsonNode::toString).containsExactly(
                problem(home.resolve("dipwatch.properties").toString(), 1, "dipwatch.mail.security", "'ssl' must be one of none, starttls, tls"),
                problem(subscriptions, 3, "subscriptions[0].filter.actor",
                        "subscription 'typo': 'actor' is not a key of filter; did you mean 'actors'?"),
                problem(subscriptions, 6, "subscriptions[1].filter.actors[0]",
                        "subscription 'unknown-id': 'sergey-lavrow' is not an actor id in the dictionaries; did you mean 'sergey-lavrov'?"),
                problem(routes.resolve("mine.camel.yaml").toString(), 1, "[0].templatedRoute",
                        "source mine (template feed): unknown parameter 'fulltext'; did you mean 'fullText'?"));
        // the routes still load and are counted: nothing stopped at the first kind of problem
        assertThat(report.path("routes").asInt()).isPositive();
        assertThat(report.path("home").asText()).isEqualTo(home.toString());
    }

    private static String problem(String file, int line, String key, String message) throws Exception {
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("file", file);
        p.put("line", line);
        p.put("key", key);
        p.put("message", message);
        return new ObjectMapper().writeValueAsString(p);
    }

    @Test
    void checkConfigJsonSaysValidForTheDefaults() throws Exception {
        assertThat(run("check-config", "--json")).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.path("valid").asBoolean()).isTrue();
        assertThat(report.path("problems").size()).isZero();
        assertThat(report.path("routes").asInt()).isPositive();
        assertThat(report.path("dictionaries").path("state").asInt()).isGreaterThan(190);
    }

    @Test
    void checkConfigNamesTheRouteFileThatDoesNotLoad() throws Exception {
        Path routes = Files.createDirectories(home.resolve("routes"));
        Files.writeString(routes.resolve("broken.camel.yaml"), """
                - route:
                    id: ingest-broken
                    from:
                      uri: "timer:tick"
                      steps:
                        - tooo: "log:x"
                """, StandardCharsets.UTF_8);
        assertThat(run("check-config")).isEqualTo(1);
        assertThat(err.toString()).contains("broken.camel.yaml");
    }

    @Test
    void checkConfigAcceptsValidSourcesAndCountsTheirRoutes() throws Exception {
        Path routes = Files.createDirectories(home.resolve("routes"));
        Files.writeString(routes.resolve("my-sources.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: feed
                    routeId: source-mfa-en
                    parameters:
                      - {name: name, value: mfa-en}
                      - {name: url, value: "https://mfa.example/en/rss"}
                      - {name: cron, value: "0 0/15 * * * ?"}
                      - {name: fullText, value: "true"}
                - templatedRoute:
                    routeTemplateRef: page
                    routeId: source-mfa-news
                    parameters:
                      - {name: name, value: mfa-news}
                      - {name: url, value: "https://mfa.example/news"}
                      - {name: itemSelector, value: "ul.news > li"}
                      - {name: linkSelector, value: "a[href]"}
                      - {name: dateSelector, value: "time"}
                """, StandardCharsets.UTF_8);
        assertThat(run("check-config")).as(err.toString()).isZero();
        // the two sources come on top of the packaged routes, which the home keeps
        int withSources = routesLoaded(out.toString());
        Files.delete(routes.resolve("my-sources.camel.yaml"));
        out.getBuffer().setLength(0);
        assertThat(run("check-config")).as(err.toString()).isZero();
        assertThat(withSources - routesLoaded(out.toString())).isEqualTo(2);
        assertThat(out.toString()).contains("classpath:routes/ingest-inbox.camel.yaml").contains("file:" + routes);
    }

    @Test
    void checkConfigNamesTheFileSourceAndParameterOfEveryBadSource() throws Exception {
        Path routes = Files.createDirectories(home.resolve("routes"));
        Files.writeString(routes.resolve("bad-sources.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: feed
                    routeId: source-mfa-en
                    parameters:
                      - {name: name, value: mfa-en}
                      - {name: url, value: "ftp://mfa.example/rss"}
                      - {name: cron, value: "every 5 minutes"}
                      - {name: fulltext, value: "true"}
                - templatedRoute:
                    routeTemplateRef: feed
                    routeId: source-mfa-en
                    parameters:
                      - {name: name, value: mfa-en}
                      - {name: url, value: "https://mfa.example/other"}
                      - {name: silentAfterHours, value: "two weeks"}
                - templatedRoute:
                    routeTemplateRef: page
                    parameters:
                      - {name: name, value: bad-page}
                      - {name: url, value: "/news"}
                      - {name: itemSelector, value: "ul.news >> li["}
                """, StandardCharsets.UTF_8);
        assertThat(run("check-config")).isEqualTo(1);
        String e = err.toString();
        assertThat(e).contains("bad-sources.camel.yaml:1: [0].templatedRoute: source mfa-en (template feed): url 'ftp://mfa.example/rss' "
                        + "must be http or https")
                .contains("source mfa-en (template feed): cron 'every 5 minutes' is not a Quartz cron expression")
                .contains("unknown parameter 'fulltext'; did you mean 'fullText'?")
                .contains("bad-sources.camel.yaml:9: [1].templatedRoute: source mfa-en: the name is already used in")
                .contains("source mfa-en: the name is already used in")
                .contains("source mfa-en (template feed): silentAfterHours 'two weeks' must be a whole number of hours from 0 "
                        + "(never silent) to 8784, or empty for dipwatch.sources.silent-after-hours")
                .contains("source bad-page (template page): url '/news' is not an absolute address")
                .contains("source bad-page (template page): itemSelector is not a CSS selector jsoup understands")
                .contains("source bad-page (template page): linkSelector is empty (a page source needs it)")
                .contains("source bad-page: routeId is missing; add routeId: source-bad-page");
    }

    private static int routesLoaded(String checkConfigOutput) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) routes load").matcher(checkConfigOutput);
        assertThat(m.find()).as(checkConfigOutput).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aHomeRouteFileReplacesThePackagedFileOfTheSameNameAndKeepsTheOthers() throws Exception {
        Path routes = Files.createDirectories(home.resolve("routes"));
        assertThat(run("check-config")).as(err.toString()).isZero();
        int packaged = routesLoaded(out.toString());
        // an offline user replaces the curated sources with their own one
        Files.writeString(routes.resolve("sources.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: feed
                    routeId: source-mine
                    parameters:
                      - {name: name, value: mine}
                      - {name: url, value: "https://mfa.example/rss"}
                """, StandardCharsets.UTF_8);
        out.getBuffer().setLength(0);
        assertThat(run("check-config")).as(err.toString()).isZero();
        long curated;
        try (var in = getClass().getClassLoader().getResourceAsStream("routes/sources.camel.yaml")) {
            curated = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.contains("routeTemplateRef")).count();
        }
        assertThat(curated).isGreaterThanOrEqualTo(10);
        assertThat(routesLoaded(out.toString())).isEqualTo(packaged - (int) curated + 1);
        assertThat(out.toString()).doesNotContain("classpath:routes/sources.camel.yaml")
                .contains("classpath:routes/ingest-inbox.camel.yaml");
    }
}
