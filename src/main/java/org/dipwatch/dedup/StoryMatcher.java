package org.dipwatch.dedup;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dipwatch.model.Article;
import org.dipwatch.model.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges an article that is no exact copy against the corpus: a near-duplicate of one article
 * (the same text with small edits: MinHash Jaccard of 3-word shingles at or above the threshold,
 * or one text nearly contained in the other), another report of one story (a different write-up
 * of the same event), or a new story. Rules apply in that order.
 *
 * <p>A story is judged as a whole, never through whichever single report resembles the article
 * most: the article must match the story's lead (its first report), or be anchored to the lead
 * and match one of its latest reports, or match two of its reports, each pair with a shared
 * actor, dates within the window and a score of shared rare terms, quotations, actors, numbers
 * and names; so a story cannot drift from its first event one similar report at a time
 * (single-link chaining). Everything the judgement reads is in memory ({@link StoryIndex}): the
 * LSH index and compact signatures of every article, the document frequencies of the latest
 * articles, the outlets' paragraph counts, and the open stories with the features of their lead
 * and latest reports, found through an inverted index of their headline, lead and quotation
 * terms and the numbers and names they state. Storing an article writes one row; the memory is
 * updated by {@link #added} and rebuilt from the rows by {@link #reload}. See
 * {@code docs/stories.md}.
 */
public final class StoryMatcher {

    private static final Logger LOG = LoggerFactory.getLogger(StoryMatcher.class);

    /**
     * The thresholds, from {@code dipwatch.dedup.*}.
     *
     * @param nearThreshold   estimated Jaccard similarity from which an article is a near-duplicate
     * @param nearContainment share of the shorter text's shingles found in the longer one from which it is a near-duplicate
     * @param windowDays      largest number of days between two dated reports of one story
     * @param storyThreshold  score from which an article joins a story
     * @param undatedThreshold score from which an article joins a story when it or the report has no date
     * @param languagesThreshold score, by the cross-language model, from which an article joins a story when
     *                        it and the report are in two languages (dated or not)
     * @param boilerplateMin  articles of one outlet that must hold a paragraph for it to be boilerplate
     * @param maxCandidates   most candidate stories scored per article
     * @param leadShare       share of the story threshold at which the article is anchored to the story's lead:
     *                        anchored, it joins through one of the latest reports at the threshold
     * @param recentArticles  how far back, in articles, the judgement looks: a story is open while one of its
     *                        reports is among the latest this many; document frequencies count the latest
     *                        half to whole of them
     */
    public record Thresholds(double nearThreshold, double nearContainment, int windowDays, double storyThreshold,
                             double undatedThreshold, double languagesThreshold, int boilerplateMin, int maxCandidates,
                             double leadShare,
                             int recentArticles) {

        /** The shipped defaults (as in {@code dipwatch-defaults.properties}). */
        public static Thresholds defaults() {
            return new Thresholds(0.36, 0.9, 3, 0.60, 0.70, 0.5, 3, 30, 0.8, 20_000);
        }
    }

    /**
     * One corpus article compared with the judged one.
     *
     * @param file       the corpus file
     * @param title      its title, or {@code null} when not kept in memory (an article of a closed story)
     * @param outlet     who published it
     * @param story      its story
     * @param similarity estimated Jaccard similarity of the texts
     * @param storyScore the same-story score against this report (0 when the gate is not passed)
     * @param level      the verdict the judged article would get against this one alone
     * @param reason     writes the signals that made the score, and the story's decision (only when read: most
     *                   comparisons are never shown)
     */
    public record Neighbour(String file, String title, String outlet, String story, double similarity, double storyScore,
                            Verdict level, java.util.function.Supplier<String> reason) {

        /** The signals that made the score, and the story's decision. */
        public String why() {
            return reason.get();
        }
    }

    /**
     * The judgement of one article.
     *
     * @param verdict    {@code NEW}, {@code NEAR_DUPLICATE} or {@code SAME_STORY}
     * @param of         the article it copies or the first report of its story; {@code null} for a new story
     * @param similarity Jaccard similarity with {@code of} (near-duplicate) or the story score (same story)
     * @param story      the story it belongs to; {@code null} for a new story until it is stored
     * @param nearest    the compared articles, in no order ({@link #nearestFirst()}: the most similar first)
     * @param features   its text features
     * @param outlet     who published it
     * @param who        its actors and speakers
     */
    public record Judgement(Verdict verdict, String of, Double similarity, String story, List<Neighbour> nearest,
                            TextFeatures features, String outlet, Who who) {

        /**
         * The compared articles, the most similar first: what {@code similar} prints. Sorted here, for
         * who reads them, not for every judgement (the pipeline reads none of them).
         */
        public List<Neighbour> nearestFirst() {
            List<Neighbour> sorted = new java.util.ArrayList<>(nearest);
            sorted.sort(NEAREST);
            return sorted;
        }
    }

    /**
     * A story's lead report, its latest ones and how many it has, from memory.
     *
     * @param shown the lead and then the latest reports, oldest first (features and who left out)
     * @param total how many reports the story has
     */
    public record Reports(List<StoryStore.Stored> shown, int total) {
    }

    /** Most LSH candidates verified per lookup. */
    static final int MAX_LSH_CANDIDATES = 200;
    /** Shared rare terms below which two texts in one language are no story without a shared quotation. */
    static final double MIN_TERMS = 0.06;
    /**
     * A number or name is a fact of one event when at most max({@value #FACT_MIN_DF}, N/{@value #FACT_DF_PER}) of the
     * latest N articles state it (an event is reported by a handful of outlets; a figure or name
     * every article of a theme repeats tells no events apart).
     */
    static final int FACT_MIN_DF = 3;
    static final int FACT_DF_PER = 200;

    private final StoryStore store;
    private final Thresholds thresholds;
    private final Boilerplate boilerplate = Boilerplate.packaged();
    /** {@code null} until the first {@link #reload}: every use waits for it ({@link #memory()}). */
    private StoryIndex memory;
    /** Why the first {@link #reload} failed ({@link #unloadable}), else {@code null}. */
    private RuntimeException unloadable;

    /** A matcher over a store; the memory is filled from the store's rows. */
    public StoryMatcher(StoryStore store, Thresholds thresholds) {
        this(store, thresholds, true);
    }

    private StoryMatcher(StoryStore store, Thresholds thresholds, boolean load) {
        this.store = store;
        this.thresholds = thresholds;
        if (load) {
            reload();
        }
    }

    /**
     * A matcher whose memory a later {@link #reload} fills (a daemon's warm-up, on a thread of its
     * own): until then every use waits for it, and after {@link #unloadable} fails.
     */
    public static StoryMatcher unloaded(StoryStore store, Thresholds thresholds) {
        return new StoryMatcher(store, thresholds, false);
    }

    /** Tells the uses waiting for the first load that it failed: they fail with this cause. */
    public synchronized void unloadable(RuntimeException cause) {
        unloadable = cause;
        notifyAll();
    }

    /**
     * The memory is not there: its first load failed, or the pipeline stopped before it. No
     * document's fault: what was judged with it is not recorded and stays where it came from.
     */
    public static final class Unavailable extends IllegalStateException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        /** Whether {@code e} or one of its causes is this. */
        public static boolean in(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Unavailable) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The memory, once loaded; called with the monitor held, which waiting gives up meanwhile. */
    private StoryIndex memory() {
        while (memory == null) {
            if (unloadable != null) {
                throw new Unavailable("stories: the memory could not be loaded: " + unloadable.getMessage(), unloadable);
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("stories: interrupted while the memory loads", e);
            }
        }
        return memory;
    }

    /**
     * Rebuilds the memory from the store's rows exactly as they are (at start, after a rebuild, or
     * after a batch transaction failed): every row's light columns, and the full rows of the
     * latest articles and of the open stories' lead and latest reports; never an article's text.
     */
    public synchronized void reload() {
        long started = System.nanoTime();
        memory = StoryIndex.load(store, thresholds);
        notifyAll(); // the uses that came before the first load
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (ms >= 1000 || LOG.isDebugEnabled()) {
            // a start that takes long says why (a large home); a small one says it only when asked
            StoryIndex.Usage u = memory.usage();
            String line = "stories: memory of {} articles loaded in {} ms: {} open stories, {} reports with their features, about {} MB";
            Object[] args = {u.articles(), ms, u.openStories(), u.reportsInMemory(), u.bytes() >> 20};
            if (ms >= 1000) {
                LOG.info(line, args);
            } else {
                LOG.debug(line, args);
            }
        }
    }

    /** The near-duplicate index in memory (for its size). */
    public synchronized NearDuplicateIndex index() {
        return memory().lsh();
    }

    /** The memory held, for the benchmark and the logs. */
    public synchronized StoryIndex.Usage usage() {
        return memory().usage();
    }

    /** Who published an article: the host of its URL, else the source it came through. */
    public static String outlet(String url, String source) {
        if (url != null) {
            try {
                String host = java.net.URI.create(url.trim()).getHost();
                if (host != null) {
                    String lower = host.toLowerCase(Locale.ROOT);
                    return lower.startsWith("www.") ? lower.substring(4) : lower;
                }
            } catch (IllegalArgumentException e) {
                // not a URL: fall back to the source
            }
        }
        return source == null ? "unknown" : source;
    }

    /**
     * The text features of an article from an outlet, its repeated paragraphs left out. Safe to call
     * from any thread, outside the judgement (the paragraph counts are read under their own short
     * lock); {@link #judge(Article, Who, String, TextFeatures, long)} checks that the outlet's
     * repeated paragraphs did not change meanwhile.
     */
    public TextFeatures features(Article article, String outlet) {
        StoryIndex m;
        synchronized (this) {
            m = memory();
        }
        TextFeatures.Text text = TextFeatures.text(article);
        return TextFeatures.of(text, m.repeated(outlet, text.hashes(), thresholds.boilerplateMin()), boilerplate);
    }

    /**
     * {@link #features} and the article's {@link ExactDedup#fingerprint}, its paragraphs folded once
     * for both: folding was a tenth of a pipeline worker's time.
     */
    public Prepared prepare(Article article, String outlet) {
        StoryIndex m;
        synchronized (this) {
            m = memory();
        }
        TextFeatures.Text text = TextFeatures.text(article);
        return new Prepared(TextFeatures.of(text, m.repeated(outlet, text.hashes(), thresholds.boilerplateMin()), boilerplate),
                ExactDedup.fingerprint(text.folded()));
    }

    /** An article's text features and its fingerprint ({@link #prepare}). */
    public record Prepared(TextFeatures features, String fingerprint) {
    }

    /** Judges an article against the corpus articles whose sequence number is below {@code before}. */
    public synchronized Judgement judge(Article article, Who who, String outlet, long before) {
        return judge(article, who, outlet, features(article, outlet), before);
    }

    /**
     * {@link #judge(Article, Who, String, long)} with features computed beforehand by
     * {@link #features}: recomputed here only when the outlet's repeated paragraphs changed since.
     */
    public synchronized Judgement judge(Article article, Who who, String outlet, TextFeatures f, long before) {
        Set<Long> repeated = memory().repeated(outlet, f.paragraphs(), thresholds.boilerplateMin());
        long[] was = f.repeated();
        boolean same = repeated.size() == was.length && repeated.stream().allMatch(h -> TextFeatures.contains(was, h));
        return memory().judge(article.published(), same ? f : TextFeatures.of(TextFeatures.text(article), repeated, boilerplate),
                who, outlet, before);
    }

    /**
     * The same-story signals of {@code a} against {@code c} as the judgement would measure them now
     * ({@code null} when the pair does not pass the gate): for calibrating {@link StoryModel} on
     * labelled pairs.
     */
    synchronized StoryModel.Signals compare(Article a, Who wa, String outletA, Article c, Who wc, String outletC) {
        StoryIndex m = memory();
        return signals(m.probe(a.published(), features(a, outletA), wa), Compared.of(c.published(), features(c, outletC), wc), 1,
                thresholds.windowDays());
    }

    /**
     * Records a stored article's row in the transaction that stores it (one statement); returns its
     * story. The memory is not touched: {@link #added} does that.
     */
    public String save(Connection c, long seq, String file, String articleId, Article article, Judgement j) throws SQLException {
        String story = storyOf(articleId, j);
        store.save(c, new StoryStore.Stored(seq, file, article.title(), j.outlet(), article.published(), j.features(), j.who(),
                story), j.verdict().label(), j.of(), j.similarity());
        return story;
    }

    /** The story a stored article belongs to: its judgement's, or a new one named after it. */
    public static String storyOf(String articleId, Judgement j) {
        return j.story() != null ? j.story() : newStoryId(articleId);
    }

    /**
     * Makes a stored article visible to the next judgement at once, before its transaction commits
     * (the articles of one batch are judged against each other). If the transaction then fails,
     * call {@link #reload}.
     */
    public synchronized void added(long seq, String file, String story, Article article, Judgement j) {
        memory().add(new StoryStore.Stored(seq, file, article.title(), j.outlet(), article.published(), j.features(), j.who(), story));
    }

    /** The id of the story an article starts: {@code st-} and the article's 16 hex digits. */
    public static String newStoryId(String articleId) {
        return "st-" + articleId;
    }

    /** The store behind the matcher. */
    public StoryStore store() {
        return store;
    }

    /** The story of a stored article, from memory ({@code null} when unknown). */
    public synchronized String storyOf(long seq) {
        return memory().storyOf(seq);
    }

    /**
     * A story's lead report and its latest ones, at most {@code max} in all, and its number of
     * reports: from memory, whatever the story's size.
     */
    public synchronized Reports reports(String story, int max) {
        Reports open = memory().reports(story, max);
        return open != null ? open : closedReports(story, max);
    }

    /**
     * The same for a closed story, whose reports the memory no longer holds: its lead and latest
     * ones read from the store (rare: an article joins only open stories).
     */
    private Reports closedReports(String story, int max) {
        List<Long> seqs = store.reports(story);
        if (seqs.isEmpty()) {
            return new Reports(List.of(), 0);
        }
        int latest = Math.min(Math.max(0, max - 1), StoryIndex.RECENT_REPORTS);
        List<Long> shown = new ArrayList<>();
        shown.add(seqs.get(0));
        shown.addAll(seqs.subList(Math.max(1, seqs.size() - latest), seqs.size()));
        List<StoryStore.Stored> rows = new ArrayList<>();
        for (StoryStore.Stored r : store.bySeq(shown.stream().mapToLong(Long::longValue).toArray())) {
            rows.add(new StoryStore.Stored(r.seq(), r.file(), r.title(), r.outlet(), r.published(), null, null, story));
        }
        return new Reports(List.copyOf(rows), seqs.size());
    }

    /**
     * Adds what another process (the CLI beside the daemon) stored since the memory last looked.
     * The pipeline calls it before each batch it judges (and {@code similar} before it judges), so
     * a batch is judged against everything committed when it began: one query a batch, not one an
     * article.
     */
    public synchronized void catchUp() {
        if (store.othersMayWrite()) {
            store.forEachFull(memory().lastSeq(), memory()::add);
        }
    }

    /**
     * The same-story judgement of an article against one report: its signals weighed by {@link StoryModel}
     * ({@code null} signals: the pair did not pass the gate).
     */
    record Pair(StoryModel.Signals signals, double score) {

        /** Whether the pair passed the gate. */
        boolean gate() {
            return signals != null;
        }

        /** The signals and each one's part of the score, written when asked for. */
        String why() {
            return signals == null ? "" : StoryModel.explain(signals);
        }

        /** Whether the pair reaches this share of its threshold. */
        boolean matches(Thresholds t, double share) {
            return gate() && score >= threshold(t) * share;
        }

        /**
         * The pair's threshold: the cross-language one for two languages, else the undated one when a
         * side has no date, else the story threshold.
         */
        double threshold(Thresholds t) {
            if (gate() && signals.otherLanguage()) {
                return t.languagesThreshold();
            }
            return gate() && signals.days() == null ? t.undatedThreshold() : t.storyThreshold();
        }
    }

    /**
     * A report the judged article is compared with, and what the pair score needs of it beyond its
     * features, computed once per report (the memory keeps it with the report's features).
     *
     * @param published its publication date, or {@code null}
     * @param f         its text features
     * @param who       its actors and speakers
     * @param known     the keys of the officials and places its classification found ({@link #knownNames})
     * @param people    how many officials it names
     */
    record Compared(LocalDate published, TextFeatures f, Who who, long[] known, int people, long[] titleAndLead, int[] actors) {

        static Compared of(LocalDate published, TextFeatures f, Who who) {
            return new Compared(published, f, who, knownNames(who), StoryMatcher.people(who), union(f.title(), f.lead()),
                    actorKeys(who));
        }
    }

    /**
     * An article's actors as sorted numbers ({@link #ACTOR_NUMBERS}), an official's odd: the actors
     * two articles share are counted by merging two short arrays, not by looking each id up in the
     * other's set (a fifth of a pair's cost).
     */
    static int[] actorKeys(Who who) {
        int[] out = new int[who.actors().size()];
        int n = 0;
        for (String id : who.actors()) {
            out[n++] = ACTOR_NUMBERS.computeIfAbsent(id, x -> (NEXT_ACTOR.getAndIncrement() << 1) | (isPerson(x) ? 1 : 0));
        }
        Arrays.sort(out);
        return out;
    }

    /** A number for each actor id seen: the dictionaries' ids, a bounded set. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> ACTOR_NUMBERS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_ACTOR = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * What the pair score needs of the judged article, computed once per judgement: its idf-weighted
     * term mass, its officials, the names the classifier knows in it, the document frequency of each
     * of its specifics, its headline and lead terms together, and the corpus's frequencies.
     *
     * @param massSquared its terms' idf squared, summed ({@code meanSquared}: per term), for the rarer-terms share
     * @param factDf    document frequency up to which a number, name or quotation run is specific to one
     *                  event, before the candidate story's own reports are added to it
     * @param known     keys ({@link TextFeatures#nameKey}) of the officials and places the classifier found,
     *                  sorted: names a reader knows, which say who and where, not which event
     * @param numberDf  the document frequency of each of the article's specifics, in {@code f.numbers()} order
     * @param termIdf   the idf of each of its terms, in {@code f.terms()} order: looked up once, not once per pair
     */
    record Probe(LocalDate published, TextFeatures f, Who who, java.util.function.LongToDoubleFunction idf, double massA,
                 double meanIdf, double massSquared, double meanSquared, java.util.function.LongToIntFunction df, int factDf,
                 int articles, int people, long[] known, int[] numberDf, long[] titleAndLead, double[] termIdf, int[] actors) {

        Probe(LocalDate published, TextFeatures f, Who who, java.util.function.LongToDoubleFunction idf, double massA,
              double meanIdf, double massSquared, java.util.function.LongToIntFunction df, int factDf, int articles, double[] termIdf) {
            this(published, f, who, idf, massA, meanIdf, massSquared, f.terms().length == 0 ? 0 : massSquared / f.terms().length,
                    df, factDf, articles, StoryMatcher.people(who), knownNames(who), numberDfs(f.numbers(), df),
                    union(f.title(), f.lead()), termIdf, actorKeys(who));
        }

        /** How many of the article's specifics at most {@code max} recent articles state, known names left out. */
        int facts(int max, long[] knownC) {
            long[] n = f.numbers();
            int count = 0;
            for (int i = 0; i < n.length; i++) {
                if (numberDf[i] <= max) {
                    count++;
                }
            }
            // the known names among them, looked up from the few known ones
            for (long k : known) {
                int at = Arrays.binarySearch(n, k);
                count -= at >= 0 && numberDf[at] <= max ? 1 : 0;
            }
            for (long k : knownC) {
                int at = Arrays.binarySearch(n, k);
                count -= at >= 0 && numberDf[at] <= max && Arrays.binarySearch(known, k) < 0 ? 1 : 0;
            }
            return count;
        }
    }

    private static int[] numberDfs(long[] numbers, java.util.function.LongToIntFunction df) {
        int[] out = new int[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            out[i] = df.applyAsInt(numbers[i] ^ StoryIndex.NUMBER_SALT);
        }
        return out;
    }

    /**
     * The keys of the names the classifier found in an article (officials and places below a
     * country, by the last words of their id, as {@link TextFeatures#names} keys a name): a
     * minister's or a city's name says who and where, which the actor and place signals weigh;
     * it is no fact of one event. Sorted.
     */
    static long[] knownNames(Who who) {
        long[] out = new long[who.actors().size() + who.places().size()];
        int n = 0;
        for (java.util.Set<String> ids : List.of(who.actors(), who.places())) {
            for (String id : ids) {
                if (id.indexOf('-') > 0 && isPerson(id)) {
                    out[n++] = ID_KEYS.computeIfAbsent(id, x -> TextFeatures.nameKey(List.of(x.split("-"))));
                }
            }
        }
        long[] sorted = Arrays.copyOf(out, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The name key of each official's and place's id seen: the dictionaries' ids, a bounded set. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Long> ID_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean isKnown(long x, long[] a, long[] b) {
        return Arrays.binarySearch(a, x) >= 0 || Arrays.binarySearch(b, x) >= 0;
    }

    /**
     * How many of the known names ({@code knownA} and {@code knownC}, each counted once) a sorted
     * array of specifics holds and {@code also} accepts: looked up from the few known names, not
     * the many specifics.
     */
    private static int knownIn(long[] sorted, long[] knownA, long[] knownC, java.util.function.LongPredicate also) {
        int n = 0;
        for (long k : knownA) {
            n += Arrays.binarySearch(sorted, k) >= 0 && also.test(k) ? 1 : 0;
        }
        for (long k : knownC) {
            n += Arrays.binarySearch(knownA, k) < 0 && Arrays.binarySearch(sorted, k) >= 0 && also.test(k) ? 1 : 0;
        }
        return n;
    }

    /**
     * The same-story signals of an article against one report (see {@link StoryModel.Signals}),
     * or {@code null} when the pair does not pass the gate: no shared actor, dates further apart
     * than the window, or (in one language) fewer shared rare terms than {@value #MIN_TERMS} and no
     * shared quotation. {@code storyReports} is how many reports the report's story has: a fact or
     * a quotation that every report of one event repeats is still specific to it, so the document
     * frequency up to which it counts grows by them.
     */
    static StoryModel.Signals signals(Probe a, Compared report, int storyReports, int windowDays) {
        LocalDate published = report.published();
        TextFeatures c = report.f();
        Who cw = report.who();
        long[] knownC = report.known();
        int shared = 0;
        int people = 0;
        int[] xa = a.actors();
        int[] xc = report.actors();
        for (int i = 0, j = 0; i < xa.length && j < xc.length; ) {
            if (xa[i] < xc[j]) {
                i++;
            } else if (xa[i] > xc[j]) {
                j++;
            } else {
                shared++;
                people += xa[i] & 1;
                i++;
                j++;
            }
        }
        Long days = a.published() == null || published == null ? null
                : Math.abs(ChronoUnit.DAYS.between(a.published(), published));
        if (shared == 0 || days != null && days > windowDays) {
            return null;
        }
        int all = a.who().actors().size() + cw.actors().size() - shared;
        long[] ta = a.f().terms();
        long[] tb = c.terms();
        // one pass gives the idf-weighted and the idf-squared-weighted shares
        double[] sharedSquares = new double[1];
        double sharedTerms = TextFeatures.sharedWeight(ta, a.termIdf(), tb, sharedSquares);
        double fromA = a.massA() == 0 ? 0 : sharedTerms / a.massA();
        double fromC = tb.length == 0 || a.meanIdf() == 0 ? 0 : Math.min(1, sharedTerms / (tb.length * a.meanIdf()));
        int max = a.factDf() + Math.max(0, storyReports - 1);
        java.util.function.LongToIntFunction df = a.df();
        int quotes = TextFeatures.shared(a.f().quoteGrams(), c.quoteGrams());
        double terms = Math.sqrt(fromA * fromC);
        if (terms < MIN_TERMS && quotes < 2 && !a.who().otherLanguage(cw)) {
            // actors, speaker and dates alone are what two statements of one minister in one week
            // share: in one language, a story needs its own words (rare terms) or the same quotation
            return null;
        }
        boolean speaker = false;
        for (String x : a.who().speakers()) {
            speaker |= cw.speakers().contains(x);
        }
        int factsA = a.facts(max, knownC);
        // the report's specifics and those the two share in one merge of the sorted arrays; a shared
        // one's document frequency is the article's, looked up once per judgement
        long[] na = a.f().numbers();
        int[] dfA = a.numberDf();
        long[] nc = c.numbers();
        int factsC = 0;
        int factsShared = 0;
        for (int i = 0, j = 0; j < nc.length; j++) {
            long x = nc[j];
            while (i < na.length && na[i] < x) {
                i++;
            }
            boolean both = i < na.length && na[i] == x;
            if ((both ? dfA[i] : df.applyAsInt(x ^ StoryIndex.NUMBER_SALT)) <= max) {
                factsC++;
                if (both && !isKnown(x, a.known(), knownC)) {
                    factsShared++;
                }
            }
        }
        factsC -= knownIn(nc, a.known(), knownC, x -> df.applyAsInt(x ^ StoryIndex.NUMBER_SALT) <= max);
        // the shared compounds few recent articles state (a document frequency looked up for shared ones only)
        int compounds = (int) TextFeatures.sharedWeight(a.f().compounds(), c.compounds(),
                k -> df.applyAsInt(k ^ StoryIndex.COMPOUND_SALT) <= max ? 1 : 0);
        int rareQuotes = quotes == 0 ? 0 : (int) TextFeatures.sharedWeight(a.f().quoteGrams(), c.quoteGrams(),
                q -> df.applyAsInt(q ^ StoryIndex.QUOTE_SALT) <= max ? 1 : 0);
        boolean headlines = a.f().title().length > 0 && c.title().length > 0;
        // the same share with each term weighed by its idf squared: a term few articles hold counts far
        // more than a theme's word, which a day of news on one conflict repeats in every report
        double sharedSquared = sharedSquares[0];
        double rarerA = a.massSquared() == 0 ? 0 : sharedSquared / a.massSquared();
        double rarerC = tb.length == 0 || a.meanSquared() == 0 ? 0 : Math.min(1, sharedSquared / (tb.length * a.meanSquared()));
        double rarerTerms = Math.sqrt(rarerA * rarerC);
        return new StoryModel.Signals(days, windowDays, quotes, rareQuotes, rarerTerms, terms, shared / (double) all, people, a.people(),
                report.people(), speaker, headlines ? headline(a, report) : 0, headlines, numbers(a.f().numbers(), c.numbers(), a.known(), knownC), factsA,
                factsC, factsShared, compounds, Math.min(a.f().words(), c.words()), a.articles(), a.who().otherLanguage(cw),
                jaccard(a.who().places(), cw.places()), a.who().sameKind(cw));
    }

    /** Shared ids over all ids of the two sets; 0 when both are empty. */
    static double jaccard(java.util.Set<String> a, java.util.Set<String> b) {
        int shared = 0;
        for (String x : a) {
            if (b.contains(x)) {
                shared++;
            }
        }
        int all = a.size() + b.size() - shared;
        return all == 0 ? 0 : shared / (double) all;
    }

    /** How many officials an article names. */
    static int people(Who who) {
        int n = 0;
        for (String x : who.actors()) {
            if (isPerson(x)) {
                n++;
            }
        }
        return n;
    }

    /** Whether an actor id is an official's ({@code sergey-lavrov}), not a state's, institution's or organisation's. */
    static boolean isPerson(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (Character.isLowerCase(id.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same-story score of an article against one report: the gate (a shared actor, and dates
     * within the window when both are dated), then the signals weighed by {@link StoryModel}, a
     * probability that both report one event, with each signal's part in {@code why}.
     */
    static Pair pair(Probe a, Compared report, int storyReports, int windowDays) {
        StoryModel.Signals s = signals(a, report, storyReports, windowDays);
        if (s == null) {
            return new Pair(null, 0);
        }
        return new Pair(s, StoryModel.score(s));
    }

    /**
     * Headline against headline and headline against lead, both ways: the idf-weighted share of a
     * headline's terms found in the other article's headline and lead, the larger of the two ways.
     */
    static double headline(Probe a, Compared c) {
        return Math.max(share(a.f().title(), c.titleAndLead(), a.idf()),
                share(c.f().title(), a.titleAndLead(), a.idf()));
    }

    private static double share(long[] of, long[] in, java.util.function.LongToDoubleFunction idf) {
        double mass = 0;
        for (long t : of) {
            mass += idf.applyAsDouble(t);
        }
        return mass == 0 ? 0 : TextFeatures.sharedWeight(of, in, idf) / mass;
    }

    private static long[] union(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        Arrays.sort(out);
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (n == 0 || out[n - 1] != out[i]) {
                out[n++] = out[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Shared numbers and names over the fewer of the two texts' (0 when either states none), the names a reader knows left out. */
    static double numbers(long[] a, long[] b, long[] knownA, long[] knownC) {
        int fewer = Math.min(a.length - knownIn(a, knownA, knownC, x -> true), b.length - knownIn(b, knownA, knownC, x -> true));
        if (fewer <= 0) {
            return 0;
        }
        int shared = TextFeatures.shared(a, b) - knownIn(a, knownA, knownC, x -> Arrays.binarySearch(b, x) >= 0);
        return shared / (double) fewer;
    }


    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Orders neighbours the most similar first. */
    static final Comparator<Neighbour> NEAREST = Comparator.comparingDouble((Neighbour x) -> Math.max(x.similarity(),
            x.storyScore())).reversed().thenComparing(Neighbour::file);


}
