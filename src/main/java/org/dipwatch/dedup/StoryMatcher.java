package org.dipwatch.dedup;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dipwatch.model.Article;
import org.dipwatch.model.Verdict;

/**
 * Judges an article that is no exact copy against the whole corpus: a near-duplicate of one
 * article (the same text with small edits: MinHash Jaccard of 3-word shingles at or above the
 * threshold, or one text nearly contained in the other), another report of one story (a
 * different write-up of the same event), or a new story. Rules apply in that order.
 *
 * <p>Candidates come from two places, so a lookup costs what its candidates cost, not the
 * corpus: the LSH index in memory (articles sharing a band of the signature) and the index
 * database (the latest articles naming one of the same actors, within the date window or
 * undated). A story needs a shared actor and, when both dates are known, dates at most
 * {@code windowDays} apart; when one is unknown, a shared quotation. Then a score of shared
 * quotations, shared rare terms (inverse document frequency), shared actors, the same speaker
 * and date proximity must reach the story threshold. Boilerplate never counts (see
 * {@link Boilerplate}).
 */
public final class StoryMatcher {

    /**
     * The thresholds, from {@code dipwatch.dedup.*}.
     *
     * @param nearThreshold   estimated Jaccard similarity from which an article is a near-duplicate
     * @param nearContainment share of the shorter text's shingles found in the longer one from which it is a near-duplicate
     * @param windowDays      largest number of days between two dated reports of one story
     * @param storyThreshold  score from which an article joins a story
     * @param boilerplateMin  articles of one outlet that must hold a paragraph for it to be boilerplate
     * @param maxCandidates   most recent articles sharing an actor that are scored
     */
    public record Thresholds(double nearThreshold, double nearContainment, int windowDays, double storyThreshold,
                             int boilerplateMin, int maxCandidates) {

        /** The shipped defaults (as in {@code dipwatch-defaults.properties}). */
        public static Thresholds defaults() {
            return new Thresholds(0.36, 0.9, 3, 0.26, 3, 300);
        }
    }

    /**
     * One corpus article compared with the judged one.
     *
     * @param file       the corpus file
     * @param title      its title, or {@code null}
     * @param outlet     who published it
     * @param story      its story
     * @param similarity estimated Jaccard similarity of the texts
     * @param storyScore the same-story score (0 when the gate is not passed)
     * @param level      the verdict the judged article would get against this one alone
     * @param why        the signals that made the score
     */
    public record Neighbour(String file, String title, String outlet, String story, double similarity, double storyScore,
                            Verdict level, String why) {
    }

    /**
     * The judgement of one article.
     *
     * @param verdict    {@code NEW}, {@code NEAR_DUPLICATE} or {@code SAME_STORY}
     * @param of         the article it copies or the first report of its story; {@code null} for a new story
     * @param similarity Jaccard similarity with {@code of} (near-duplicate) or the story score (same story)
     * @param story      the story it belongs to; {@code null} for a new story until it is stored
     * @param nearest    the compared articles, the most similar first
     * @param features   its text features
     * @param outlet     who published it
     * @param who        its actors and speakers
     */
    public record Judgement(Verdict verdict, String of, Double similarity, String story, List<Neighbour> nearest,
                            TextFeatures features, String outlet, Who who) {
    }

    static final double W_QUOTE = 0.3;
    static final double W_TERMS = 0.8;
    static final double W_ACTORS = 0.2;
    static final double W_SPEAKER = 0.0;
    static final double W_DATE = 0.1;
    /** Most LSH candidates verified per lookup. */
    static final int MAX_LSH_CANDIDATES = 200;
    /** Shared rare terms below which only a shared quotation makes a story. */
    static final double MIN_TERMS = 0.10;

    private final StoryStore store;
    private final Thresholds thresholds;
    private final Boilerplate boilerplate = Boilerplate.packaged();
    private NearDuplicateIndex lsh;
    /** The highest sequence number in the in-memory index. */
    private long lastSeq = -1;

    /** A matcher over a store; the in-memory index is filled from the store's signatures. */
    public StoryMatcher(StoryStore store, Thresholds thresholds) {
        this.store = store;
        this.thresholds = thresholds;
        reload();
    }

    /** Refills the in-memory index from the store (after a rebuild). */
    public synchronized void reload() {
        NearDuplicateIndex fresh = new NearDuplicateIndex((int) Math.min(Integer.MAX_VALUE / 16, store.articles() + 1024), store);
        long[] last = {-1};
        store.forEach((sig, seq) -> {
            fresh.add(seq, sig);
            last[0] = Math.max(last[0], seq);
        });
        lsh = fresh;
        lastSeq = last[0];
    }

    /** The in-memory index (for its size). */
    public NearDuplicateIndex index() {
        return lsh;
    }

    /** Who published an article: the host of its URL, else the source it came through. */
    public static String outlet(String url, String source) {
        if (url != null) {
            try {
                String host = java.net.URI.create(url.trim()).getHost();
                if (host != null) {
                    return host.toLowerCase(java.util.Locale.ROOT).replaceFirst("^www\\.", "");
                }
            } catch (IllegalArgumentException e) {
                // not a URL: fall back to the source
            }
        }
        return source == null ? "unknown" : source;
    }

    /** The text features of an article from an outlet, its repeated paragraphs left out. */
    public TextFeatures features(Article article, String outlet) {
        return TextFeatures.of(article.body(),
                hashes -> store.repeatedParagraphs(outlet, hashes, thresholds.boilerplateMin()), boilerplate);
    }

    /** Judges an article against the corpus articles whose sequence number is below {@code before}. */
    public synchronized Judgement judge(Article article, Who who, String outlet, long before) {
        catchUp();
        TextFeatures f = features(article, outlet);
        List<Neighbour> nearest = compare(article.published(), f, who, before);
        Neighbour near = nearest.stream().filter(n -> n.level() == Verdict.NEAR_DUPLICATE)
                .max(Comparator.comparingDouble(Neighbour::similarity)).orElse(null);
        if (near != null) {
            return new Judgement(Verdict.NEAR_DUPLICATE, near.file(), round(near.similarity()), near.story(), nearest, f, outlet, who);
        }
        Neighbour same = nearest.stream().filter(n -> n.level() == Verdict.SAME_STORY)
                .max(Comparator.comparingDouble(Neighbour::storyScore)).orElse(null);
        if (same != null) {
            return new Judgement(Verdict.SAME_STORY, same.file(), round(same.storyScore()), same.story(), nearest, f, outlet, who);
        }
        return new Judgement(Verdict.NEW, null, null, null, nearest, f, outlet, who);
    }

    /** Records a stored article's features and story in the transaction that stores it; returns its story. */
    public String save(Connection c, long seq, String file, String articleId, Article article, Judgement j) throws SQLException {
        String story = j.story() != null ? j.story() : newStoryId(articleId);
        store.save(c, new StoryStore.Stored(seq, file, article.title(), j.outlet(), article.published(), j.features(), j.who(), story),
                j.features().paragraphs(), j.verdict().label(), j.of(), j.similarity());
        return story;
    }

    /** The id of the story an article starts: {@code st-} and the article's 16 hex digits. */
    public static String newStoryId(String articleId) {
        return "st-" + articleId;
    }

    /** The store behind the matcher. */
    public StoryStore store() {
        return store;
    }

    /** The stored reports of a story, oldest first. */
    public List<StoryStore.Stored> reports(String story) {
        return store.story(story);
    }

    /** Adds a stored article to the in-memory index, once its transaction committed. */
    public synchronized void added(long seq, TextFeatures f) {
        long before = lastSeq;
        catchUp(); // finds it (committed) when its number is above what the index held
        if (seq <= before) {
            // a number below the index's latest (a file given a free lower number by hand): catchUp skips it
            lsh.add(seq, f.signature());
        }
    }

    /** Adds what another process (the CLI beside the daemon) stored since the index last looked. */
    private void catchUp() {
        store.forEachAfter(lastSeq, (sig, seq) -> {
            lsh.add(seq, sig);
            lastSeq = Math.max(lastSeq, seq);
        });
    }

    private List<Neighbour> compare(LocalDate published, TextFeatures f, Who who, long before) {
        Map<Long, StoryStore.Stored> candidates = new LinkedHashMap<>();
        long[] lshCandidates = lsh.candidates(f.signature());
        if (lshCandidates.length > MAX_LSH_CANDIDATES) {
            // a text copied into the corpus many times over (near-duplicates stored): the latest copies suffice
            java.util.Arrays.sort(lshCandidates);
            lshCandidates = java.util.Arrays.copyOfRange(lshCandidates, lshCandidates.length - MAX_LSH_CANDIDATES,
                    lshCandidates.length);
        }
        for (StoryStore.Stored s : store.bySeq(lshCandidates)) {
            if (s.seq() < before) {
                candidates.put(s.seq(), s);
            }
        }
        if (!who.actors().isEmpty()) {
            LocalDate from = published == null ? null : published.minusDays(thresholds.windowDays());
            LocalDate to = published == null ? null : published.plusDays(thresholds.windowDays());
            for (StoryStore.Stored s : store.byActors(who.actors(), from, to, thresholds.maxCandidates())) {
                if (s.seq() < before) {
                    candidates.putIfAbsent(s.seq(), s);
                }
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<Long, Integer> df = store.documentFrequencies(f.terms());
        // N of the document frequencies: the articles in the index, counted in memory (a COUNT in the
        // database would cost what the corpus costs)
        double n = lsh.size();
        double massA = 0;
        for (long t : f.terms()) {
            massA += idf(df.getOrDefault(t, 0), n);
        }
        double meanIdf = f.terms().length == 0 ? 0 : massA / f.terms().length;
        List<Neighbour> out = new ArrayList<>();
        for (StoryStore.Stored c : candidates.values()) {
            double j = MinHash.jaccard(f.signature(), c.features().signature());
            int nA = f.shingles();
            int nC = c.features().shingles();
            double inter = j * (nA + nC) / (1 + j);
            double containment = Math.min(nA, nC) == 0 ? 0 : Math.min(1, inter / Math.min(nA, nC));
            boolean near = j >= thresholds.nearThreshold() || containment >= thresholds.nearContainment() && j > 0.2;
            // same story: the gate, then the score
            Set<String> sharedActors = new HashSet<>(who.actors());
            sharedActors.retainAll(c.who().actors());
            Set<String> allActors = new HashSet<>(who.actors());
            allActors.addAll(c.who().actors());
            int quotes = TextFeatures.shared(f.quoteGrams(), c.features().quoteGrams());
            Long days = published == null || c.published() == null ? null
                    : Math.abs(ChronoUnit.DAYS.between(published, c.published()));
            boolean gate = !sharedActors.isEmpty()
                    && (days != null ? days <= thresholds.windowDays() : quotes >= 2);
            double score = 0;
            boolean sharesWhatHappened = false;
            String why = "";
            if (gate) {
                long[] a = f.terms();
                long[] b = c.features().terms();
                double shared = TextFeatures.sharedWeight(a, b, t -> idf(df.getOrDefault(t, 0), n));
                double fromA = massA == 0 ? 0 : shared / massA;
                double fromC = b.length == 0 || meanIdf == 0 ? 0 : Math.min(1, shared / (b.length * meanIdf));
                double terms = Math.sqrt(fromA * fromC);
                // actors, speaker and dates alone are what two statements of one minister in one week
                // share: a story needs its own words (rare terms) or the same quotation
                sharesWhatHappened = terms >= MIN_TERMS || quotes >= 2;
                double quote = Math.min(1, quotes / 4.0);
                double actors = sharedActors.size() / (double) allActors.size();
                Set<String> speakers = new HashSet<>(who.speakers());
                speakers.retainAll(c.who().speakers());
                double speaker = speakers.isEmpty() ? 0 : 1;
                double date = days == null ? 0.5 : 1 - days / (thresholds.windowDays() + 1.0);
                // weights chosen on the development set (docs/stories.md): shared rare terms carry a story;
                // a shared quotation and shared actors add to them; the same speaker alone says little
                // (a ministry's briefings all have one), so it only breaks ties
                score = W_QUOTE * quote + W_TERMS * terms + W_ACTORS * actors + W_SPEAKER * speaker + W_DATE * date;
                why = String.format(java.util.Locale.ROOT, "quotes %d, rare terms %.2f, actors %d/%d, speaker %s, days %s",
                        quotes, terms, sharedActors.size(), allActors.size(), speaker > 0 ? "same" : "different",
                        days == null ? "unknown" : days.toString());
                if (Boolean.getBoolean("dipwatch.dedup.trace")) {
                    why += String.format(java.util.Locale.ROOT, "|%d\t%.3f\t%.3f\t%d\t%d\t%.3f\t%d\t%d\t%.0f\t%s\t%d",
                            quotes, shared, massA, a.length, b.length, meanIdf, sharedActors.size(), allActors.size(), speaker,
                            days == null ? "-1" : days.toString(), TextFeatures.shared(a, b));
                }
            }
            Verdict level = near ? Verdict.NEAR_DUPLICATE
                    : gate && sharesWhatHappened && score >= thresholds.storyThreshold() ? Verdict.SAME_STORY : Verdict.NEW;
            out.add(new Neighbour(c.file(), c.title(), c.outlet(), c.story(), round(j), round(score), level,
                    near ? String.format(java.util.Locale.ROOT, "jaccard %.2f, containment %.2f", j, containment) : why));
        }
        out.sort(Comparator.comparingDouble((Neighbour x) -> Math.max(x.similarity(), x.storyScore())).reversed());
        return out;
    }

    private static double idf(int df, double n) {
        return Math.log((n + 1) / (df + 0.5));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
