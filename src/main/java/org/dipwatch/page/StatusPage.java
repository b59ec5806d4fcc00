package org.dipwatch.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dipwatch.alert.Outbox;
import org.dipwatch.api.CorpusApi;
import org.dipwatch.api.CorpusQuery;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.normalize.SeedText;
import org.dipwatch.source.SourceStates;

/**
 * The status page the daemon serves at {@code /} ({@code routes/page.camel.yaml}): the sources and
 * their health, charts of the articles per day by actor and by region, the latest stories with
 * their tags and the outlets that also reported them, the alerts sent and failing, and a search
 * with filters ({@code /search}, the search of {@code GET /api/articles}); each article's text on
 * a page of its own ({@code /articles/{id}}). Read-only, rendered on the server (everything but
 * the charts works without JavaScript), and built on request only: the pipeline never waits for
 * it. With a token set ({@code dipwatch.api.token}) it asks for the token first ({@link PageAccess}).
 */
public final class StatusPage {

    /** Days the charts cover, today included. */
    static final int CHART_DAYS = 30;
    /** Stories the page lists. */
    static final int STORIES = 20;
    /** Other reports a story shows under "also reported by". */
    static final int ALSO_REPORTED = 5;
    /** Lines of the delivery log the page shows. */
    static final int ATTEMPTS = 10;
    /** Files the page serves from the jar, by the name in their path: its script and uPlot, vendored with its licence. */
    private static final Map<String, String> ASSETS = Map.of(
            "page.js", "application/javascript; charset=utf-8",
            "page.css", "text/css; charset=utf-8",
            "uPlot.iife.min.js", "application/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8",
            "uPlot.LICENSE", "text/plain; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CorpusQuery query;
    private final CorpusApi api;
    private final CorpusIndex index;
    private final SourceStates sources;
    private final Outbox outbox;
    private final PageAccess access;
    private final Clock clock;
    private final PageTemplates templates = new PageTemplates();

    /** The page over this corpus, its API's search, the sources' states and the alerts' outbox, asking for {@code token} when set. */
    public StatusPage(CorpusQuery query, CorpusApi api, CorpusIndex index, SourceStates sources, Outbox outbox, String token, Clock clock) {
        this.query = query;
        this.api = api;
        this.index = index;
        this.sources = sources;
        this.outbox = outbox;
        this.access = new PageAccess(token);
        this.clock = clock;
    }

    /** {@code GET /}: the whole status page, or the sign-in form when a token is set and the request does not carry it. */
    public PageAnswer home(String authorization, String cookie) {
        if (!access.allows(authorization, cookie)) {
            return signInForm(401, null);
        }
        Map<String, Object> model = base("dipwatch");
        List<PageModel.Source> all = sources.all().stream().filter(s -> !s.removed()).map(PageModel.Source::of).toList();
        Map<String, Long> health = new LinkedHashMap<>();
        for (String h : List.of("up", "down", "silent", "waiting")) {
            health.put(h, all.stream().filter(s -> s.health().equals(h)).count());
        }
        model.put("sources", all);
        model.put("health", health);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        java.time.Instant since = today.minusDays(CHART_DAYS - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ActivityChart> charts = List.of(
                ActivityChart.of("Articles per day by actor", index.tagsPerDay("actor", since), today, CHART_DAYS),
                ActivityChart.of("Articles per day by region", index.tagsPerDay("region", since), today, CHART_DAYS));
        model.put("charts", charts);
        model.put("chartData", charts.stream().map(StatusPage::json).toList());
        model.put("chartDays", CHART_DAYS);
        model.put("stories", stories());
        model.put("alerts", PageModel.Alerts.of(outbox.counts(), outbox.backlog(), query.alerts(null, null, 0, ATTEMPTS).items()));
        return PageAnswer.html(200, templates.render("home.ftlh", model));
    }

    /** {@code GET /search?q=…&actor=…}: the articles the API's search finds, a page at a time; a wrong parameter is said on the page (400). */
    public PageAnswer search(String authorization, String cookie, String queryString) {
        if (!access.allows(authorization, cookie)) {
            return signInForm(401, null);
        }
        Map<String, Object> model = base("Search · dipwatch");
        Map<String, String> form = form(queryString);
        model.put("form", form);
        try {
            CorpusQuery.Page<CorpusQuery.ArticleItem> page = api.find(queryString);
            model.put("results", page.items().stream().map(PageModel.Article::of).toList());
            model.put("total", page.total());
            model.put("first", page.items().isEmpty() ? 0 : page.offset() + 1);
            model.put("last", page.offset() + page.items().size());
            model.put("next", page.nextOffset() == null ? "" : "/search?" + withOffset(form, page.nextOffset()));
            model.put("previous", page.offset() == 0 ? "" : "/search?" + withOffset(form, Math.max(0, page.offset() - page.limit())));
            return PageAnswer.html(200, templates.render("search.ftlh", model));
        } catch (IllegalArgumentException e) {
            model.put("problem", e.getMessage());
            return PageAnswer.html(400, templates.render("search.ftlh", model));
        }
    }

    /** {@code GET /articles/{id}}: an article's text with its tags and story, or 404. */
    public PageAnswer article(String id, String authorization, String cookie) {
        if (!access.allows(authorization, cookie)) {
            return signInForm(401, null);
        }
        Optional<CorpusQuery.ArticleText> found = query.article(id);
        if (found.isEmpty()) {
            Map<String, Object> model = base("Not found · dipwatch");
            model.put("missing", id == null ? "" : id);
            return PageAnswer.html(404, templates.render("missing.ftlh", model));
        }
        PageModel.Article a = PageModel.Article.of(found.get().article());
        Map<String, Object> model = base(a.title() + " · dipwatch");
        model.put("article", a);
        model.put("paragraphs", SeedText.parse(found.get().text()).paragraphs());
        model.put("storyReports", a.story().isEmpty() ? 0 : query.story(a.story()).map(s -> s.reports().size()).orElse(0));
        return PageAnswer.html(200, templates.render("article.ftlh", model));
    }

    /**
     * {@code POST /sign-in} with the form's {@code token} (the HTTP server reads the form's fields):
     * the right token sets the page's cookie and goes back to {@code /}; a wrong one shows the form
     * again (401). The token is never logged nor put in a URL.
     */
    public PageAnswer signIn(String typed) {
        if (!access.guarded()) {
            return PageAnswer.redirect("/", null);
        }
        return access.accepts(typed) ? PageAnswer.redirect("/", access.signInCookie())
                : signInForm(401, "That is not the token of this daemon (DIPWATCH_API_TOKEN).");
    }

    /** {@code GET /static/{name}}: the page's script and style and the vendored uPlot; 404 for any other name. */
    public PageAnswer asset(String name) {
        String type = name == null ? null : ASSETS.get(name);
        if (type == null) {
            return new PageAnswer(404, "text/plain; charset=utf-8", "no such file".getBytes(StandardCharsets.UTF_8), "no-store", null, null);
        }
        try (InputStream in = StatusPage.class.getResourceAsStream("/page/static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("page: /page/static/" + name + " is missing from the jar");
            }
            return new PageAnswer(200, type, in.readAllBytes(), "max-age=3600", null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("page: cannot read /page/static/" + name + ": " + e.getMessage(), e);
        }
    }

    /** The latest stories, each with its lead and the latest of its other reports. */
    private List<PageModel.Story> stories() {
        List<PageModel.Story> out = new ArrayList<>();
        for (CorpusQuery.StoryItem s : query.stories(1, 0, STORIES).items()) {
            if (s.lead() == null) {
                continue;
            }
            List<PageModel.Article> also = new ArrayList<>();
            if (s.reports() > 1) {
                List<CorpusQuery.ArticleItem> reports = query.story(s.id()).map(CorpusQuery.Story::reports).orElse(List.of());
                for (int i = reports.size() - 1; i >= 0 && also.size() < ALSO_REPORTED; i--) {
                    if (!reports.get(i).id().equals(s.lead().id())) {
                        also.add(PageModel.Article.of(reports.get(i)));
                    }
                }
            }
            out.add(new PageModel.Story(s.id(), s.reports(), PageModel.Article.of(s.lead()), also,
                    Math.max(0, s.reports() - 1 - also.size())));
        }
        return out;
    }

    private PageAnswer signInForm(int status, String problem) {
        Map<String, Object> model = base("Sign in · dipwatch");
        model.put("problem", problem == null ? "" : problem);
        return PageAnswer.html(status, templates.render("sign-in.ftlh", model));
    }

    private Map<String, Object> base(String title) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", title);
        model.put("now", PageModel.time(clock.instant()));
        model.put("guarded", access.guarded());
        model.put("form", Map.of());
        return model;
    }

    /** The search form's fields as the query string gave them, for the form to show them again. */
    private static Map<String, String> form(String queryString) {
        Map<String, String> out = new LinkedHashMap<>();
        if (queryString != null) {
            for (String pair : queryString.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    if (!name.equals("offset") && !value.isBlank()) {
                        out.merge(name, value, (a, b) -> a + "," + b);
                    }
                }
            }
        }
        return out;
    }

    private static String withOffset(Map<String, String> form, int offset) {
        StringBuilder q = new StringBuilder();
        form.forEach((k, v) -> q.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return q.append("offset=").append(offset).toString();
    }

    private static String json(ActivityChart chart) {
        try {
            return JSON.writeValueAsString(chart);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("page: cannot write the chart " + chart.title() + ": " + e.getMessage(), e);
        }
    }
}
