package org.dipwatch.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The full-text index of the corpus, a Lucene index in a folder of its own. The pipeline
 * {@linkplain #add adds} each batch's articles once the batch is committed to the database, in one
 * Lucene commit; searches read through a near-real-time reader that is refreshed when a search
 * finds it stale, so adding costs no reopen. Each article's words go to the fields of its language
 * ({@code text.en}, {@code title.ru}, …) analysed by that language's stemmer and stop words
 * ({@link SearchLanguages}); the words of a query are analysed for every language and the hits of
 * all of them ranked together. The index records the highest sequence number it holds, so a start
 * can tell whether it is behind the database.
 */
public final class SearchIndex implements AutoCloseable {

    /** The commit data key of the highest sequence number indexed. */
    private static final String MAX_SEQ = "dipwatch.maxSeq";
    private static final String FILE = "file";
    private static final String SEQ = "seq";
    private static final String DATE = "date";
    /** The title's words count this many times a body word's when ranking. */
    private static final float TITLE_BOOST = 2f;
    /** Words this long or longer also find the words one letter away ({@link SpellingTolerantParser}). */
    private static final int FUZZY_MIN_LENGTH = 5;
    /** What a word one letter away counts, against the word itself. */
    private static final float FUZZY_WEIGHT = 0.5f;

    /**
     * One page of hits.
     *
     * @param total how many articles match in all
     * @param hits  the page asked for, best first
     */
    public record Hits(long total, List<Hit> hits) {
    }

    /**
     * An article found: its file in {@code seeds/} and its score ({@code null} when no words ranked).
     */
    public record Hit(String file, Float score) {
    }

    private final Path folder;
    private final Directory directory;
    /** {@code null} while another process holds the index: then this one only reads what it commits. */
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile long maxSeq;
    /** The highest sequence number added, committed or not: what a search sees. */
    private long addedSeq;

    private SearchIndex(Path folder, Directory directory, IndexWriter writer) throws IOException {
        this.folder = folder;
        this.directory = directory;
        this.writer = writer;
        this.searchers = writer != null ? new SearcherManager(writer, null) : new SearcherManager(directory, null);
        long recorded = -1;
        Iterable<Map.Entry<String, String>> data = writer != null ? writer.getLiveCommitData()
                : org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).getUserData().entrySet();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (MAX_SEQ.equals(e.getKey())) {
                    recorded = Long.parseLong(e.getValue());
                }
            }
        }
        this.maxSeq = recorded;
        this.addedSeq = recorded;
    }

    /**
     * Whether another process holds this index (two programs on one home sharing a database
     * server): this one then searches what that one commits, and adds nothing itself; the holder
     * adds this one's articles from the database.
     */
    public boolean readOnly() {
        return writer == null;
    }

    /**
     * Opens the index in {@code folder}, creating it (empty) when there is none. A folder that
     * holds no readable index (a crash while it was first written, files removed by hand) is
     * emptied and made anew; either way its {@link #maxSeq()} is -1 and the caller fills it.
     */
    public static SearchIndex open(Path folder) {
        try {
            Files.createDirectories(folder);
            Directory directory = FSDirectory.open(folder);
            boolean exists = DirectoryReader.indexExists(directory);
            IndexWriterConfig config = new IndexWriterConfig(ANALYZER);
            config.setOpenMode(exists ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE);
            // the pipeline commits once per batch; Lucene's buffer need not flush before
            config.setRAMBufferSizeMB(32);
            IndexWriter writer;
            try {
                writer = new IndexWriter(directory, config);
            } catch (org.apache.lucene.store.LockObtainFailedException held) {
                if (!exists) {
                    throw held;
                }
                return new SearchIndex(folder, directory, null);
            } catch (IOException | IllegalArgumentException unreadable) {
                IndexWriterConfig fresh = new IndexWriterConfig(ANALYZER);
                fresh.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
                writer = new IndexWriter(directory, fresh);
                exists = false;
            }
            if (!exists) {
                writer.commit();
            }
            return new SearchIndex(folder, directory, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("search: cannot open the search index in " + folder + ": " + e.getMessage()
                    + " (check that the folder is writable and that no other dipwatch process uses it)", e);
        }
    }

    /**
     * The highest sequence number of an article the index holds for good (committed), or -1 when
     * none: what a start compares with the database.
     */
    public long maxSeq() {
        return maxSeq;
    }

    /** How many articles the index holds (as of the last commit or search). */
    public int size() {
        if (writer == null) {
            try {
                IndexSearcher searcher = searchers.acquire();
                try {
                    return searcher.getIndexReader().numDocs();
                } finally {
                    searchers.release(searcher);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("search: cannot read " + folder + ": " + e.getMessage(), e);
            }
        }
        return writer.getDocStats().numDocs;
    }

    /** {@link #add(List, boolean)}, committed. */
    public void add(List<Searchable> articles) {
        add(articles, true);
    }

    /**
     * Adds articles (an article already held is replaced): after a batch of the pipeline has
     * committed, or while catching up. Searches see them at once; with {@code commit} they are
     * written for good, with everything added before, and the commit records the highest sequence
     * number held. Without it a crash loses them from the index, and the next start adds them again.
     */
    public synchronized void add(List<Searchable> articles, boolean commit) {
        if (writer == null) {
            return; // the process that holds the index adds them from the database
        }
        try {
            for (Searchable a : articles) {
                writer.updateDocument(new Term(FILE, a.file()), document(a));
                addedSeq = Math.max(addedSeq, a.seq());
            }
            if (commit && writer.hasUncommittedChanges()) {
                commit(addedSeq);
            }
            notifyAll();
        } catch (IOException e) {
            throw new UncheckedIOException("search: cannot add " + articles.size() + " articles to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Commits what was added since the last commit, if anything: written for good, with the highest sequence number held. */
    public synchronized void commit() {
        if (writer == null) {
            return;
        }
        try {
            if (writer.hasUncommittedChanges()) {
                commit(addedSeq);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search: cannot commit to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Empties the index, keeping its folder: the first step of a rebuild ({@code reindex}). */
    public synchronized void clear() {
        if (writer == null) {
            return;
        }
        try {
            writer.deleteAll();
            addedSeq = -1;
            commit(-1);
        } catch (IOException e) {
            throw new UncheckedIOException("search: cannot empty " + folder + ": " + e.getMessage(), e);
        }
    }

    private void commit(long highest) throws IOException {
        writer.setLiveCommitData(Map.of(MAX_SEQ, Long.toString(highest)).entrySet());
        writer.commit();
        maxSeq = highest;
    }

    /**
     * Waits until the article of this sequence number (or a later one) has been added, at most
     * {@code timeout}; false when the time ran out first.
     */
    public synchronized boolean awaitAdded(long seq, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (addedSeq < seq && writer != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return addedSeq >= seq;
    }

    /**
     * The articles a query finds, one page of them: ranked by its words (ties: the newest first),
     * or the newest first when it has none.
     *
     * @throws IllegalArgumentException when the words are no query ({@code "an unclosed phrase},
     *                                  {@code AND} alone), with what is wrong
     */
    public Hits search(SearchQuery query) {
        Query q = query(query);
        try {
            searchers.maybeRefresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                long total = searcher.count(q);
                int wanted = query.offset() + query.limit();
                if (wanted == 0 || total == 0) {
                    return new Hits(total, List.of());
                }
                Sort sort = query.words() == null ? new Sort(new SortField(SEQ, SortField.Type.LONG, true))
                        : new Sort(SortField.FIELD_SCORE, new SortField(SEQ, SortField.Type.LONG, true));
                TopFieldDocs top = searcher.search(q, wanted, sort, query.words() != null);
                List<Hit> hits = new ArrayList<>();
                var stored = searcher.storedFields();
                for (int i = query.offset(); i < top.scoreDocs.length; i++) {
                    ScoreDoc d = top.scoreDocs[i];
                    hits.add(new Hit(stored.document(d.doc, Set.of(FILE)).get(FILE), query.words() == null ? null : d.score));
                }
                return new Hits(total, hits);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search: cannot search " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The Lucene query of a search: the filters as filters (they do not score), the words as the scoring part. */
    static Query query(SearchQuery query) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        all.add(query.words() == null ? new MatchAllDocsQuery() : words(query.words()), BooleanClause.Occur.MUST);
        for (Map.Entry<String, Set<String>> f : query.filters().entrySet()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (String value : f.getValue()) {
                any.add(new TermQuery(new Term(f.getKey(), value)), BooleanClause.Occur.SHOULD);
            }
            all.add(any.build(), BooleanClause.Occur.FILTER);
        }
        if (query.from() != null || query.to() != null) {
            long from = query.from() == null ? Long.MIN_VALUE : query.from().toEpochDay();
            long to = query.to() == null ? Long.MAX_VALUE : query.to().toEpochDay();
            all.add(LongPoint.newRangeQuery(DATE, from, to), BooleanClause.Occur.FILTER);
        }
        return all.build();
    }

    /** The words of a query, analysed for each language and searched in each language's title and text. */
    private static Query words(String words) {
        BooleanQuery.Builder languages = new BooleanQuery.Builder();
        for (String language : SearchLanguages.FIELDS) {
            String title = "title." + language;
            String text = "text." + language;
            MultiFieldQueryParser parser = new SpellingTolerantParser(new String[] {title, text}, Map.of(title, TITLE_BOOST, text, 1f));
            parser.setDefaultOperator(QueryParser.Operator.OR);
            try {
                languages.add(parser.parse(words), BooleanClause.Occur.SHOULD);
            } catch (ParseException e) {
                throw new IllegalArgumentException("search: q=" + words + " is not a query: " + firstLine(e.getMessage())
                        + " (words, \"a phrase\", AND, OR, NOT and -word are understood; put a special character in quotes)", e);
            }
        }
        return languages.build();
    }

    /**
     * The classic query parser, but a word of {@link #FUZZY_MIN_LENGTH} letters or more outside a
     * phrase also finds, at half weight, the words one letter away: a name is transliterated many
     * ways (Marzook, Marzouk; Sergei, Sergey), and a reader types one of them. A phrase stays exact.
     */
    private static final class SpellingTolerantParser extends MultiFieldQueryParser {

        SpellingTolerantParser(String[] fields, Map<String, Float> boosts) {
            super(fields, ANALYZER, boosts);
        }

        @Override
        protected Query newTermQuery(Term term, float boost) {
            Query exact = super.newTermQuery(term, boost);
            if (term.text().codePointCount(0, term.text().length()) < FUZZY_MIN_LENGTH) {
                return exact;
            }
            return new BooleanQuery.Builder()
                    .add(exact, BooleanClause.Occur.SHOULD)
                    .add(new BoostQuery(new FuzzyQuery(term, 1, 2), FUZZY_WEIGHT), BooleanClause.Occur.SHOULD)
                    .build();
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }

    /** Every language's analyzer on its own fields; other fields are whole values. Thread-safe, shared. */
    private static final Analyzer ANALYZER = analyzer();

    private static Analyzer analyzer() {
        Map<String, Analyzer> perField = new HashMap<>();
        for (String language : SearchLanguages.FIELDS) {
            Analyzer a = SearchLanguages.analyzer(language);
            perField.put("title." + language, a);
            perField.put("text." + language, a);
        }
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), perField);
    }

    private static Document document(Searchable a) {
        Document d = new Document();
        d.add(new StringField(FILE, a.file(), Field.Store.YES));
        d.add(new LongPoint(SEQ, a.seq()));
        d.add(new NumericDocValuesField(SEQ, a.seq()));
        if (a.published() != null) {
            d.add(new LongPoint(DATE, a.published().toEpochDay()));
        }
        String language = SearchLanguages.field(a.language());
        if (a.title() != null) {
            d.add(new TextField("title." + language, a.title(), Field.Store.NO));
        }
        d.add(new TextField("text." + language, String.join("\n\n", a.body()), Field.Store.NO));
        keyword(d, "source", a.source());
        keyword(d, "language", a.language());
        keyword(d, "verdict", a.verdict());
        keyword(d, "story", a.story());
        a.actors().forEach(v -> keyword(d, "actor", v));
        a.speakers().forEach(v -> keyword(d, "speaker", v));
        a.regions().forEach(v -> keyword(d, "region", v));
        return d;
    }

    private static void keyword(Document d, String field, String value) {
        if (value != null && !value.isBlank()) {
            d.add(new StringField(field, value.strip().toLowerCase(java.util.Locale.ROOT), Field.Store.NO));
        }
    }

    /** Closes the reader and the writer (what was added is committed already). */
    @Override
    public synchronized void close() {
        try {
            searchers.close();
            if (writer != null) {
                writer.close();
            }
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("search: cannot close " + folder + ": " + e.getMessage(), e);
        }
    }
}
