package org.dipwatch.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;

/**
 * Matches a stored article against the subscriptions and makes the alerts it owes: one per
 * matching subscription and channel (webhook, e-mail, Slack, Telegram, ntfy, Camel), each with its own message id (the {@code webhook-id}).
 */
public final class Alerts {

    /** How many earlier reports of its story an alert names by default ({@code dipwatch.alert.also-reported-max}). */
    public static final int ALSO_REPORTED_MAX = 5;

    private final Subscriptions subscriptions;
    private final int alsoReportedMax;

    /** Alerts for the subscriptions of this file, naming at most {@value #ALSO_REPORTED_MAX} earlier reports. */
    public Alerts(Subscriptions subscriptions) {
        this(subscriptions, ALSO_REPORTED_MAX);
    }

    /**
     * Alerts for the subscriptions of this file.
     *
     * @param alsoReportedMax how many earlier reports of its story an alert names at most (the first and the
     *                        latest); the rest are counted
     */
    public Alerts(Subscriptions subscriptions, int alsoReportedMax) {
        this.subscriptions = subscriptions;
        this.alsoReportedMax = Math.max(0, alsoReportedMax);
    }

    /** The subscriptions behind these alerts. */
    /** How many earlier reports of its story an alert names at most. */
    public int alsoReportedMax() {
        return alsoReportedMax;
    }

    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /**
     * The alerts an article owes its subscribers: those whose filter lists its verdict ({@code new}
     * by default: the first report of a story; {@code same_story} only where listed). An alert of a
     * story's later report names a few of the earlier ones ("also reported by": the story's first
     * report and the latest, at most {@code alsoReportedMax}) and counts them all, so that its size does
     * not grow with the story.
     *
     * @param story   the story it belongs to, or {@code null}
     * @param earlier the story's reports stored before it ({@link StoryReports#NONE} for a first report)
     */
    public List<Outbox.Pending> owed(Article article, String file, String articleId, String verdict, String source,
                                     Classification tags, String story, StoryReports earlier) {
        StoryReports named = earlier.atMost(alsoReportedMax);
        List<String> also = named.shown().stream().map(r -> AlertContent.reportLine(r.outlet(), r.title(), r.file())).toList();
        int count = earlier.total();
        List<Outbox.Pending> out = new ArrayList<>();
        String text = String.join("\n", article.body());
        Instant now = Instant.now();
        for (Subscription s : subscriptions.current()) {
            String why = s.filter().why(verdict, source, text, tags);
            if (why == null) {
                // a later report of a story: a digest that would have taken the first report names it
                // among the story's reports, without alerting about it
                if ("same_story".equals(verdict) && "digest".equals(s.mode()) && s.email() != null) {
                    String asFirst = s.filter().why("new", source, text, tags);
                    if (asFirst != null) {
                        out.add(new Outbox.Pending(s.id(), Outbox.EMAIL, content(s, Outbox.EMAIL, article, file, articleId, verdict,
                                source, tags, "later report of story " + story + " (" + asFirst + ")", now, story, also, count, true),
                                s.notBefore(Outbox.EMAIL, now)));
                    }
                }
                continue;
            }
            for (String channel : s.channels()) {
                out.add(new Outbox.Pending(s.id(), channel, content(s, channel, article, file, articleId, verdict,
                        source, tags, why, now, story, also, count, false), s.notBefore(channel, now)));
            }
        }
        return out;
    }

    /**
     * The notices a change in a source's health owes the subscriptions that ask for them
     * ({@code sourceHealth: true}), whatever their filter.
     *
     * @param notice  what happened to the source
     * @param source  the source's name
     * @param url     the source's address
     * @param message one line naming the source and the problem
     */
    public List<Outbox.Pending> sourceNotice(SourceNotice notice, String source, String url, String message) {
        List<Outbox.Pending> out = new ArrayList<>();
        Instant now = Instant.now();
        for (Subscription s : subscriptions.current()) {
            if (!s.sourceHealth()) {
                continue;
            }
            for (String channel : s.channels()) {
                String messageId = newMessageId();
                out.add(new Outbox.Pending(s.id(), channel, AlertContent.ofSourceNotice(messageId, now, s.id(), notice,
                        source, url, message), now));
            }
        }
        return out;
    }

    private static AlertContent content(Subscription s, String channel, Article a, String file, String articleId, String verdict,
                                        String source, Classification tags, String why, Instant now, String story,
                                        List<String> also, int alsoCount, boolean mentionOnly) {
        String messageId = newMessageId();
        return AlertContent.ofArticle(messageId, now, s.id(), verdict, file, articleId, a.title(), a.published(), a.url(), source,
                a.paragraphs(), tags, story, mentionOnly ? why : "matched " + s.id() + ": " + why, also, alsoCount, mentionOnly);
    }

    /**
     * A new alert's id ({@code msg_} and 32 hex digits, the {@code webhook-id} receivers deduplicate
     * on): the time in milliseconds, then 80 random bits. Ids in the order they are made keep the
     * outbox's unique indexes on {@code message_id} growing at their end: random ones (a UUID) put
     * every new alert on a page of its own, and each batch's commit rewrote a page per alert.
     */
    static String newMessageId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return String.format(java.util.Locale.ROOT, "msg_%012x%08x%012x", System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL,
                random.nextInt(), random.nextLong() & 0xFFFF_FFFF_FFFFL);
    }
}
