package org.dipwatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polling sources against a real HTTP server on 127.0.0.1, through the real pipeline into
 * {@code seeds/}: conditional re-polls, only new items processed, validators kept across a
 * restart, Retry-After and per-host exclusion, and list pages whose articles are fetched once.
 */
class SourcePollerTest {

    @TempDir
    Path home;
    private FixtureServer server;
    private Pipeline pipeline;
    private SourcePoller poller;
    private Settings settings;

    @BeforeEach
    void open() {
        TestHome.create(home);
        server = new FixtureServer();
        // the fixtures' items date from November 2026: every item alerts, also on a first poll, unless a test says otherwise
        settings = Settings.of(home, Map.of("dipwatch.sources.host-delay-ms", "0", "dipwatch.sources.jitter-seconds", "0",
                "dipwatch.sources.max-wait-ms", "1000", "dipwatch.sources.backoff-ms", "60000",
                "dipwatch.sources.first-poll-alert-hours", "1000000"));
        start();
    }

    private void start() {
        pipeline = Pipeline.open(settings, new Metrics(new SimpleMeterRegistry()));
        poller = Daemon.sourcePoller(settings, pipeline, new Metrics(new SimpleMeterRegistry()));
    }

    /** A poll, then the wait until the pipeline judged what it handed over: what a user sees once the queue drained. */
    private SourcePoller.Report poll(SourcePoller p, SourceSpec spec) {
        SourcePoller.Report report = p.poll(spec);
        assertThat(pipeline.awaitIdle(java.time.Duration.ofSeconds(60))).as("the pipeline drained").isTrue();
        return report;
    }

    @AfterEach
    void close() {
        pipeline.close();
        server.close();
    }

    static String rss(String... items) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>MFA</title>\n");
        for (String item : items) {
            s.append(item).append('\n');
        }
        return s.append("</channel></rss>\n").toString();
    }

    static String item(int n, String title, String text) {
        return "<item><guid>urn:mfa:" + n + "</guid><link>https://mfa.example/news/" + n + "</link><title>" + title
                + "</title><pubDate>Fri, 20 Nov 2026 10:0" + (n % 10) + ":00 GMT</pubDate><description>" + text
                + "</description></item>";
    }

    private List<String> newSeeds() {
        return TestHome.list(home.resolve("seeds")).stream().filter(n -> !TestHome.ORIGINALS.contains(n))
                .filter(n -> !n.startsWith(".")).toList();
    }

    private String seedsText() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String n : newSeeds()) {
            all.append(Files.readString(home.resolve("seeds").resolve(n))).append('\n');
        }
        return all.toString();
    }

    private SourceSpec feed(String name, String path) {
        return SourceSpec.of("feed", Map.of("name", name, "url", server.url(path)));
    }

    @Test
    void unchangedFeedIsAskedWithItsValidatorsAndAChangedOneGivesOnlyItsNewItems() throws IOException {
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(
                item(1, "Minister meets Egyptian counterpart", "The foreign minister met his Egyptian counterpart in Cairo."),
                item(2, "Statement on the Black Sea", "The ministry issued a statement on shipping in the Black Sea."))).withEtag("\"v1\""));
        SourcePoller.Report first = poll(poller, feed("mfa", "/rss"));
        assertThat(first.outcome()).isEqualTo("new");
        assertThat(first.processed()).isEqualTo(2);
        assertThat(newSeeds()).hasSize(2);

        SourcePoller.Report second = poll(poller, feed("mfa", "/rss"));
        assertThat(second.outcome()).isEqualTo("unchanged");
        assertThat(server.requests()).last().isEqualTo(new FixtureServer.Request("/rss", "\"v1\"", 304));
        assertThat(newSeeds()).hasSize(2);

        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(
                item(3, "Talks on Libya in Moscow", "Moscow hosted talks on Libya with the envoys of both governments."),
                item(1, "Minister meets Egyptian counterpart", "The foreign minister met his Egyptian counterpart in Cairo."),
                item(2, "Statement on the Black Sea", "The ministry issued a statement on shipping in the Black Sea."))).withEtag("\"v2\""));
        SourcePoller.Report third = poll(poller, feed("mfa", "/rss"));
        assertThat(third.processed()).isEqualTo(1);
        assertThat(newSeeds()).hasSize(3);
        assertThat(seedsText()).contains("Talks on Libya in Moscow");
        assertThat(poller.states().get("mfa").orElseThrow().itemsSeen()).isEqualTo(3);
    }

    @Test
    void anItemWhoseTextChangedIsANewVersion() throws IOException {
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(
                item(1, "Statement on Gaza", "The ministry calls for a ceasefire in Gaza."))));
        poll(poller, feed("mfa", "/rss"));
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(
                item(1, "Statement on Gaza (updated)", "The ministry calls for an immediate and lasting ceasefire in Gaza."))));
        SourcePoller.Report again = poll(poller, feed("mfa", "/rss"));
        // handed to the pipeline again as a second version; its exact dedup (same article URL) has the say
        assertThat(again.processed()).isEqualTo(1);
        assertThat(pipeline.stages().corpus().index().arrivals()).filteredOn(a -> a.source().equals("mfa"))
                .extracting(org.dipwatch.corpus.Arrival::verdict).containsExactly(org.dipwatch.model.Verdict.NEW, org.dipwatch.model.Verdict.DUPLICATE);
        assertThat(newSeeds()).hasSize(1);
        // one item in two versions: /api/sources counts it once
        assertThat(poller.states().get("mfa").orElseThrow().summary()).containsEntry("itemsSeen", 1L);
        // the same version again is not handed over
        assertThat(poll(poller, feed("mfa", "/rss")).processed()).isZero();
    }

    @Test
    void whatAPollChangesIsWrittenBehindAtTheNextFlushForEverySourceAtOnce() {
        server.serve("/a", FixtureServer.Answer.of("application/rss+xml", rss(item(1, "Statement on Gaza", "A ceasefire in Gaza.")))
                .withEtag("\"a1\""));
        server.serve("/b", FixtureServer.Answer.of("application/rss+xml", rss(item(2, "Statement on Sudan", "Talks on Sudan.")))
                .withEtag("\"b1\""));
        poll(poller, feed("a", "/a"));
        poll(poller, feed("b", "/b"));
        poller.states().flush();
        server.serve("/a", FixtureServer.Answer.of("application/rss+xml", rss(item(1, "Statement on Gaza", "A ceasefire in Gaza."),
                item(3, "Statement on Lebanon", "Strikes on Lebanon."))).withEtag("\"a2\""));
        server.serve("/b", FixtureServer.Answer.of("application/rss+xml", rss(item(2, "Statement on Sudan", "Talks on Sudan."),
                item(4, "Statement on Yemen", "Talks on Yemen."))).withEtag("\"b2\""));
        poll(poller, feed("a", "/a"));
        poll(poller, feed("b", "/b"));
        // the poller knows at once; another reader of the index sees the state of the last flush
        assertThat(poller.states().get("a").orElseThrow().etag()).isEqualTo("\"a2\"");
        assertThat(new SourceStates(pipeline.stages().corpus().index().dataSource()).get("a").orElseThrow().etag()).isEqualTo("\"a1\"");
        assertThat(poller.states().flush()).isEqualTo(2);
        SourceStates afterFlush = new SourceStates(pipeline.stages().corpus().index().dataSource());
        assertThat(afterFlush.get("a").orElseThrow().etag()).isEqualTo("\"a2\"");
        assertThat(afterFlush.get("b").orElseThrow().etag()).isEqualTo("\"b2\"");
        assertThat(afterFlush.get("b").orElseThrow().itemsSeen()).isEqualTo(2);
        // nothing changed since: nothing to write
        assertThat(poller.states().flush()).isZero();
    }

    @Test
    void aRestartKeepsTheValidatorsAndTheSeenItems() {
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(
                item(1, "Minister meets Egyptian counterpart", "The foreign minister met his Egyptian counterpart in Cairo.")))
                .withEtag("\"abc\""));
        poll(poller, feed("mfa", "/rss"));
        poller.states().flush(); // as the daemon's stop does before it closes the index
        pipeline.close();
        start();
        SourcePoller.Report afterRestart = poll(poller, feed("mfa", "/rss"));
        assertThat(afterRestart.outcome()).isEqualTo("unchanged");
        assertThat(server.requests()).last().isEqualTo(new FixtureServer.Request("/rss", "\"abc\"", 304));
        // a server that forgets its ETag sends the feed again: the item is known, nothing is processed
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(
                item(1, "Minister meets Egyptian counterpart", "The foreign minister met his Egyptian counterpart in Cairo."))));
        assertThat(poll(poller, feed("mfa", "/rss")).processed()).isZero();
        assertThat(newSeeds()).hasSize(1);
    }

    @Test
    void aSourceMovedToAnotherAddressForgetsTheOldValidators() {
        FixtureServer.Answer feed = FixtureServer.Answer.of("application/rss+xml", rss(
                item(1, "Minister meets Egyptian counterpart", "The foreign minister met his Egyptian counterpart in Cairo.")))
                .withEtag("\"abc\"");
        server.serve("/rss", feed);
        server.serve("/moved", feed);
        poll(poller, feed("mfa", "/rss"));
        poll(poller, feed("mfa", "/moved"));
        assertThat(server.requests()).last().isEqualTo(new FixtureServer.Request("/moved", null, 200));
        poll(poller, feed("mfa", "/moved"));
        assertThat(server.requests()).last().isEqualTo(new FixtureServer.Request("/moved", "\"abc\"", 304));
        assertThat(poller.states().get("mfa").orElseThrow().url()).isEqualTo(server.url("/moved"));
    }

    @Test
    void retryAfterHoldsEverySourceOfTheHostAndAFailureBacksOff() {
        server.serve("/busy", new FixtureServer.Answer(429, "text/plain", "slow down".getBytes(), null, Map.of("Retry-After", "30")));
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(item(1, "Statement", "Text of the statement."))));
        Instant before = Instant.now();
        SourcePoller.Report busy = poll(poller, feed("busy", "/busy"));
        assertThat(busy.outcome()).isEqualTo("error");
        assertThat(busy.error()).contains("busy").contains("429");
        SourceState state = poller.states().get("busy").orElseThrow();
        assertThat(state.consecutiveFailures()).isEqualTo(1);
        assertThat(state.lastError()).contains("source busy").contains("answered 429");
        // the next request to the host is 30 s away: the source waits at least that long
        assertThat(Duration.between(before, state.nextAttemptAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        // another source on the same host does not ask it before then either
        SourcePoller.Report other = poll(poller, feed("other", "/rss"));
        assertThat(other.outcome()).isEqualTo("backoff");
        assertThat(server.count("/rss")).isZero();
        // and the failed source is not polled again during its backoff
        assertThat(poll(poller, feed("busy", "/busy")).outcome()).isEqualTo("backoff");
        assertThat(server.count("/busy")).isEqualTo(1);
    }

    @Test
    void backoffDoublesPerFailureWithinItsCap() {
        assertThat(poller.backoff(1).toMillis()).isBetween(48_000L, 72_000L);
        assertThat(poller.backoff(3).toMillis()).isBetween(192_000L, 288_000L);
        assertThat(poller.backoff(40)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void twoSourcesOnOneHostNeverFetchAtTheSameTime() throws Exception {
        server.delay(150);
        for (int i = 0; i < 4; i++) {
            server.serve("/rss" + i, FixtureServer.Answer.of("application/rss+xml",
                    rss(item(10 + i, "Statement " + i, "Text of statement number " + i + " on the talks."))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<SourcePoller.Report>> polls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SourceSpec s = feed("s" + i, "/rss" + i);
            polls.add(pool.submit(() -> poll(poller, s)));
        }
        for (Future<SourcePoller.Report> f : polls) {
            assertThat(f.get().outcome()).isEqualTo("new");
        }
        pool.shutdown();
        assertThat(server.requests()).hasSize(4);
        assertThat(server.maxInFlight()).isEqualTo(1);
    }

    @Test
    void fullTextTakesTheArticleFromTheItemsPageAndFallsBackToTheFeed() throws IOException {
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(
                "<item><guid>a</guid><link>" + server.url("/news/a") + "</link><title>Talks in Cairo</title><description>Short summary only."
                        + "</description></item>",
                "<item><guid>b</guid><link>" + server.url("/news/missing") + "</link><title>Talks in Doha</title><description>"
                        + "The summary of the Doha talks, all the feed has.</description></item>")));
        server.serve("/news/a", FixtureServer.Answer.of("text/html; charset=utf-8", """
                <html><head><title>Talks in Cairo</title></head><body><nav>Home | News</nav><article><h1>Talks in Cairo</h1>
                <p>The foreign ministers of Egypt and Jordan met in Cairo on Thursday to discuss the situation in Gaza.</p>
                <p>They agreed to coordinate their positions ahead of the Arab League summit next month in Baghdad.</p>
                </article><footer>Copyright</footer></body></html>"""));
        SourceSpec spec = SourceSpec.of("feed", Map.of("name", "mfa", "url", server.url("/rss"), "fullText", "true"));
        assertThat(poll(poller, spec).processed()).isEqualTo(2);
        String text = seedsText();
        assertThat(text).contains("agreed to coordinate their positions").doesNotContain("Short summary only")
                .doesNotContain("Copyright");
        assertThat(text).contains("The summary of the Doha talks, all the feed has.");
    }

    @Test
    void aPageSourceFindsNewLinksAndFetchesEachArticleOnce() throws IOException {
        server.serve("/news", FixtureServer.Answer.of("text/html; charset=utf-8", listPage("/news/1", "/news/2")));
        server.serve("/news/1", article("Minister receives the ambassador of Qatar",
                "The minister received the ambassador of Qatar and discussed mediation efforts in Sudan."));
        server.serve("/news/2", article("Statement on the elections in Georgia",
                "The ministry takes note of the preliminary results of the parliamentary elections in Georgia."));
        SourceSpec spec = SourceSpec.of("page", Map.of("name", "mfa-news", "url", server.url("/news"),
                "itemSelector", "ul.news li", "linkSelector", "a", "dateSelector", "time"));
        assertThat(poll(poller, spec).processed()).isEqualTo(2);
        assertThat(seedsText()).contains("mediation efforts in Sudan").contains("elections in Georgia")
                .contains("date 2026-11-19");

        server.serve("/news", FixtureServer.Answer.of("text/html; charset=utf-8", listPage("/news/3", "/news/1", "/news/2")));
        server.serve("/news/3", article("Phone call with the Turkish foreign minister",
                "The minister had a phone call with the Turkish foreign minister about the situation in Syria."));
        assertThat(poll(poller, spec).processed()).isEqualTo(1);
        assertThat(server.count("/news/1")).isEqualTo(1);
        assertThat(server.count("/news/2")).isEqualTo(1);
        assertThat(server.count("/news/3")).isEqualTo(1);
        assertThat(newSeeds()).hasSize(3);
        assertThat(seedsText()).contains("situation in Syria");
    }

    @Test
    void aPageWhoseSelectorsFindNothingFailsWithAClearError() {
        server.serve("/news", FixtureServer.Answer.of("text/html", "<html><body><p>Redesigned site</p></body></html>"));
        SourceSpec spec = SourceSpec.of("page", Map.of("name", "mfa-news", "url", server.url("/news"),
                "itemSelector", "ul.news li", "linkSelector", "a"));
        SourcePoller.Report r = poll(poller, spec);
        assertThat(r.outcome()).isEqualTo("error");
        assertThat(r.error()).contains("mfa-news").contains("ul.news li");
    }

    @Test
    void anUnreachableSourceFailsWithAMessageAPersonCanActOn() {
        int closed = TestHome.freePort();
        SourcePoller.Report r = poll(poller, SourceSpec.of("feed", Map.of("name", "gone", "url", "http://127.0.0.1:" + closed + "/rss")));
        assertThat(r.outcome()).isEqualTo("error");
        assertThat(r.error()).isEqualTo("source gone: fetch http://127.0.0.1:" + closed + "/rss: the connection was refused or could not be made");
        assertThat(poller.states().get("gone").orElseThrow().lastError()).isEqualTo(r.error());
    }

    @Test
    void eachSourceWaitsItsOwnFixedJitterAndAStoppingDaemonEndsTheWait() throws Exception {
        Settings jittery = Settings.of(home, Map.of("dipwatch.sources.jitter-seconds", "30"));
        SourcePoller p = Daemon.sourcePoller(jittery, pipeline, new Metrics(new SimpleMeterRegistry()));
        assertThat(p.jitter("mfa-ru-en")).isEqualTo(p.jitter("mfa-ru-en")).isLessThan(Duration.ofSeconds(30));
        List<String> names = List.of("a", "b", "mfa-1", "mfa-2", "tass-en", "tass-ru", "kremlin", "un-news");
        // spread over the window, not bunched at its start
        assertThat(names.stream().map(p::jitter).distinct()).hasSize(names.size());
        assertThat(names.stream().filter(n -> p.jitter(n).toSeconds() >= 10)).isNotEmpty();
        String name = names.stream().filter(n -> p.jitter(n).toMillis() > 5000).findFirst().orElseThrow();
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(item(1, "Statement", "Text of the statement."))));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        long t0 = System.nanoTime();
        Future<SourcePoller.Report> r = pool.submit(() -> p.trigger(Map.of("sourceKind", "feed", "name", name, "url", server.url("/rss"))));
        Thread.sleep(300);
        assertThat(r.isDone()).isFalse();
        p.stop();
        assertThat(r.get(2, java.util.concurrent.TimeUnit.SECONDS).outcome()).isEqualTo("stopping");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(server.requests()).isEmpty();
        pool.shutdown();
    }

    @Test
    void eachPollTellsTheHealthWatcherTheSourcesOwnSilenceLimit() throws Exception {
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(item(1, "Statement", "Text of the statement."))));
        List<Duration> told = new ArrayList<>();
        poller.watcher((state, silentAfter, now) -> told.add(silentAfter));
        poller.trigger(Map.of("sourceKind", "feed", "name", "daily", "url", server.url("/rss"), "silentAfterHours", "24"));
        poller.trigger(Map.of("sourceKind", "feed", "name", "usual", "url", server.url("/rss"), "silentAfterHours", ""));
        assertThat(told).containsExactly(Duration.ofHours(24), null);
    }

    private SourcePoller pollerWith(SimpleMeterRegistry registry, String... settingsAndValues) {
        Map<String, String> overrides = new java.util.HashMap<>(Map.of("dipwatch.sources.host-delay-ms", "0",
                "dipwatch.sources.jitter-seconds", "0", "dipwatch.sources.max-wait-ms", "1000"));
        for (int i = 0; i < settingsAndValues.length; i += 2) {
            overrides.put(settingsAndValues[i], settingsAndValues[i + 1]);
        }
        return Daemon.sourcePoller(Settings.of(home, overrides), pipeline, new Metrics(registry));
    }

    @Test
    void aBrokenArticleLinkIsRetriedAtDoublingGapsThenGivenUpAndCountedOnce() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SourcePoller p = pollerWith(registry, "dipwatch.sources.item-max-attempts", "3");
        // /news/broken is never served (404); /news/late fails at first, then comes back
        server.serve("/news", FixtureServer.Answer.of("text/html; charset=utf-8", listPage("/news/late", "/news/broken", "/news/1")));
        server.serve("/news/1", article("Minister receives the ambassador of Qatar",
                "The minister received the ambassador of Qatar and discussed mediation efforts in Sudan."));
        SourceSpec spec = SourceSpec.of("page", Map.of("name", "mfa-news", "url", server.url("/news"),
                "itemSelector", "ul.news li", "linkSelector", "a"));
        List<Long> attemptsAfterEachPoll = new ArrayList<>();
        for (int poll = 1; poll <= 7; poll++) {
            if (poll == 3) {
                server.serve("/news/late", article("Statement on the elections in Georgia",
                        "The ministry takes note of the preliminary results of the parliamentary elections in Georgia."));
            }
            assertThat(poll(p, spec).outcome()).as("poll " + poll).isIn("new", "unchanged");
            attemptsAfterEachPoll.add(server.count("/news/broken"));
        }
        // attempts at polls 1, 2, then one poll skipped, then given up at the 3rd: never fetched again
        assertThat(attemptsAfterEachPoll).containsExactly(1L, 2L, 2L, 3L, 3L, 3L, 3L);
        SourceStates.ItemFailure broken = p.states().itemFailures("mfa-news").stream()
                .filter(f -> f.link().endsWith("/news/broken")).findFirst().orElseThrow();
        assertThat(broken.attempts()).isEqualTo(3);
        assertThat(broken.gaveUp()).isTrue();
        assertThat(broken.lastError()).isEqualTo("page mfa-news: article " + server.url("/news/broken")
                + " could not be read: fetch " + server.url("/news/broken") + ": answered 404");
        // the article that came back was taken at its next attempt and its failures forgotten
        assertThat(server.count("/news/late")).isEqualTo(3);
        assertThat(p.states().itemFailures("mfa-news")).hasSize(1);
        assertThat(server.count("/news/1")).isEqualTo(1);
        assertThat(registry.counter("dipwatch.source.items", "source", "mfa-news", "outcome", "failed").count())
                .isEqualTo(1.0);
        assertThat(registry.counter("dipwatch.source.items", "source", "mfa-news", "outcome", "new").count())
                .isEqualTo(2.0);
    }

    @Test
    void aPollTakesAtMostMaxItemsPerPollOldestFirstAndTheRestAtTheNextPolls() throws IOException {
        SourcePoller p = pollerWith(new SimpleMeterRegistry(), "dipwatch.sources.max-items-per-poll", "2");
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(
                item(5, "Ceasefire in Yemen", "Envoys welcomed the truce agreed in Muscat between the warring parties of Yemen."),
                item(4, "Elections in Libya", "The ministry urged both Libyan governments to agree on an electoral law."),
                item(3, "Sanctions on Mali", "Regional leaders lifted the economic sanctions imposed on the junta in Bamako."),
                item(2, "Mission to Haiti", "A police mission led by Kenya will deploy to Port-au-Prince next month."),
                item(1, "Floods in Chad", "Humanitarian aid was sent to N'Djamena after the river burst its banks."))).withEtag("\"v1\""));
        SourceSpec spec = feed("mfa", "/rss");
        assertThat(poll(p, spec).processed()).isEqualTo(2);
        assertThat(seedsText()).contains("N'Djamena").contains("Port-au-Prince").doesNotContain("Bamako");
        // the feed has not changed: the next poll asks with its ETag and, answered 304, takes the items it kept
        assertThat(poll(p, spec).processed()).isEqualTo(2);
        assertThat(seedsText()).contains("Bamako").contains("electoral law").doesNotContain("Muscat");
        assertThat(poll(p, spec).processed()).isEqualTo(1);
        assertThat(newSeeds()).hasSize(5);
        // nothing waits any more: 304 is just unchanged
        assertThat(poll(p, spec).outcome()).isEqualTo("unchanged");
        assertThat(server.requests()).extracting(FixtureServer.Request::ifNoneMatch)
                .containsExactly(null, "\"v1\"", "\"v1\"", "\"v1\"");
        assertThat(server.requests()).extracting(FixtureServer.Request::status).containsExactly(200, 304, 304, 304);

        // a list page in the same way: the oldest links first
        server.serve("/news", FixtureServer.Answer.of("text/html; charset=utf-8", listPage("/news/c", "/news/b", "/news/a")));
        for (String n : List.of("a", "b", "c")) {
            server.serve("/news/" + n, article("Article " + n, "The ministry published statement " + n + " on the talks in Doha."));
        }
        // one request each: the page source's counts below are its articles' fetches
        SourceSpec page = SourceSpec.of("page", Map.of("name", "list", "url", server.url("/news"),
                "itemSelector", "ul.news li", "linkSelector", "a"));
        assertThat(poll(p, page).processed()).isEqualTo(2);
        assertThat(server.count("/news/c")).isZero();
        assertThat(poll(p, page).processed()).isEqualTo(1);
        assertThat(server.count("/news/c")).isEqualTo(1);
    }

    @Test
    void itemsAPollLeftWaitingAreTakenAfterARestartFromTheFeedInFull() throws IOException {
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(
                item(3, "Sanctions on Mali", "Regional leaders lifted the economic sanctions imposed on the junta in Bamako."),
                item(2, "Mission to Haiti", "A police mission led by Kenya will deploy to Port-au-Prince next month."),
                item(1, "Floods in Chad", "Humanitarian aid was sent to N'Djamena after the river burst its banks."))).withEtag("\"v1\""));
        SourceSpec spec = feed("mfa", "/rss");
        assertThat(poll(pollerWith(new SimpleMeterRegistry(), "dipwatch.sources.max-items-per-poll", "2"), spec).processed())
                .isEqualTo(2);
        poller.states().flush(); // the daemon's stop
        pipeline.close();
        start();
        // the items kept in memory are gone with the process; the state kept no validators, so the feed comes in full
        assertThat(poll(pollerWith(new SimpleMeterRegistry(), "dipwatch.sources.max-items-per-poll", "2"), spec).processed())
                .isEqualTo(1);
        assertThat(seedsText()).contains("Bamako");
        assertThat(server.requests()).extracting(FixtureServer.Request::status).containsExactly(200, 200);
    }

    /** The language the index stores for the article of this title. */
    private String storedLanguage(String title) throws java.sql.SQLException {
        try (java.sql.Connection c = pipeline.stages().corpus().index().dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT language FROM article WHERE title = ?")) {
            ps.setString(1, title);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("an article titled " + title).isTrue();
                return rs.getString(1);
            }
        }
    }

    @Test
    void aFirstPollStoresTheBackCatalogueButAlertsOnlyWhatIsRecent() throws Exception {
        pipeline.close();
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: everything
                    filter: { verdicts: [new, same_story] }
                    webhook: { url: "http://127.0.0.1:9/hook", secret: "s" }
                """);
        settings = Settings.of(home, Map.of("dipwatch.sources.host-delay-ms", "0", "dipwatch.sources.jitter-seconds", "0",
                "dipwatch.sources.first-poll-alert-hours", "24"));
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        pipeline = Pipeline.open(settings, new Metrics(registry));
        poller = Daemon.sourcePoller(settings, pipeline, new Metrics(registry));
        java.time.format.DateTimeFormatter rfc = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME;
        String today = rfc.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusHours(1));
        String lastWeek = rfc.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusDays(8));
        java.util.function.BiFunction<Integer, String, String> dated = (n, date) -> item(n, TITLES[n], TEXTS[n])
                .replaceFirst("<pubDate>[^<]*</pubDate>", "<pubDate>" + date + "</pubDate>");
        String undated = item(3, TITLES[3], TEXTS[3]).replaceFirst("<pubDate>[^<]*</pubDate>", "");
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(dated.apply(1, lastWeek), dated.apply(2, today),
                undated)));

        assertThat(poll(poller, feed("mfa", "/rss")).processed()).isEqualTo(3);

        // all three are in the corpus, and only the item of the last day alerted
        assertThat(newSeeds()).hasSize(3);
        assertThat(outboxTitles()).containsExactly(TITLES[2]);
        assertThat(registry.get("dipwatch.alerts.withheld").tag("source", "mfa").counter().count()).isEqualTo(2.0);
        // a later poll alerts every new item, however old its date
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(dated.apply(1, lastWeek), dated.apply(2, today),
                undated, dated.apply(4, lastWeek))));
        assertThat(poll(poller, feed("mfa", "/rss")).processed()).isEqualTo(1);
        assertThat(outboxTitles()).containsExactly(TITLES[2], TITLES[4]);
    }

    private static final String[] TITLES = {"", "Lavrov meets the envoy of Qatar on Sudan",
        "Statement on the elections in Georgia", "Phone call with the Turkish foreign minister on Syria",
        "Consultations with the Deputy Foreign Minister of Vietnam"};
    private static final String[] TEXTS = {"", "The foreign minister received the ambassador of Qatar and discussed mediation in Sudan.",
        "The ministry takes note of the preliminary results of the parliamentary elections in Georgia.",
        "The minister had a phone call with the Turkish foreign minister about the situation in Syria.",
        "Deputy ministers held consultations on trade and a visit of the Vietnamese prime minister to Moscow."};

    /** The titles of the alerts in the outbox, oldest first. */
    private List<String> outboxTitles() throws java.sql.SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (java.sql.Connection c = pipeline.stages().corpus().index().dataSource().getConnection();
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT a.title FROM alert_outbox o JOIN article a ON a.file_name = o.article_file ORDER BY o.id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void aSourcesDeclaredLanguageIsItsArticlesLanguageAndAutoDetectsIt() throws Exception {
        pipeline.close();
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: russian-desk
                    filter: { language: [ru] }
                    webhook: { url: "http://127.0.0.1:9/hook", secret: "s" }
                """);
        start();
        // Ukrainian words, so Lingua would say uk: only the declared language, written in the same script, makes them ru;
        // an English item of the same source is in another script than the declared language, and is detected
        server.serve("/ru", FixtureServer.Answer.of("application/rss+xml", rss(item(1, "Lavrov meets the envoy of Qatar",
                "Міністр закордонних справ прийняв посла Катару та обговорив зусилля з посередництва в Судані."),
                item(3, "Ministry comments on the summit", "The ministry comments on the outcome of the summit in Geneva."))));
        server.serve("/auto", FixtureServer.Answer.of("application/rss+xml", rss(item(2, "Statement on the elections in Georgia",
                "The ministry takes note of the preliminary results of the parliamentary elections in Georgia."))));
        server.serve("/list", FixtureServer.Answer.of("text/html; charset=utf-8", listPage("/news/7")));
        server.serve("/news/7", article("Phone call with the Turkish foreign minister",
                "Міністр провів телефонну розмову з міністром закордонних справ Туреччини щодо ситуації в Сирії."));
        poll(poller, SourceSpec.of("feed", Map.of("name", "mid-ru", "url", server.url("/ru"), "language", "ru")));
        poll(poller, SourceSpec.of("feed", Map.of("name", "mfa-auto", "url", server.url("/auto"), "language", "auto")));
        // dated by its list entry: on a first poll an undated item is taken for the back catalogue and alerts nobody
        poll(poller, SourceSpec.of("page", Map.of("name", "mid-list", "url", server.url("/list"), "language", "ru",
                "itemSelector", "ul.news li", "linkSelector", "a", "dateSelector", "time")));

        assertThat(storedLanguage("Lavrov meets the envoy of Qatar")).isEqualTo("ru");
        assertThat(storedLanguage("Phone call with the Turkish foreign minister")).isEqualTo("ru");
        assertThat(storedLanguage("Statement on the elections in Georgia")).isEqualTo("en");
        assertThat(storedLanguage("Ministry comments on the summit")).as("declared ru, written in Latin script").isEqualTo("en");
        // the subscription's language filter sees the declared language: two alerts, none for the detected en
        try (java.sql.Connection c = pipeline.stages().corpus().index().dataSource().getConnection();
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM alert_outbox WHERE subscription_id = 'russian-desk'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
        // a reindex classifies each article again: the declared language stays, the detected one is detected
        pipeline.reindex();
        assertThat(storedLanguage("Lavrov meets the envoy of Qatar")).isEqualTo("ru");
        assertThat(storedLanguage("Statement on the elections in Georgia")).isEqualTo("en");
    }

    static String listPage(String... paths) {
        StringBuilder s = new StringBuilder("<html><body><h1>News</h1><ul class=\"news\">");
        for (String p : paths) {
            s.append("<li><a href=\"").append(p).append("\">Entry ").append(p).append("</a> <time datetime=\"2026-11-19\">19 Nov</time></li>");
        }
        return s.append("</ul><footer><a href=\"/about\">About</a></footer></body></html>").toString();
    }

    static FixtureServer.Answer article(String title, String text) {
        return FixtureServer.Answer.of("text/html; charset=utf-8", "<html><head><title>" + title + "</title></head><body><article><h1>"
                + title + "</h1><p>" + text + "</p><p>" + text.replace("The", "Moreover, the") + "</p></article></body></html>");
    }

    @Test
    void aPollAnswered304WhileTheItemsOfTheLastAreJudgedCountsOnlyOnceTheyAreInTheCorpus() throws Exception {
        server.serve("/rss", FixtureServer.Answer.of("application/rss+xml", rss(
                item(1, "Minister meets Egyptian counterpart", "The foreign minister met his Egyptian counterpart in Cairo."),
                item(2, "Statement on the Black Sea", "The ministry issued a statement on shipping in the Black Sea."))).withEtag("\"v1\""));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        java.util.concurrent.CountDownLatch judging = new java.util.concurrent.CountDownLatch(1);
        // the pipeline holds the items in the transaction that records them until the test lets go
        SourcePoller.Intake held = (draft, name, source, intakeKey, alerts, seen) -> pipeline.submit(new Pipeline.Intake(name,
                source, () -> new Pipeline.Read(draft, intakeKey), alerts, (c, r) -> {
                    try {
                        judging.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    seen.write(c, r);
                }), pipeline.offerWait());
        SourcePoller p = new SourcePoller(new org.dipwatch.ingest.FeedFetcher("test", Duration.ofSeconds(10), 3, Duration.ZERO),
                new org.dipwatch.source.SourceStates(pipeline.stages().corpus().index().dataSource()), held, new Metrics(registry),
                new SourcePoller.Policy(true, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO, Duration.ofSeconds(5),
                        100, 3, Duration.ofDays(100000)), java.time.Clock.systemUTC());
        SourceSpec spec = feed("mfa", "/rss");
        try {
            assertThat(p.poll(spec).outcome()).isEqualTo("new");
            assertThat(p.poll(spec).outcome()).as("the feed did not change").isEqualTo("unchanged");
            assertThat(server.requests()).last().isEqualTo(new FixtureServer.Request("/rss", "\"v1\"", 304));
            // neither poll is complete while its items are not in the corpus: the source is not caught up
            assertThat(registry.find(Metrics.SOURCE_POLLS).counters()).isEmpty();
        } finally {
            judging.countDown();
        }
        assertThat(pipeline.awaitIdle(Duration.ofSeconds(30))).isTrue();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> registry.find(Metrics.SOURCE_POLLS).counters().size() == 2);
        assertThat(registry.get(Metrics.SOURCE_POLLS).tag("outcome", "new").counter().count()).isEqualTo(1);
        assertThat(registry.get(Metrics.SOURCE_POLLS).tag("outcome", "unchanged").counter().count()).isEqualTo(1);
        assertThat(newSeeds()).hasSize(2);
    }
}
