package org.dipwatch.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;

/**
 * Writes the e-mail of an alert: a subject that says who speaks to whom about where, and the same
 * body as plain text and as HTML (date, source, link, the first paragraphs, every tag, why it
 * matched, the subscription and the article file).
 *
 * <p>Article text is untrusted. In the subject every control character and line separator becomes a
 * space, so a title cannot add a header; in the HTML every value is escaped, and the link is an
 * {@code <a href>} only for an http or https URL.
 */
public final class AlertMail {

    /** The longest subject, ellipsis included; longer ones are cut at a word. */
    static final int SUBJECT_CHARS = 160;

    /** At most this many paragraphs go into the mail; the third only when the first two are short. */
    static final int LEAD_PARAGRAPHS = 3;

    /** The first two paragraphs must be shorter than this for the third to follow them. */
    static final int LEAD_CHARS = 1000;

    // C0 and C1 controls (CR, LF, tab, NEL, …) and the Unicode line and paragraph separators
    private static final Pattern BREAKS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    /** Header naming the article's file in {@code seeds/}. */
    public static final String ARTICLE_HEADER = "X-Dipwatch-Article";
    /** Header naming the article's story. */
    public static final String STORY_HEADER = "X-Dipwatch-Story";
    /** Header with the article's URL, when it has one. */
    public static final String URL_HEADER = "X-Dipwatch-URL";
    /** RFC 3834: the mail was sent by a program, so auto-responders (vacation replies) stay quiet. */
    public static final String AUTO_SUBMITTED_HEADER = "Auto-Submitted";

    /**
     * A composed alert e-mail.
     *
     * @param subject one line, no control characters, at most {@value #SUBJECT_CHARS} characters
     * @param text    the plain-text part
     * @param html    the HTML part: a whole document, every article value escaped
     * @param headers headers for machines, in order: {@value #ARTICLE_HEADER}, {@value #STORY_HEADER},
     *                {@value #URL_HEADER} (each where known) and {@value #AUTO_SUBMITTED_HEADER}; every value
     *                one line without control characters, not yet encoded or folded (the transport does that)
     */
    public record Mail(String subject, String text, String html, Map<String, String> headers) {

        public Mail {
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /** A mail with only the {@value #AUTO_SUBMITTED_HEADER} header. */
        public Mail(String subject, String text, String html) {
            this(subject, text, html, Map.of(AUTO_SUBMITTED_HEADER, "auto-generated"));
        }
    }

    /**
     * The headers of an alert's mail: the article's file, its story and its URL, each only when
     * known, and {@code Auto-Submitted: auto-generated}. Values are made one line here (article
     * text is untrusted: a URL with a line break cannot add a header).
     */
    static Map<String, String> headers(AlertContent c) {
        Map<String, String> h = new LinkedHashMap<>();
        if (!c.isSourceNotice()) {
            putIfKnown(h, ARTICLE_HEADER, c.articleFile());
            putIfKnown(h, STORY_HEADER, c.story());
            putIfKnown(h, URL_HEADER, c.url());
        }
        h.put(AUTO_SUBMITTED_HEADER, "auto-generated");
        return h;
    }

    private static void putIfKnown(Map<String, String> headers, String name, String value) {
        if (value != null && !oneLine(value).isEmpty()) {
            headers.put(name, oneLine(value));
        }
    }

    private AlertMail() {
    }

    /** The e-mail for one alert. */
    public static Mail compose(AlertContent c) {
        if (c.isSourceNotice()) {
            String subject = subject(c);
            String text = subject + "\n\n" + c.title() + "\n\nSource: " + c.source() + "\nAddress: " + c.url()
                    + "\n\nSee GET /api/sources on the daemon for every source's health.\n";
            String html = "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>" + escape(subject) + "</title></head>\n<body>\n<h1>"
                    + escape(subject) + "</h1>\n<p>" + escape(c.title()) + "</p>\n<p>Source: " + escape(c.source()) + "<br>Address: "
                    + escape(String.valueOf(c.url())) + "</p>\n</body></html>\n";
            return new Mail(subject, text, html);
        }
        Body body = Body.of(c);
        String subject = subject(c);
        String text = text(body);
        String html = html(subject, body, c);
        if (c.alsoReportedCount() > 0) {
            // a later report of a story names some earlier ones (the first, the latest) and counts the
            // rest where they fall, after the first, before the reason it matched
            List<String> lines = alsoLines(c.alsoReportedBy(), c.alsoReportedUnnamed());
            int t = text.indexOf("Why: ");
            text = text.substring(0, t) + "Also reported by:\n  - " + String.join("\n  - ", lines.stream()
                    .map(AlertMail::oneLine).toList()) + "\n\n" + text.substring(t);
            int h = html.indexOf("<p><strong>Why:</strong>");
            StringBuilder list = new StringBuilder("<p><strong>Also reported by:</strong></p>\n<ul>\n");
            lines.forEach(r -> list.append("<li>").append(escape(r)).append("</li>\n"));
            html = html.substring(0, h) + list.append("</ul>\n") + html.substring(h);
        }
        return new Mail(subject, text, html, headers(c));
    }

    /** The named reports with, after the first, a line that counts the unnamed ones between it and the latest. */
    static List<String> alsoLines(List<String> named, int unnamed) {
        if (unnamed <= 0) {
            return named;
        }
        if (named.isEmpty()) {
            return List.of(moreReports(unnamed).replace("… and ", "").replace(" more ", " earlier "));
        }
        List<String> lines = new ArrayList<>(named.size() + 1);
        lines.add(named.get(0));
        lines.add(moreReports(unnamed));
        lines.addAll(named.subList(1, named.size()));
        return lines;
    }

    /** {@code … and 194 more reports}. */
    static String moreReports(int unnamed) {
        return "… and " + unnamed + (unnamed == 1 ? " more report" : " more reports");
    }

    /**
     * One mail for several alerts of a subscription (a digest, or what quiet hours held): grouped by
     * story (an article without one is its own group), the newest group first and the newest
     * article first within it; each with its one-line summary, date, source, link, opening and why.
     */
    public static Mail composeDigest(String subscriptionId, List<AlertContent> alerts) {
        return composeDigest(subscriptionId, alerts, Alerts.ALSO_REPORTED_MAX);
    }

    /**
     * {@link #composeDigest(String, List)}, each story's "Also reported by" naming at most
     * {@code alsoReportedMax} reports (its first and the latest) and counting the rest.
     */
    public static Mail composeDigest(String subscriptionId, List<AlertContent> alerts, int alsoReportedMax) {
        java.util.Map<String, List<AlertContent>> byStory = new java.util.LinkedHashMap<>();
        List<AlertContent> newestFirst = new ArrayList<>(alerts);
        newestFirst.sort(java.util.Comparator.comparing(AlertContent::createdAt).reversed());
        for (AlertContent c : newestFirst) {
            byStory.computeIfAbsent(c.story() != null ? c.story() : c.articleFile(), k -> new ArrayList<>()).add(c);
        }
        long statements = alerts.stream().filter(c -> !c.mentionOnly()).count();
        long stories = byStory.values().stream().filter(g -> g.stream().anyMatch(c -> !c.mentionOnly())).count();
        String subject = Excerpt.cut(oneLine("[dipwatch] " + (statements > 0
                ? statements + " statements for " + subscriptionId + (stories < statements ? " in " + stories + " stories" : "")
                : "later reports of earlier stories for " + subscriptionId)), SUBJECT_CHARS);
        StringBuilder t = new StringBuilder(subject).append("\n\n");
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html>\n<head><meta charset=\"UTF-8\"><title>")
                .append(escape(subject)).append("</title></head>\n<body>\n<h1>").append(escape(subject)).append("</h1>\n");
        for (List<AlertContent> group : byStory.values()) {
            List<AlertContent> story = group.stream().filter(c -> !c.mentionOnly()).toList();
            if (story.size() > 1) {
                t.append("Story of ").append(story.size()).append(" reports:\n");
                h.append("<h2>Story of ").append(story.size()).append(" reports</h2>\n");
            } else if (story.isEmpty()) {
                t.append("Story ").append(group.get(0).story()).append(", alerted before:\n");
                h.append("<h2>Story ").append(escape(group.get(0).story())).append(", alerted before</h2>\n");
            }
            // the story's reports as its newest item knows them (the first, the latest, a count of the rest) and
            // that item itself, oldest first, but the one the group leads with; the group's other items are
            // among the latest or counted
            AlertContent newest = group.get(0);
            Set<String> known = new LinkedHashSet<>(newest.alsoReportedBy());
            known.add(newest.reportLine());
            Set<String> reports = new LinkedHashSet<>(known);
            group.forEach(c -> reports.add(c.reportLine()));
            int total = Math.max(newest.alsoReportedCount() + 1, reports.size());
            if (!story.isEmpty()) {
                known.remove(story.get(0).reportLine());
                total--;
            }
            List<String> named = StoryReports.firstAndLatest(List.copyOf(known), alsoReportedMax);
            List<String> also = alsoLines(named, total - named.size());
            if (!also.isEmpty()) {
                t.append("Also reported by: ").append(String.join("; ", also)).append('\n');
                h.append("<p>Also reported by: ").append(escape(String.join("; ", also))).append("</p>\n");
            }
            for (AlertContent c : story) {
                Body b = Body.of(c);
                String line = subject(c).replaceFirst("^\\[dipwatch] ", "");
                t.append("* ").append(line).append('\n').append("  ").append(b.date).append(" · ").append(b.source)
                        .append(" · ").append(b.url == null ? "no link" : b.url).append('\n');
                if (!b.lead.isEmpty()) {
                    t.append("  ").append(Excerpt.cut(b.lead.get(0), 400)).append('\n');
                }
                t.append("  Why: ").append(b.why).append("\n  Article: ").append(b.file).append("\n\n");
                h.append("<div><h3>").append(escape(line)).append("</h3>\n<p>").append(escape(b.date)).append(" · ")
                        .append(escape(b.source)).append(" · ");
                if (b.url != null && isWebLink(b.url)) {
                    h.append("<a href=\"").append(escape(b.url)).append("\">").append(escape(b.url)).append("</a>");
                } else {
                    h.append(escape(b.url == null ? "no link" : b.url));
                }
                h.append("</p>\n");
                if (!b.lead.isEmpty()) {
                    h.append("<p>").append(escape(Excerpt.cut(b.lead.get(0), 400))).append("</p>\n");
                }
                h.append("<p><em>Why: ").append(escape(b.why)).append("</em> · ").append(escape(b.file)).append("</p></div>\n");
            }
        }
        t.append("Subscription: ").append(subscriptionId).append('\n');
        h.append("<p>Subscription: ").append(escape(subscriptionId)).append("</p>\n</body>\n</html>\n");
        // one article, story and URL per header: those of the item the digest shows first (its newest
        // statement, else its newest mention), which are the digest's own when it has one article or one story
        AlertContent first = byStory.values().stream().flatMap(List::stream).filter(c -> !c.mentionOnly()).findFirst()
                .orElse(newestFirst.get(0));
        return new Mail(subject, t.toString(), h.toString(), headers(first));
    }

    /**
     * {@code [dipwatch] RUS → HAMAS · Gaza Strip: title}: the speaker's side, its counterparts and the
     * primary region, each left out when unknown, then the title (or else the first paragraph).
     */
    static String subject(AlertContent c) {
        if (c.isSourceNotice()) {
            return Excerpt.cut("[dipwatch] " + sourceNotice(c), SUBJECT_CHARS);
        }
        String lede = lede(c);
        String subject = "[dipwatch] " + (lede.isEmpty() ? "" : lede + ": ") + headline(c);
        return Excerpt.cut(oneLine(subject), SUBJECT_CHARS);
    }

    /** {@code source mid-ru is failing: …}: a source-health notice on one line. */
    static String sourceNotice(AlertContent c) {
        return oneLine("source " + c.source() + " " + c.notice().phrase() + ": " + c.title());
    }

    /**
     * {@code RUS → HAMAS · Gaza Strip}: who speaks to whom, and where: the speaker's side, its
     * counterparts and the primary region, each left out when unknown; empty when none is known.
     * The mail's subject and the chat channels' messages start with it.
     */
    static String lede(AlertContent c) {
        Classification tags = c.tags();
        List<String> head = new ArrayList<>();
        if (tags != null && tags.speaker() != null) {
            String who = side(tags.speaker());
            Set<String> others = new LinkedHashSet<>();
            for (Attribution counterpart : tags.counterparts()) {
                others.add(side(counterpart));
            }
            others.remove("");
            others.remove(who);
            if (!others.isEmpty()) {
                who = (who.isEmpty() ? "" : who + " ") + "→ " + String.join(", ", others);
            }
            if (!who.isEmpty()) {
                head.add(who);
            }
        }
        String region = primaryRegion(tags).map(RegionTag::name).map(AlertMail::oneLine).orElse("");
        if (!region.isEmpty()) {
            head.add(region);
        }
        return oneLine(String.join(" · ", head));
    }

    private static String text(Body b) {
        StringBuilder t = new StringBuilder();
        t.append(b.headline).append("\n\n");
        t.append("Date:   ").append(b.date).append('\n');
        t.append("Source: ").append(b.source).append('\n');
        t.append("Link:   ").append(b.url == null ? "none" : b.url).append("\n\n");
        for (String p : b.lead) {
            t.append(p).append("\n\n");
        }
        if (b.more > 0) {
            t.append('[').append(more(b.more)).append("]\n\n");
        }
        t.append("Why: ").append(b.why).append("\n\n");
        t.append(b.tags.isEmpty() ? "Tags: none\n" : "Tags\n");
        for (Row row : b.tags) {
            if (row.values.size() == 1 && !row.list) {
                t.append(String.format("%-13s %s\n", row.label + ":", row.values.get(0)));
            } else {
                t.append(row.label).append(":\n");
                row.values.forEach(v -> t.append("  - ").append(v).append('\n'));
            }
        }
        t.append('\n');
        t.append("Subscription: ").append(b.subscription).append('\n');
        t.append("Article:      ").append(b.file).append('\n');
        return t.toString();
    }

    private static String html(String subject, Body b, AlertContent c) {
        StringBuilder h = new StringBuilder();
        String language = c.tags() == null ? null : c.tags().language();
        h.append("<!DOCTYPE html>\n<html");
        if (language != null && LANGUAGE.matcher(language).matches()) {
            h.append(" lang=\"").append(language).append('"');
        }
        h.append(">\n<head><meta charset=\"UTF-8\"><title>").append(escape(subject)).append("</title></head>\n<body>\n");
        h.append("<h1>").append(escape(b.headline)).append("</h1>\n");
        h.append("<p>").append(escape(b.date)).append(" · ").append(escape(b.source)).append(" · ");
        if (b.url == null) {
            h.append("no link");
        } else if (isWebLink(b.url)) {
            h.append("<a href=\"").append(escape(b.url)).append("\">").append(escape(b.url)).append("</a>");
        } else {
            h.append(escape(b.url));
        }
        h.append("</p>\n");
        for (String p : b.lead) {
            h.append("<p>").append(escape(p)).append("</p>\n");
        }
        if (b.more > 0) {
            h.append("<p><em>").append(escape(more(b.more))).append("</em></p>\n");
        }
        h.append("<p><strong>Why:</strong> ").append(escape(b.why)).append("</p>\n");
        h.append("<h2>Tags</h2>\n");
        if (b.tags.isEmpty()) {
            h.append("<p>none</p>\n");
        } else {
            h.append("<table>\n");
        }
        for (Row row : b.tags) {
            h.append("<tr><th align=\"left\" valign=\"top\">").append(escape(row.label)).append("</th><td>");
            if (row.values.size() == 1 && !row.list) {
                h.append(escape(row.values.get(0)));
            } else {
                h.append("<ul>");
                row.values.forEach(v -> h.append("<li>").append(escape(v)).append("</li>"));
                h.append("</ul>");
            }
            h.append("</td></tr>\n");
        }
        if (!b.tags.isEmpty()) {
            h.append("</table>\n");
        }
        h.append("<p>Subscription ").append(escape(b.subscription)).append(" · article ")
                .append(escape(b.file)).append("</p>\n</body>\n</html>\n");
        return h.toString();
    }

    /** What both parts show, each value already one line where it has to be. */
    private record Body(String headline, String date, String source, String url, List<String> lead, int more,
                        String why, List<Row> tags, String subscription, String file) {

        static Body of(AlertContent c) {
            List<String> paragraphs = c.paragraphs().stream().filter(p -> !p.isBlank()).toList();
            List<String> lead = AlertMail.lead(paragraphs);
            String url = c.url() == null || c.url().isBlank() ? null : oneLine(c.url());
            return new Body(AlertMail.headline(c), c.published() == null ? "unknown" : c.published().toString(),
                    orNone(c.source()), url, lead, paragraphs.size() - lead.size(), orNone(c.why()), rows(c.tags()),
                    orNone(c.subscriptionId()), orNone(c.articleFile()));
        }
    }

    /** One line of the tags: a label and one value, or a list of them. */
    private record Row(String label, List<String> values, boolean list) {
    }

    private static List<Row> rows(Classification tags) {
        List<Row> rows = new ArrayList<>();
        if (tags == null) {
            return rows;
        }
        if (tags.speaker() != null) {
            rows.add(new Row("Speaker", List.of(attribution(tags.speaker())), false));
        }
        List<String> others = new ArrayList<>();
        for (Attribution s : tags.speakers()) {
            if (tags.speaker() == null || !s.actor().id().equals(tags.speaker().actor().id())) {
                others.add(attribution(s));
            }
        }
        if (!others.isEmpty()) {
            rows.add(new Row("Also speaking", others, true));
        }
        if (!tags.counterparts().isEmpty()) {
            rows.add(new Row("Counterparts", tags.counterparts().stream().map(AlertMail::attribution).toList(), true));
        }
        if (!tags.actors().isEmpty()) {
            rows.add(new Row("Actors", tags.actors().stream().map(AlertMail::actor).toList(), true));
        }
        if (!tags.regions().isEmpty()) {
            rows.add(new Row("Regions", tags.regions().stream()
                    .map(r -> region(r, r.id().equals(tags.primaryRegion()))).toList(), true));
        }
        if (tags.kind() != null) {
            rows.add(new Row("Kind", List.of(oneLine(tags.kind())), false));
        }
        if (tags.language() != null) {
            rows.add(new Row("Language", List.of(oneLine(tags.language())), false));
        }
        return rows;
    }

    /** {@code Mikhail Bogdanov [mikhail-bogdanov] for RUS}. */
    private static String attribution(Attribution a) {
        String side = side(a);
        return oneLine(a.actor().name() + " [" + a.actor().id() + "]" + (side.isEmpty() ? "" : " for " + side));
    }

    /** {@code Mousa Abu Marzook [mousa-abu-marzook], official, deputy head…, Hamas, PSE}. */
    private static String actor(ActorTag a) {
        StringBuilder s = new StringBuilder(a.name()).append(" [").append(a.id()).append("], ").append(a.type());
        if (a.role() != null) {
            s.append(", ").append(a.role());
        }
        if (a.organisation() != null) {
            s.append(", ").append(a.organisation().name() != null ? a.organisation().name() : a.organisation().id());
        }
        if (a.country() != null) {
            s.append(", ").append(a.country());
        }
        return oneLine(s.toString());
    }

    /** {@code Gaza Strip [gaza-strip], primary: gaza-strip › PSE; Western Asia, Middle East}. */
    private static String region(RegionTag r, boolean primary) {
        StringBuilder s = new StringBuilder(r.name()).append(" [").append(r.id()).append(']');
        if (primary) {
            s.append(", primary");
        }
        if (!r.path().isEmpty()) {
            s.append(": ").append(String.join(" › ", r.path()));
        }
        if (!r.rollup().isEmpty()) {
            s.append(r.path().isEmpty() ? ": " : "; ")
                    .append(String.join(", ", r.rollup().stream().map(RegionTag.Ref::name).toList()));
        }
        return oneLine(s.toString());
    }

    /** The party an attribution speaks for: its side, else its actor's country, else the actor's id. */
    private static String side(Attribution a) {
        if (a.side() != null && !a.side().isBlank()) {
            return oneLine(a.side());
        }
        ActorTag actor = a.actor();
        if (actor == null) {
            return "";
        }
        return oneLine(actor.country() != null && !actor.country().isBlank() ? actor.country() : actor.id());
    }

    private static Optional<RegionTag> primaryRegion(Classification tags) {
        if (tags == null || tags.primaryRegion() == null) {
            return Optional.empty();
        }
        return tags.regions().stream().filter(r -> tags.primaryRegion().equals(r.id())).findFirst();
    }

    /** The title, else the first paragraph, else the file name; on one line. */
    static String headline(AlertContent c) {
        if (c.title() != null && !oneLine(c.title()).isEmpty()) {
            return oneLine(c.title());
        }
        return c.paragraphs().stream().map(AlertMail::oneLine).filter(p -> !p.isEmpty()).findFirst()
                .orElse(orNone(c.articleFile()));
    }

    /** The first paragraphs: at most three, the third only when the first two leave room for it. */
    private static List<String> lead(List<String> paragraphs) {
        List<String> lead = new ArrayList<>();
        int length = 0;
        for (String p : paragraphs) {
            if (lead.size() == LEAD_PARAGRAPHS || (lead.size() == LEAD_PARAGRAPHS - 1 && length >= LEAD_CHARS)) {
                break;
            }
            lead.add(p.strip());
            length += p.length();
        }
        return lead;
    }

    private static String more(int paragraphs) {
        return paragraphs == 1 ? "1 more paragraph at the link" : paragraphs + " more paragraphs at the link";
    }

    /** {@code s} on one line: control characters and line separators become spaces, runs of spaces one. */
    static String oneLine(String s) {
        if (isOneLine(s)) {
            return s; // most names, places and titles: no copy, no regular expression
        }
        return SPACES.matcher(BREAKS.matcher(s).replaceAll(" ")).replaceAll(" ").strip();
    }

    /** Whether {@link #oneLine} would leave the text as it is: no control or line character, no two spaces, nothing to strip. */
    private static boolean isOneLine(String s) {
        if (s.isEmpty()) {
            return true;
        }
        if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
            return false;
        }
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F && (c <= 0x9F || c == 0x2028 || c == 0x2029)) {
                return false; // C0 and C1 controls (tab and line ends among them), line and paragraph separators
            }
            if (c == ' ' && space) {
                return false;
            }
            space = c == ' ';
        }
        return true;
    }

    /** Whether {@code url} is an absolute http or https URL with a host, the only kind the HTML links. */
    static boolean isWebLink(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** {@code s} safe as HTML text and as a double- or single-quoted attribute value. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "none" : oneLine(s);
    }
}
