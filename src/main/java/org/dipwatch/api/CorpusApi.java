package org.dipwatch.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dipwatch.alert.AlertApi.Answer;
import org.dipwatch.alert.ApiToken;
import org.dipwatch.corpus.ClassificationJson;
import org.dipwatch.ingest.ArticlePost;
import org.dipwatch.model.IngestResult;
import org.dipwatch.model.Verdict;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.search.SearchQuery;

/**
 * Answers the corpus API ({@code routes/api-corpus.camel.yaml}): {@code GET /api/articles},
 * {@code /api/articles/{id}}, {@code /api/stories}, {@code /api/stories/{id}}, {@code /api/alerts}
 * and {@code POST /api/articles}. It reads the query string and the body, checks the token
 * ({@link ApiToken}: reads need it when one is set, a post always), asks {@link CorpusQuery} or
 * the pipeline, and answers with a status and a JSON body; a request it cannot serve gets a 4xx
 * whose {@code error} says why.
 *
 * @param query    the query layer the reads ask
 * @param pipeline the pipeline a post goes into
 * @param token    the API token that guards it
 */
public record CorpusApi(CorpusQuery query, Pipeline pipeline, ApiToken token) {

    /** The page size when a request names none. */
    static final int DEFAULT_LIMIT = 20;
    /** How long a post waits for its verdict before it is told to ask again. */
    static final Duration VERDICT_WAIT = Duration.ofSeconds(60);
    /** How long the answer to a post waits for its article to be searchable; past it, it answers all the same. */
    static final Duration SEARCHABLE_WAIT = Duration.ofSeconds(5);

    private static final Set<String> PAGE = Set.of("offset", "limit");
    private static final Set<String> ARTICLE_PARAMETERS = union(PAGE, SearchQuery.FILTERS, Set.of("q", "from", "to"));
    private static final Set<String> STORY_PARAMETERS = union(PAGE, Set.of("min-reports"));
    private static final Set<String> ALERT_PARAMETERS = union(PAGE, Set.of("subscription", "outcome"));

    /** {@code GET /api/articles?q=…&actor=…&offset=…}: one page of the articles found. */
    public Answer articles(String authorization, String queryString) {
        return read(authorization, () -> new Answer(200, find(queryString)));
    }

    /**
     * The page of articles a query string of {@code GET /api/articles} finds ({@code q}, the filters,
     * {@code from}, {@code to}, {@code offset}, {@code limit}), for the API and the status page's search.
     *
     * @throws IllegalArgumentException when a parameter is unknown or wrong, saying which and why
     */
    public CorpusQuery.Page<CorpusQuery.ArticleItem> find(String queryString) {
        Map<String, List<String>> p = parameters(queryString, ARTICLE_PARAMETERS);
        Map<String, Set<String>> filters = new LinkedHashMap<>();
        for (String f : SearchQuery.FILTERS) {
            if (p.containsKey(f)) {
                filters.put(f, new LinkedHashSet<>(p.get(f)));
            }
        }
        SearchQuery search = new SearchQuery(one(p, "q"), filters, date(p, "from"), date(p, "to"), offset(p), limit(p));
        return query.articles(search);
    }

    /** {@code GET /api/articles/{id}}: the article with its text and metadata, or 404. */
    public Answer article(String id, String authorization) {
        return read(authorization, () -> found(query.article(id),
                "no article '" + id + "' in seeds/ (an id is a file name without .txt, as in GET /api/articles)"));
    }

    /** {@code GET /api/stories?min-reports=…&offset=…}: one page of stories, the one reported last first. */
    public Answer stories(String authorization, String queryString) {
        return read(authorization, () -> {
            Map<String, List<String>> p = parameters(queryString, STORY_PARAMETERS);
            int minReports = integer(p, "min-reports", 1, 1, Integer.MAX_VALUE);
            return new Answer(200, query.stories(minReports, offset(p), limit(p)));
        });
    }

    /** {@code GET /api/stories/{id}}: the story's reports in order, or 404. */
    public Answer story(String id, String authorization) {
        return read(authorization, () -> found(query.story(id), "no story '" + id + "' (a story's id is the story field of an article)"));
    }

    /** {@code GET /api/alerts?subscription=…&outcome=…}: the delivery log, newest first. */
    public Answer alerts(String authorization, String queryString) {
        return read(authorization, () -> {
            Map<String, List<String>> p = parameters(queryString, ALERT_PARAMETERS);
            String outcome = one(p, "outcome");
            if (outcome != null && !Set.of("delivered", "retrying", "dead").contains(outcome)) {
                throw new IllegalArgumentException("outcome '" + outcome + "' must be delivered, retrying or dead");
            }
            return new Answer(200, query.alerts(one(p, "subscription"), outcome, offset(p), limit(p)));
        });
    }

    /** A read: the token first, then the answer; a parameter that is wrong gets a 400 that says which. */
    private Answer read(String authorization, java.util.function.Supplier<Answer> answer) {
        Answer denied = token.read(authorization);
        if (denied != null) {
            return denied;
        }
        try {
            return answer.get();
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    /**
     * {@code POST /api/articles}: the article through the pipeline, as a file dropped into the
     * inbox goes; the answer is what {@code ingest} prints for it (200; 422 when it failed, with
     * the reason). The same body posted again gets the same answer.
     */
    public Answer post(String authorization, String body) {
        Answer denied = token.change(authorization);
        if (denied != null) {
            return denied;
        }
        ArticlePost post;
        try {
            post = ArticlePost.parse(body);
        } catch (ArticlePost.Invalid e) {
            return error(400, e.getMessage());
        }
        String name = post.url() != null ? post.url().strip() : "api:" + post.intakeKey().substring(0, 16);
        CompletableFuture<IngestResult> result;
        try {
            result = pipeline.submit(new Pipeline.Intake(name, post.sourceName(), () -> new Pipeline.Read(post.draft(),
                    post.intakeKey())), pipeline.offerWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "the daemon is stopping; send the article again once it runs");
        } catch (IllegalStateException e) {
            return error(503, "the daemon is stopping; send the article again once it runs");
        }
        if (result == null) {
            return error(503, "the pipeline's queue is full; send the article again in a few seconds");
        }
        IngestResult r;
        try {
            r = result.get(VERDICT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return error(503, "the article waits to be judged; send it again to get its verdict (it is not stored twice)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "the daemon is stopping; send the article again once it runs");
        } catch (ExecutionException e) {
            return error(503, "the article could not be recorded (" + e.getCause().getMessage() + "); send it again later");
        }
        if (r.article() != null) {
            // the search index adds a batch on its own thread: the client's next search should find what it sent
            org.dipwatch.corpus.SeedFile.parse(r.article()).ifPresent(f -> pipeline.awaitSearchable(f.seq(), SEARCHABLE_WAIT));
        }
        Map<String, Object> fields = r.fields();
        if (r.tags() != null) {
            fields.putAll(ClassificationJson.fields(r.tags()));
        }
        return new Answer(r.verdict() == Verdict.FAILED ? 422 : 200, fields);
    }

    /** The parameters of a query string by name, each value split at commas; a name not in {@code known} is refused. */
    static Map<String, List<String>> parameters(String queryString, Set<String> known) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return out;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'; this path takes " + new TreeSet<>(known));
            }
            List<String> values = out.computeIfAbsent(name, k -> new java.util.ArrayList<>());
            if (name.equals("q")) {
                values.add(value); // a query's commas are its own
            } else {
                for (String v : value.split(",")) {
                    if (!v.isBlank()) {
                        values.add(v.strip());
                    }
                }
            }
        }
        return out;
    }

    private static String one(Map<String, List<String>> p, String name) {
        List<String> values = p.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException("give '" + name + "' once");
        }
        return values.get(0);
    }

    private static int offset(Map<String, List<String>> p) {
        return integer(p, "offset", 0, 0, CorpusQuery.MAX_OFFSET);
    }

    private static int limit(Map<String, List<String>> p) {
        return integer(p, "limit", DEFAULT_LIMIT, 1, CorpusQuery.MAX_LIMIT);
    }

    private static int integer(Map<String, List<String>> p, String name, int otherwise, int min, int max) {
        String v = one(p, name);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + v + " must be a whole number from " + min + " to " + max
                    + (name.equals("offset") ? " (narrow the query, e.g. with from and to, to go further)" : ""));
        }
    }

    private static LocalDate date(Map<String, List<String>> p, String name) {
        String v = one(p, name);
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + "=" + v + " must be a date such as 2025-05-20");
        }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> out = new TreeSet<>();
        for (Set<String> s : sets) {
            out.addAll(s);
        }
        return Set.copyOf(out);
    }

    private static Answer error(int status, String message) {
        return new Answer(status, Map.of("error", message));
    }

    /** 200 with what was found, else 404 saying what was not. */
    private static Answer found(Optional<?> item, String notFound) {
        return item.<Answer>map(found -> new Answer(200, found)).orElseGet(() -> error(404, notFound));
    }
}
