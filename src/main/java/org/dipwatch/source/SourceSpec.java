package org.dipwatch.source;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dipwatch.ingest.WebPage;

/**
 * One source as its templatedRoute describes it: the parameters of the {@code feed} or
 * {@code page} template (see {@code source-templates.camel.yaml} for their meaning and defaults).
 *
 * @param kind          {@code feed} or {@code page}
 * @param name          the source's name: letters, digits, {@code -} and {@code _}; its route is {@code source-<name>}
 * @param url           the feed's or list page's absolute http(s) address
 * @param cron          the Quartz cron expression (seconds first) of its polls
 * @param fullText      whether each feed item's page is fetched for the article (always for a page source)
 * @param language      the language the source publishes in (ISO 639-1), or {@code auto} to detect it
 * @param enabled       whether the source is polled
 * @param itemSelector  CSS selector of one entry of a list page (page sources)
 * @param linkSelector  CSS selector of the entry's link, within the entry (page sources)
 * @param titleSelector CSS selector of the entry's title, or empty for the link's text
 * @param dateSelector  CSS selector of the entry's date, or empty
 * @param silentAfterHours hours without a new item after which the source counts as silent (0: never), or
 *                      {@code null} for the global {@code dipwatch.sources.silent-after-hours}
 */
public record SourceSpec(String kind, String name, String url, String cron, boolean fullText, String language, boolean enabled,
                         String itemSelector, String linkSelector, String titleSelector, String dateSelector,
                         Integer silentAfterHours) {

    /** The parameters the templates declare; any other name in a templatedRoute is a mistake. */
    public static final Set<String> PARAMETERS = Set.of("name", "url", "cron", "fullText", "language", "enabled",
            "itemSelector", "linkSelector", "titleSelector", "dateSelector", "silentAfterHours");
    /** The largest {@code silentAfterHours}: a year. */
    public static final int MAX_SILENT_AFTER_HOURS = 8784;
    /** The templates' default schedule: every five minutes, at second 0. */
    public static final String DEFAULT_CRON = "0 0/5 * * * ?";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** The route id of a source: {@code source-<name>}. */
    public String routeId() {
        return "source-" + name;
    }

    /** The language the source declares for its articles, or {@code null} when it is {@code auto} (detected per article). */
    public String declaredLanguage() {
        return language == null || language.isBlank() || language.equalsIgnoreCase("auto") ? null
                : language.toLowerCase(Locale.ROOT);
    }

    /** How long the source may list nothing new before it counts as silent, or {@code null} for the global setting. */
    public java.time.Duration silentAfter() {
        return silentAfterHours == null ? null : java.time.Duration.ofHours(silentAfterHours);
    }

    /** The selectors of a page source. */
    public WebPage.Selectors selectors() {
        return new WebPage.Selectors(itemSelector, linkSelector, blankToNull(titleSelector), blankToNull(dateSelector));
    }

    /**
     * A spec from a templatedRoute's parameters (as the route hands them over, or as check-config
     * reads them); missing optional ones take the templates' defaults.
     */
    public static SourceSpec of(String kind, Map<String, ?> p) {
        return new SourceSpec(kind, text(p, "name", ""), text(p, "url", ""), text(p, "cron", DEFAULT_CRON),
                Boolean.parseBoolean(text(p, "fullText", "false")), text(p, "language", "auto"),
                !"false".equalsIgnoreCase(text(p, "enabled", "true")), text(p, "itemSelector", ""),
                text(p, "linkSelector", ""), text(p, "titleSelector", ""), text(p, "dateSelector", ""),
                hours(text(p, "silentAfterHours", "")));
    }

    /** Whole hours from a parameter's text, or {@code null} when it is empty or no such number (problems() names the latter). */
    private static Integer hours(String value) {
        if (value.isEmpty() || !value.matches("\\d{1,5}")) {
            return null;
        }
        int h = Integer.parseInt(value);
        return h <= MAX_SILENT_AFTER_HOURS ? h : null;
    }

    /**
     * What is wrong with a templatedRoute's parameters, each problem naming the source and the
     * parameter; empty when the source is valid.
     */
    public static List<String> problems(String kind, Map<String, ?> p) {
        List<String> out = new ArrayList<>();
        SourceSpec s = of(kind, p);
        String who = "source " + (s.name().isBlank() ? "(no name)" : s.name()) + " (template " + kind + "): ";
        if (!"feed".equals(kind) && !"page".equals(kind)) {
            out.add(who + "unknown template; use feed or page");
        }
        for (String key : p.keySet()) {
            if (!PARAMETERS.contains(key)) {
                String near = org.dipwatch.config.NearestNames.didYouMean(key, PARAMETERS);
                out.add(who + "unknown parameter '" + key + "'" + (near.isEmpty() ? "; the parameters are " + String.join(", ",
                        new java.util.TreeSet<>(PARAMETERS)) : near));
            }
        }
        if (!NAME.matcher(s.name()).matches()) {
            out.add(who + "name '" + s.name() + "' must be 1-64 letters, digits, '-' or '_', starting with a letter or digit");
        }
        String urlProblem = urlProblem(s.url());
        if (urlProblem != null) {
            out.add(who + "url '" + s.url() + "' " + urlProblem);
        }
        if (!org.quartz.CronExpression.isValidExpression(s.cron())) {
            out.add(who + "cron '" + s.cron() + "' is not a Quartz cron expression (seconds first, e.g. \"" + DEFAULT_CRON + "\")");
        }
        for (String flag : List.of("fullText", "enabled")) {
            Object v = p.get(flag);
            if (v != null && !Set.of("true", "false").contains(v.toString().strip().toLowerCase(Locale.ROOT))) {
                out.add(who + flag + " '" + v + "' must be true or false");
            }
        }
        if (!s.language().isBlank() && !s.language().equals("auto") && !s.language().matches("[a-z]{2}")) {
            out.add(who + "language '" + s.language() + "' must be auto or an ISO 639-1 code such as en or ru");
        }
        String silent = text(p, "silentAfterHours", "");
        if (!silent.isEmpty() && hours(silent) == null) {
            out.add(who + "silentAfterHours '" + silent + "' must be a whole number of hours from 0 (never silent) to "
                    + MAX_SILENT_AFTER_HOURS + ", or empty for dipwatch.sources.silent-after-hours");
        }
        if ("page".equals(kind)) {
            for (String key : List.of("itemSelector", "linkSelector")) {
                String problem = WebPage.selectorProblem(text(p, key, ""));
                if (problem != null) {
                    out.add(who + key + " " + problem + (problem.equals("is empty") ? " (a page source needs it)" : ""));
                }
            }
            for (String key : List.of("titleSelector", "dateSelector")) {
                String value = text(p, key, "");
                String problem = value.isBlank() ? null : WebPage.selectorProblem(value);
                if (problem != null) {
                    out.add(who + key + " '" + value + "' " + problem);
                }
            }
        }
        return out;
    }

    private static String urlProblem(String url) {
        try {
            URI u = new URI(url);
            if (!u.isAbsolute() || u.getHost() == null) {
                return "is not an absolute address";
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") ? null : "must be http or https";
        } catch (java.net.URISyntaxException e) {
            return "is not a valid address (" + e.getReason() + ")";
        }
    }

    private static String text(Map<String, ?> p, String key, String fallback) {
        Object v = p.get(key);
        return v == null ? fallback : v.toString().strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
