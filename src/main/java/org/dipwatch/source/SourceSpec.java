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
 * {@code page} template, declared once in {@link Parameter} (the Kamelets
 * {@code dipwatch/feed.kamelet.yaml} and {@code dipwatch/page.kamelet.yaml} describe each for a
 * user; {@code SourceTemplatesTest} holds them to this declaration).
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

    /** The templates' default schedule: every five minutes, at second 0. */
    public static final String DEFAULT_CRON = "0 0/5 * * * ?";

    /**
     * A parameter of the source templates, kamelet-style: its name in a templatedRoute, its JSON
     * schema type, its default ({@code null}: required) and the templates that take it. The Kamelets
     * declare exactly these, with these types and defaults, and an example of each that passes
     * {@link #problems}.
     */
    public enum Parameter {
        NAME("name", "string", null, "feed", "page"),
        URL("url", "string", null, "feed", "page"),
        CRON("cron", "string", DEFAULT_CRON, "feed", "page"),
        FULL_TEXT("fullText", "boolean", "false", "feed"),
        LANGUAGE("language", "string", "auto", "feed", "page"),
        ENABLED("enabled", "boolean", "true", "feed", "page"),
        /** Empty: the global {@code dipwatch.sources.silent-after-hours}. */
        SILENT_AFTER_HOURS("silentAfterHours", "integer", "", "feed", "page"),
        ITEM_SELECTOR("itemSelector", "string", null, "page"),
        LINK_SELECTOR("linkSelector", "string", null, "page"),
        /** Empty: the link's text. */
        TITLE_SELECTOR("titleSelector", "string", "", "page"),
        /** Empty: none. */
        DATE_SELECTOR("dateSelector", "string", "", "page");

        private final String key;
        private final String type;
        private final String defaultValue;
        private final Set<String> templates;

        Parameter(String key, String type, String defaultValue, String... templates) {
            this.key = key;
            this.type = type;
            this.defaultValue = defaultValue;
            this.templates = Set.of(templates);
        }

        /** Its name in a templatedRoute's {@code parameters} (and the header the route sets). */
        public String key() {
            return key;
        }

        /** Its JSON schema type, as a Kamelet declares it: {@code string}, {@code boolean} or {@code integer}. */
        public String type() {
            return type;
        }

        /** Its default, or {@code null} when a templatedRoute must give it. */
        public String defaultValue() {
            return defaultValue;
        }

        /** Whether a templatedRoute must give it. */
        public boolean required() {
            return defaultValue == null;
        }

        /** Whether the template ({@code feed} or {@code page}) takes it. */
        public boolean of(String template) {
            return templates.contains(template);
        }

        /** Its value among a templatedRoute's parameters, stripped; its default (empty when required) when absent. */
        String in(Map<String, ?> p) {
            Object v = p.get(key);
            return v == null ? (defaultValue == null ? "" : defaultValue) : v.toString().strip();
        }
    }

    /** The names of the parameters the templates declare; any other name in a templatedRoute is a mistake. */
    public static final Set<String> PARAMETERS = java.util.Arrays.stream(Parameter.values()).map(Parameter::key)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** The largest {@code silentAfterHours}: a year. */
    public static final int MAX_SILENT_AFTER_HOURS = 8784;
    /** What every source's route id starts with: a source's route is {@code source-<name>}. */
    public static final String ROUTE_ID_PREFIX = "source-";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** The route id of a source: {@code source-<name>}. */
    public String routeId() {
        return routeIdOf(name);
    }

    /** The route id of the source named {@code name}: {@code source-<name>}. */
    public static String routeIdOf(String name) {
        return ROUTE_ID_PREFIX + name;
    }

    /** The name of the source whose route id this is ({@code source-<name>}). */
    public static String nameOf(String routeId) {
        return routeId.substring(ROUTE_ID_PREFIX.length());
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
        return new SourceSpec(kind, Parameter.NAME.in(p), Parameter.URL.in(p), Parameter.CRON.in(p),
                Boolean.parseBoolean(Parameter.FULL_TEXT.in(p)), Parameter.LANGUAGE.in(p),
                !"false".equalsIgnoreCase(Parameter.ENABLED.in(p)), Parameter.ITEM_SELECTOR.in(p),
                Parameter.LINK_SELECTOR.in(p), Parameter.TITLE_SELECTOR.in(p), Parameter.DATE_SELECTOR.in(p),
                hours(Parameter.SILENT_AFTER_HOURS.in(p)));
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
        for (Parameter flag : Parameter.values()) {
            Object v = p.get(flag.key());
            if (flag.type().equals("boolean") && v != null
                    && !Set.of("true", "false").contains(v.toString().strip().toLowerCase(Locale.ROOT))) {
                out.add(who + flag.key() + " '" + v + "' must be true or false");
            }
        }
        if (!s.language().isBlank() && !s.language().equals("auto") && !s.language().matches("[a-z]{2}")) {
            out.add(who + "language '" + s.language() + "' must be auto or an ISO 639-1 code such as en or ru");
        }
        String silent = Parameter.SILENT_AFTER_HOURS.in(p);
        if (!silent.isEmpty() && hours(silent) == null) {
            out.add(who + "silentAfterHours '" + silent + "' must be a whole number of hours from 0 (never silent) to "
                    + MAX_SILENT_AFTER_HOURS + ", or empty for dipwatch.sources.silent-after-hours");
        }
        if ("page".equals(kind)) {
            for (Parameter selector : List.of(Parameter.ITEM_SELECTOR, Parameter.LINK_SELECTOR)) {
                String problem = WebPage.selectorProblem(selector.in(p));
                if (problem != null) {
                    out.add(who + selector.key() + " " + problem + (problem.equals("is empty") ? " (a page source needs it)" : ""));
                }
            }
            for (Parameter selector : List.of(Parameter.TITLE_SELECTOR, Parameter.DATE_SELECTOR)) {
                String value = selector.in(p);
                String problem = value.isBlank() ? null : WebPage.selectorProblem(value);
                if (problem != null) {
                    out.add(who + selector.key() + " '" + value + "' " + problem);
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
