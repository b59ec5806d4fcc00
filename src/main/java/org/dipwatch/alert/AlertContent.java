package org.dipwatch.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dipwatch.dedup.StoryMatcher;
import org.dipwatch.model.Classification;

/**
 * What one alert tells one subscription about one article: everything the webhook payload and
 * the e-mail are made of. Built when the article is stored and kept in the outbox, so that a
 * delivery after a restart says exactly what the first attempt would have said.
 *
 * @param messageId      unique per alert and subscription; the {@code webhook-id} receivers deduplicate on
 * @param createdAt      when the alert was written to the outbox
 * @param subscriptionId the subscription it is for
 * @param verdict        the article's dedup verdict ({@code new}, …); {@code null} for a source notice
 * @param articleFile    the corpus file name ({@code 005_0123456789abcdef.txt})
 * @param articleId      the 16 hex digits of the file name
 * @param title          the title, or {@code null}
 * @param published      the publication date, or {@code null}
 * @param url            the article's URL, or {@code null}
 * @param source         where it came from ({@code inbox}, a feed's name, …)
 * @param paragraphs     the article's paragraphs (title excluded), for the excerpt
 * @param tags           the classification
 * @param story          the story id, or {@code null} until stories exist
 * @param why            one line on why the article matched this subscription
 * @param alsoReportedBy some earlier reports of its story, one line each ("outlet: title (file)"), oldest first: at
 *                       most {@code dipwatch.alert.also-reported-max} of them, the story's first report and the latest
 * @param mentionOnly    a later report of a story for a digest that does not ask for follow-ups: named in the
 *                       digest's "also reported by" line of its story, never sent as an alert of its own
 * @param alsoReportedCount how many earlier reports the story has, the named ones included; an alert written before
 *                       the count existed (absent in its JSON) named them all, and counts as many as it names
 * @param notice         for a source-health notice, which ({@code null} for an article's alert); an alert written
 *                       before notices had their own field carries it in {@code verdict} and is read as one
 */
public record AlertContent(String messageId, Instant createdAt, String subscriptionId, String verdict, String articleFile,
                           String articleId, String title, LocalDate published, String url, String source,
                           List<String> paragraphs, Classification tags, String story, String why, List<String> alsoReportedBy,
                           boolean mentionOnly, int alsoReportedCount, SourceNotice notice) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public AlertContent {
        paragraphs = paragraphs == null ? List.of() : List.copyOf(paragraphs);
        alsoReportedBy = alsoReportedBy == null ? List.of() : List.copyOf(alsoReportedBy);
        alsoReportedCount = Math.max(alsoReportedCount, alsoReportedBy.size());
        if (notice == null && verdict != null) {
            notice = SourceNotice.ofWire(verdict).orElse(null);
        }
        if (notice != null) {
            verdict = null;
        }
    }

    /**
     * An article's alert for one subscription.
     *
     * @param alsoReportedBy    some earlier reports of its story (see the record's parameters)
     * @param alsoReportedCount how many earlier reports its story has, the named ones included
     */
    public static AlertContent ofArticle(String messageId, Instant createdAt, String subscriptionId, String verdict,
                                         String articleFile, String articleId, String title, LocalDate published, String url,
                                         String source, List<String> paragraphs, Classification tags, String story, String why,
                                         List<String> alsoReportedBy, int alsoReportedCount, boolean mentionOnly) {
        return new AlertContent(messageId, createdAt, subscriptionId, verdict, articleFile, articleId, title, published, url,
                source, paragraphs, tags, story, why, alsoReportedBy, mentionOnly, alsoReportedCount, null);
    }

    /**
     * A source-health notice for one subscription: no article, the message as its title and text.
     *
     * @param source  the source's name
     * @param url     the source's address
     * @param message one line naming the source and the problem
     */
    public static AlertContent ofSourceNotice(String messageId, Instant createdAt, String subscriptionId, SourceNotice notice,
                                              String source, String url, String message) {
        return new AlertContent(messageId, createdAt, subscriptionId, null, null, null, message, null, url, source,
                List.of(message), null, null, "sourceHealth: " + notice.wire(), List.of(), false, 0, notice);
    }

    /** Whether this is a source-health notice rather than an article's alert. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isSourceNotice() {
        return notice != null;
    }

    /** The same alert with this classification ({@code null}: none, as the outbox keeps an article's alert). */
    public AlertContent withTags(Classification classification) {
        return new AlertContent(messageId, createdAt, subscriptionId, verdict, articleFile, articleId, title, published, url, source,
                paragraphs, classification, story, why, alsoReportedBy, mentionOnly, alsoReportedCount, notice);
    }

    /** How many earlier reports are counted but not named in {@link #alsoReportedBy()}. */
    public int alsoReportedUnnamed() {
        return alsoReportedCount - alsoReportedBy.size();
    }


    /** How a digest names this report among its story's others: "outlet: title (file)", as {@link #reportLine(String, String, String)}. */
    public String reportLine() {
        return reportLine(StoryMatcher.outlet(url, source), title, articleFile);
    }

    /**
     * One report of a story in an "also reported by" list: "outlet: title (file)", the outlet as the
     * story index keeps it ({@link StoryMatcher#outlet}: the URL's host, else the source). One format
     * for the earlier reports and the digest's own items, so that a report is named once.
     */
    public static String reportLine(String outlet, String title, String file) {
        return outlet + ": " + (title == null ? "untitled" : title) + " (" + file + ")";
    }

}
