package org.dipwatch.page;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dipwatch.alert.Outbox;
import org.dipwatch.api.CorpusQuery;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;
import org.dipwatch.source.SourceState;

/**
 * What the templates of the status page show, as records of plain text the templates print
 * (FreeMarker escapes every value for HTML): a source and its health, an article with its tags,
 * a story with the outlets that also reported it, the alerts' outbox. Times are shown in UTC.
 */
public final class PageModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private PageModel() {
    }

    /**
     * A source at a glance.
     *
     * @param name      its name
     * @param kind      {@code feed} or {@code page}
     * @param url       what it polls
     * @param health    {@code up}, {@code down}, {@code silent} (answers, but has listed nothing new for longer than it
     *                  may) or {@code waiting} (not polled yet)
     * @param lastPoll  when it was last polled, or empty
     * @param lastError its last error with when it happened, or empty
     * @param failures  failed polls in a row
     * @param itemsSeen distinct items it has listed
     */
    public record Source(String name, String kind, String url, String health, String lastPoll, String lastError, int failures,
                         long itemsSeen) {

        static Source of(SourceState s) {
            String health = s.lastPollAt() == null ? "waiting" : !s.up() ? "down" : "silent".equals(s.alertState()) ? "silent" : "up";
            String error = s.lastError() == null ? "" : s.lastError() + (s.lastErrorAt() == null ? "" : " (" + time(s.lastErrorAt()) + ")");
            return new Source(s.name(), s.kind(), link(s.url()), health, time(s.lastPollAt()), error, s.consecutiveFailures(), s.itemsSeen());
        }
    }

    /**
     * An article in a list or on its own page.
     *
     * @param id       its id, the file name without {@code .txt}
     * @param title    its headline; for one without (a dropped text file), the kind of statement and who speaks
     *                 ("Phone call · Mikhail Bogdanov"), else its id: naming it from its text would read a file
     *                 for each article listed
     * @param source   where it came from
     * @param date     its publication date, or empty
     * @param url      where it was published, or empty
     * @param verdict  how it was judged
     * @param story    its story, or empty
     * @param stored   when it was stored
     * @param actors   its actors' names, the most salient first
     * @param regions  its places' names, the most salient first
     * @param speaker  who speaks, or empty
     * @param kind     the kind of statement, or empty
     * @param language its language, or empty
     */
    public record Article(String id, String title, String source, String date, String url, String verdict, String story, String stored,
                          List<String> actors, List<String> regions, String speaker, String kind, String language) {

        static Article of(CorpusQuery.ArticleItem a) {
            Classification c = a.tags() == null ? null : JSON.convertValue(a.tags(), Classification.class);
            List<String> actors = c == null ? List.of() : c.actors().stream().map(PageModel::name).distinct().toList();
            List<String> regions = c == null ? List.of() : c.regions().stream().map(PageModel::name).distinct().toList();
            String speaker = c == null || c.speaker() == null || c.speaker().actor() == null ? "" : name(c.speaker().actor());
            String title = a.title() != null && !a.title().isBlank() ? a.title() : untitled(c, a.id());
            return new Article(a.id(), title, a.source(),
                    a.date() == null ? "" : a.date().toString(), link(a.url()), a.verdict(),
                    a.story() == null ? "" : a.story(), time(a.storedAt()), actors, regions, speaker,
                    c == null || c.kind() == null ? "" : c.kind().replace('_', ' '), c == null || c.language() == null ? "" : c.language());
        }
    }

    /**
     * A story: its first report, the others that also reported it, and how many more there are.
     *
     * @param id      its id
     * @param reports how many articles report it
     * @param lead    its first report
     * @param also    the other reports shown (the latest ones), newest first
     * @param more    how many other reports are not shown
     */
    public record Story(String id, int reports, Article lead, List<Article> also, int more) {
    }

    /**
     * The alerts: the outbox by status, the lanes that wait (failing ones with their error), and
     * the latest attempts.
     *
     * @param delivered alerts delivered
     * @param pending   alerts waiting to be delivered (or retried)
     * @param dead      alerts given up (dead letters, replayed with the CLI or the API)
     * @param lanes     the lanes (subscription and channel) with alerts waiting
     * @param attempts  the latest delivery attempts, newest first
     */
    public record Alerts(long delivered, long pending, long dead, List<Lane> lanes, List<Attempt> attempts) {

        static Alerts of(Map<String, Long> counts, List<Outbox.Backlog> backlog, List<Outbox.LogEntry> log) {
            List<Lane> lanes = new ArrayList<>();
            for (Outbox.Backlog b : backlog) {
                lanes.add(new Lane(b.subscriptionId(), b.channel(), b.pending(), time(b.oldest()), b.failing(),
                        b.failing() ? b.attempts() : 0, b.failing() ? time(b.nextAttemptAt()) : "", b.failing() ? b.lastError() : ""));
            }
            List<Attempt> attempts = log.stream().map(e -> new Attempt(time(e.at()), e.subscription(), e.channel(),
                    e.article() == null ? "" : e.article().replaceFirst("\\.txt$", ""), e.attempt(), e.outcome(),
                    e.statusCode() == null ? "" : e.statusCode().toString(), e.error() == null ? "" : e.error())).toList();
            return new Alerts(counts.getOrDefault("delivered", 0L), counts.getOrDefault("pending", 0L), counts.getOrDefault("dead", 0L),
                    List.copyOf(lanes), attempts);
        }
    }

    /**
     * A lane with alerts waiting.
     *
     * @param subscription its subscription
     * @param channel      its channel
     * @param pending      how many alerts wait in it
     * @param oldest       since when the oldest waits
     * @param failing      whether its oldest was tried and failed
     * @param attempts     how often it was tried
     * @param nextAttempt  when it is tried again, or empty
     * @param lastError    why it failed, or empty
     */
    public record Lane(String subscription, String channel, long pending, String oldest, boolean failing, int attempts,
                       String nextAttempt, String lastError) {
    }

    /**
     * A line of the delivery log.
     *
     * @param at           when
     * @param subscription for which subscription
     * @param channel      over which channel
     * @param article      about which article (its id), or empty
     * @param attempt      which attempt
     * @param outcome      {@code delivered}, {@code retrying} or {@code dead}
     * @param status       the HTTP status a webhook answered, or empty
     * @param error        why it failed, or empty
     */
    public record Attempt(String at, String subscription, String channel, String article, int attempt, String outcome, String status,
                          String error) {
    }

    static String time(Instant i) {
        return i == null ? "" : TIME.format(i);
    }

    private static String untitled(Classification c, String id) {
        List<String> parts = new ArrayList<>();
        if (c != null && c.kind() != null) {
            String kind = c.kind().replace('_', ' ');
            parts.add(Character.toUpperCase(kind.charAt(0)) + kind.substring(1));
        }
        if (c != null && c.speaker() != null && c.speaker().actor() != null) {
            parts.add(name(c.speaker().actor()));
        }
        return parts.isEmpty() ? id : String.join(" · ", parts);
    }

    /** A web address to link to, or empty: a feed could give an article a {@code javascript:} URL, which a link would run. */
    static String link(String url) {
        return url != null && (url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7)) ? url : "";
    }

    private static String name(ActorTag a) {
        return a.name() == null || a.name().isBlank() ? a.id() : a.name();
    }

    private static String name(RegionTag r) {
        return r.name() == null || r.name().isBlank() ? r.id() : r.name();
    }
}
