package org.dipwatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an alert as a short message for a chat: Slack (mrkdwn), Telegram (its HTML subset) and
 * ntfy (a JSON publish). Each says the same in its medium's markup: the title as a link to the
 * article, who speaks to whom and where ({@code RUS → HAMAS · Gaza Strip}, as a mail's subject
 * starts), the date and source and how many earlier reports the story has, then the start of the
 * text. A source-health notice is one line and the source's address. Text from the article is
 * escaped for each markup, so a title cannot make a link or a mention.
 */
public final class AlertChat {

    /** About how many characters of the first paragraph a chat message quotes. */
    static final int EXCERPT_CHARS = 300;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private AlertChat() {
    }

    /** What every chat message says, each value on one line and not yet escaped. */
    private record Parts(String title, String link, String lede, String byline, String excerpt) {

        static Parts of(AlertContent c) {
            String link = c.url() != null && AlertMail.isWebLink(c.url().strip()) ? c.url().strip() : null;
            if (c.isSourceNotice()) {
                return new Parts(AlertMail.sourceNotice(c), link, "", "", "");
            }
            List<String> by = new ArrayList<>();
            by.add(c.published() == null ? "undated" : c.published().toString());
            if (c.source() != null && !c.source().isBlank()) {
                by.add(AlertMail.oneLine(c.source()));
            }
            if (c.alsoReportedCount() > 0) {
                int n = c.alsoReportedCount();
                by.add(n == 1 ? "1 earlier report of this story" : n + " earlier reports of this story");
            }
            String first = c.paragraphs().stream().map(AlertMail::oneLine).filter(p -> !p.isEmpty()).findFirst().orElse("");
            // the headline is the first paragraph when there is no title: then it is not quoted twice
            String title = AlertMail.headline(c);
            String excerpt = first.equals(title) ? "" : Excerpt.cut(first, EXCERPT_CHARS);
            return new Parts(title, link, AlertMail.lede(c), String.join(" · ", by), excerpt);
        }
    }

    /**
     * The alert in Slack's mrkdwn: the title in bold as a link, the lede, the byline in italics and
     * the excerpt as a quote. {@code &}, {@code <} and {@code >} are escaped as Slack asks, so article
     * text cannot make a link or a mention.
     */
    public static String slack(AlertContent c) {
        Parts p = Parts.of(c);
        StringBuilder out = new StringBuilder();
        String title = slackEscape(p.title());
        out.append('*').append(p.link() == null ? title : "<" + slackLink(p.link()) + "|" + title + ">").append('*');
        appendLine(out, slackEscape(p.lede()));
        appendLine(out, p.byline().isEmpty() ? "" : "_" + slackEscape(p.byline()) + "_");
        appendLine(out, p.excerpt().isEmpty() ? "" : "> " + slackEscape(p.excerpt()));
        return out.toString();
    }

    /**
     * The alert in Telegram's HTML (sent with {@code parse_mode=HTML}): the title in bold as a link,
     * the lede, the byline in italics, and the excerpt.
     */
    public static String telegram(AlertContent c) {
        Parts p = Parts.of(c);
        StringBuilder out = new StringBuilder("<b>");
        String title = AlertMail.escape(p.title());
        out.append(p.link() == null ? title : "<a href=\"" + AlertMail.escape(p.link()) + "\">" + title + "</a>").append("</b>");
        appendLine(out, AlertMail.escape(p.lede()));
        appendLine(out, p.byline().isEmpty() ? "" : "<i>" + AlertMail.escape(p.byline()) + "</i>");
        appendLine(out, AlertMail.escape(p.excerpt()));
        return out.toString();
    }

    /**
     * The alert as an ntfy JSON publish to {@code topic}: the title, the lede, byline and excerpt as
     * the message, the article's link as the notification's click action, and a tag that ntfy shows
     * as an emoji (a newspaper; a warning or a check mark for a source-health notice). JSON keeps
     * titles in any script intact, where ntfy's {@code Title} header would need them encoded.
     */
    public static String ntfy(AlertContent c, String topic) {
        Parts p = Parts.of(c);
        ObjectNode n = JSON.createObjectNode();
        n.put("topic", topic);
        n.put("title", p.title());
        StringBuilder message = new StringBuilder();
        appendLine(message, p.lede());
        appendLine(message, p.byline());
        appendLine(message, p.excerpt());
        n.put("message", message.length() == 0 ? p.title() : message.toString());
        if (p.link() != null) {
            n.put("click", p.link());
        }
        String tag = c.notice() == null ? "newspaper" : switch (c.notice()) {
            case FAILING, SILENT -> "warning";
            case RECOVERED -> "white_check_mark";
        };
        n.putArray("tags").add(tag);
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ntfy: the alert " + c.messageId() + " cannot be written as JSON", e);
        }
    }

    /** Appends a line after a line break, unless it is empty. */
    private static void appendLine(StringBuilder out, String line) {
        if (line.isEmpty()) {
            return;
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(line);
    }

    /** Text as Slack reads it: its three control characters escaped. */
    static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A URL inside Slack's {@code <url|label>}: its {@code &} escaped (a web link has no {@code <}, {@code >} or {@code |}). */
    private static String slackLink(String url) {
        return url.replace("&", "&amp;");
    }
}
