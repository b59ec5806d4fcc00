package org.dipwatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dipwatch.alert.Outbox;
import org.dipwatch.corpus.ClassificationJson;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.corpus.SeedFile;
import org.dipwatch.corpus.StoredArticle;
import org.dipwatch.corpus.StoryTables;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Classification;
import org.dipwatch.search.SearchIndex;
import org.dipwatch.search.SearchQuery;

/**
 * The corpus as a reader asks for it: articles found by filters and words, one article with its
 * text, stories with their reports, and the alerts' delivery log. Plain Java over the index, the
 * search index and {@code seeds/}, for the REST API ({@link CorpusApi}) and any page that shows
 * the corpus. Every answer is a page: its items, how many match in all, and where the next page
 * starts.
 */
public final class CorpusQuery {

    /** The most items one page holds. */
    public static final int MAX_LIMIT = 200;
    /** The furthest offset a page may start at: past it, narrow the query (a date range) instead. */
    public static final int MAX_OFFSET = 10_000;

    /**
     * One page of items.
     *
     * @param items      the items of this page
     * @param total      how many match in all
     * @param offset     where this page starts
     * @param limit      how many it holds at most
     * @param nextOffset where the next page starts, or {@code null} on the last
     */
    public record Page<T>(List<T> items, long total, int offset, int limit, Integer nextOffset) {

        static <T> Page<T> of(List<T> items, long total, int offset, int limit) {
            long next = (long) offset + items.size();
            return new Page<>(List.copyOf(items), total, offset, limit, items.isEmpty() || next >= total ? null : (int) next);
        }
    }

    /**
     * An article in a list: what it is, where from, how it was judged and what it involves.
     *
     * @param id          its id: the file name without {@code .txt} ({@code 000_fbfa5f4836e611d7})
     * @param file        its file in {@code seeds/}
     * @param title       its headline, or {@code null}
     * @param date        its publication date, or {@code null}
     * @param source      where it came from
     * @param url         where it was published, or {@code null}
     * @param verdict     {@code new}, {@code same_story} or {@code near_duplicate}
     * @param story       its story
     * @param similarity  its score against the report it joined, or {@code null}
     * @param duplicateOf the article it nearly copies, or {@code null}
     * @param score       how well it matches the words searched, or {@code null} without words
     * @param storedAt    when it was stored
     * @param tags        its classification: actors, speaker, counterparts, regions, kind, language
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArticleItem(String id, String file, String title, LocalDate date, String source, String url, String verdict,
                              String story, Double similarity, String duplicateOf, Float score, Instant storedAt,
                              Map<String, Object> tags) {
    }

    /**
     * One article with its text.
     *
     * @param article what a list shows of it
     * @param text    its text as {@code seeds/} holds it
     */
    public record ArticleText(ArticleItem article, String text) {
    }

    /**
     * A story in a list.
     *
     * @param id      its id ({@code st-…})
     * @param reports how many stored articles report it
     * @param lead    its first report
     * @param latest  its latest report (the lead itself for a story of one)
     * @param actors  the ids of the actors its first and latest reports involve, the most salient first
     */
    public record StoryItem(String id, int reports, ArticleItem lead, ArticleItem latest, List<String> actors) {
    }

    /**
     * A story with its reports in the order they were stored.
     *
     * @param id      its id
     * @param reports its reports
     */
    public record Story(String id, List<ArticleItem> reports) {
    }

    private final CorpusIndex index;
    private final StoryTables stories;
    private final SearchIndex search;
    private final Outbox outbox;
    private final Path seeds;

    /** Queries over this index, its search index, its alert outbox and the article files in {@code seeds}. */
    public CorpusQuery(CorpusIndex index, SearchIndex search, Outbox outbox, Path seeds) {
        this.index = index;
        this.stories = new StoryTables(index);
        this.search = search;
        this.outbox = outbox;
        this.seeds = seeds;
    }

    /**
     * The articles a search finds, one page: ranked by its words, else the newest first.
     *
     * @throws IllegalArgumentException when the words are no query, with what is wrong
     */
    public Page<ArticleItem> articles(SearchQuery query) {
        SearchIndex.Hits hits = search.search(query);
        Map<String, Float> scores = new LinkedHashMap<>();
        hits.hits().forEach(h -> scores.put(h.file(), h.score()));
        Map<String, StoredArticle> rows = new HashMap<>();
        index.stored(scores.keySet()).forEach(r -> rows.put(r.file(), r));
        List<ArticleItem> items = new ArrayList<>();
        for (Map.Entry<String, Float> hit : scores.entrySet()) {
            StoredArticle row = rows.get(hit.getKey());
            if (row != null) { // a file deleted from seeds/ since: gone from the index at the next reindex
                items.add(item(row, hit.getValue()));
            }
        }
        return Page.of(items, hits.total(), query.offset(), query.limit());
    }

    /** An article by its id ({@code 000_fbfa5f4836e611d7}) or file name, with its text; empty when there is none. */
    public Optional<ArticleText> article(String id) {
        String file = id == null ? "" : id.strip().endsWith(".txt") ? id.strip() : id.strip() + ".txt";
        if (SeedFile.parse(file).isEmpty()) {
            return Optional.empty();
        }
        List<StoredArticle> rows = index.stored(List.of(file));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ArticleText(item(rows.get(0), null), Files.readString(seeds.resolve(file))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("corpus: cannot read " + seeds.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    /** Stories with at least {@code minReports} reports, the one reported last first: one page. */
    public Page<StoryItem> stories(int minReports, int offset, int limit) {
        List<StoryTables.Summary> page = stories.recent(minReports, offset, limit);
        Set<Long> seqs = new LinkedHashSet<>();
        page.forEach(s -> {
            seqs.add(s.leadSeq());
            seqs.add(s.latestSeq());
        });
        Map<Long, StoredArticle> rows = new HashMap<>();
        index.storedBySeq(seqs).forEach(r -> rows.put(r.seq(), r));
        List<StoryItem> items = new ArrayList<>();
        for (StoryTables.Summary s : page) {
            StoredArticle lead = rows.get(s.leadSeq());
            StoredArticle latest = rows.get(s.latestSeq());
            Set<String> actors = new LinkedHashSet<>();
            for (StoredArticle r : new StoredArticle[] {lead, latest}) {
                Classification c = r == null ? null : ClassificationJson.read(r.classificationJson());
                if (c != null) {
                    c.actors().stream().map(ActorTag::id).forEach(actors::add);
                }
            }
            items.add(new StoryItem(s.story(), s.reports(), lead == null ? null : item(lead, null),
                    latest == null ? null : item(latest, null), List.copyOf(actors)));
        }
        return Page.of(items, stories.count(minReports), offset, limit);
    }

    /** A story's reports in the order they were stored; empty for an unknown story. */
    public Optional<Story> story(String id) {
        List<Long> seqs = stories.reports(id);
        if (seqs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Story(id, index.storedBySeq(seqs).stream().map(r -> item(r, null)).toList()));
    }

    /** The delivery log of every subscription, newest first, one page; {@code subscription} and {@code outcome} narrow it. */
    public Page<Outbox.LogEntry> alerts(String subscription, String outcome, int offset, int limit) {
        return Page.of(outbox.log(subscription, outcome, offset, limit), outbox.logSize(subscription, outcome), offset, limit);
    }

    private static ArticleItem item(StoredArticle r, Float score) {
        Classification c = ClassificationJson.read(r.classificationJson());
        String id = r.file().endsWith(".txt") ? r.file().substring(0, r.file().length() - 4) : r.file();
        return new ArticleItem(id, r.file(), r.title(), r.published(), r.source(), r.url(), r.verdict(), r.story(), r.similarity(),
                r.duplicateOf(), score, r.storedAt(), c == null ? null : ClassificationJson.fields(c));
    }
}
