package org.dipwatch.dedup;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongToDoubleFunction;
import org.dipwatch.model.Verdict;

/**
 * What the story judgement keeps in memory, so that judging one article reads no database and
 * costs what its candidates cost, not the corpus or the story:
 * <ul>
 * <li>for every article: the LSH bands ({@link NearDuplicateIndex}), 16 bits of each signature
 *     value (for the Jaccard estimate; 256 bytes), its first {@value #BAND_VALUES} signature values
 *     in full (to refill the LSH table), its shingle count, file, outlet and story;</li>
 * <li>for every outlet: how many of its articles hold each paragraph (the boilerplate count);</li>
 * <li>the document frequencies of the latest articles ({@link TermCounts});</li>
 * <li>for every open story (one of its reports among the latest {@code recentArticles}): the
 *     features of its lead report and of its latest {@value #RECENT_REPORTS} reports, and an
 *     inverted index from their headline, lead-paragraph and quotation terms and the numbers and
 *     names they state to the story.</li>
 * </ul>
 * A story is closed for good once {@code recentArticles} articles arrived after its latest report;
 * its features are then dropped. Everything here is a function of the stored rows in sequence
 * order, so {@link #load} after a restart gives what adding them one by one gave. Called under the
 * matcher's lock, except {@link #repeated}, which has its own.
 */
public final class StoryIndex {

    private static final int[] NO_INTS = new int[0];
    private static final long[] NO_LONGS = new long[0];

    /** Reports of a story besides its lead whose features are kept. */
    static final int RECENT_REPORTS = 3;
    /** Signature values kept in full per article: those the LSH bands are made of. */
    static final int BAND_VALUES = MinHash.BANDS * MinHash.ROWS;
    /** Weight of a shared quotation run when ranking candidate stories. */
    static final double QUOTE_KEY = 2.0;
    /** Postings a key may have and still be looked up at least (see {@link #commonLimit}). */
    static final int MIN_COMMON = 64;
    /** Salt that keeps quotation keys apart from term keys. */
    static final long QUOTE_SALT = 0x51ab_2c3d_4e5f_6071L;
    /**
     * Weight of a shared actor or place when ranking candidate stories in another language: below
     * a shared rare term's, so that stories in the article's language come first.
     */
    static final double ENTITY_KEY = 0.5;

    /**
     * The memory held.
     *
     * @param articles        articles known
     * @param openStories     stories open to new reports
     * @param reportsInMemory reports whose features are kept (leads and latest reports of open stories)
     * @param terms           distinct terms counted for the document frequencies
     * @param bytes           estimated bytes held
     */
    public record Usage(int articles, int openStories, int reportsInMemory, int terms, long bytes) {

        /** Estimated bytes per article. */
        public double bytesPerArticle() {
            return articles == 0 ? 0 : bytes / (double) articles;
        }
    }

    /** One report of a story: what alerts name, and the features while the story is open. */
    static final class Report {
        final long seq;
        final String file;
        final String title;
        final String outlet;
        final LocalDate published;
        TextFeatures features;
        Who who;
        private StoryMatcher.Compared compared;

        Report(StoryStore.Stored s, String outlet) {
            seq = s.seq();
            file = s.file();
            title = s.title();
            this.outlet = outlet;
            published = s.published();
            if (s.who() != null) {
                features = kept(s.features());
                who = s.who();
            }
        }

        /**
         * What a report keeps of its features: all but the signature and the paragraph hashes, which
         * the index holds for every article already (its 16-bit signature, the outlets' paragraph
         * counts) and a pair score does not read: a fifth of an open report's memory.
         */
        static TextFeatures kept(TextFeatures f) {
            return new TextFeatures(NO_INTS, f.shingles(), f.terms(), f.quoteGrams(), NO_LONGS, f.title(), f.lead(), f.numbers(),
                    f.compounds(), f.words(), f.repeated());
        }

        /** What a pair score needs of it (its features and who, the names it knows, its officials), made once. */
        StoryMatcher.Compared compared() {
            if (compared == null) {
                compared = StoryMatcher.Compared.of(published, features, who);
            }
            return compared;
        }
    }

    /**
     * One story: how many reports and until when; while it is open, its lead and latest reports too
     * (a closed story keeps none: {@link #reports} then reads them from the store).
     */
    static final class Story {
        final int no;
        final String id;
        Report lead;
        ArrayDeque<Report> recent = new ArrayDeque<>();
        int count;
        long lastSeq;
        boolean closed;
        /** The known languages of the lead and latest reports, each once (usually one): set as reports join. */
        String[] languages = NO_LANGUAGES;

        Story(int no, String id) {
            this.no = no;
            this.id = id;
        }
    }

    private final StoryMatcher.Thresholds thresholds;
    private final NearDuplicateIndex lsh;
    private int[] bands = new int[0];
    private short[] sig16 = new short[0];
    private int[] shingles = new int[0];
    private int[] storyNo = new int[0];
    private String[] files = new String[0];
    private int[] outletNo = new int[0];
    private int articles;
    private long lastSeq = -1;
    private final List<String> outlets = new ArrayList<>();
    private final Map<String, Integer> outletNos = new HashMap<>();
    /** Articles of an outlet holding a paragraph, by {@link #paragraphKey}; guarded by itself. */
    private final SmallCounts paragraphs = new SmallCounts(1 << 12);
    private final TermCounts df;
    private final List<Story> stories = new ArrayList<>();
    private final Map<String, Story> byId = new HashMap<>();
    private final Postings postings = new Postings();
    /** Actor and place ids → stories, for candidates in another language, which share no word. */
    private final Postings entities = new Postings();
    private List<Story> open = new ArrayList<>();
    private int addedSinceSweep;
    /** The candidate weights of one judgement, kept between judgements (they run one at a time). */
    private final Tally tally = new Tally();
    /** The stories an article's actors and places reach, checked for another language once each. */
    private final Tally entityTally = new Tally();
    /** The candidate stories of a judgement, chosen from {@link #tally}; reused, as the tallies are. */
    private final TopStories best = new TopStories();

    private StoryIndex(StoryMatcher.Thresholds thresholds, int expected) {
        this.thresholds = thresholds;
        this.df = new TermCounts(Math.max(1, thresholds.recentArticles() / 2));
        this.lsh = new NearDuplicateIndex(expected, each -> {
            for (int s = 0; s < files.length; s++) {
                if (files[s] != null) {
                    int[] sig = new int[MinHash.K];
                    System.arraycopy(bands, s * BAND_VALUES, sig, 0, BAND_VALUES);
                    each.accept(sig, s);
                }
            }
        });
    }

    /** The memory of a store's rows: light rows of all, full rows of the latest articles and of the open stories' reports. */
    static StoryIndex load(StoryStore store, StoryMatcher.Thresholds thresholds) {
        long last = store.lastSeq();
        // sized for the rows there are and an eighth more, so that neither the arrays nor the LSH
        // table grow (and refill) while they are read
        int expected = (int) Math.min(NearDuplicateIndex.MAX_SEQ, Math.max(1024, (last + 1) * 9 / 8));
        StoryIndex m = new StoryIndex(thresholds, expected);
        m.grow(expected - 1);
        store.forEachLight(-1, m::add);
        long dfFrom = m.df.firstCounted(m.lastSeq);
        Map<Long, Report> need = new HashMap<>();
        for (Story s : m.stories) {
            if (!m.closed(s)) {
                need.put(s.lead.seq, s.lead);
                s.recent.forEach(r -> need.put(r.seq, r));
            }
        }
        // the full rows of the latest articles (document frequencies, most open stories' reports) in
        // one read, the older reports of open stories by their numbers
        long fullFrom = Math.min(dfFrom, m.lastSeq - thresholds.recentArticles());
        store.forEachFull(fullFrom - 1, s -> {
            if (s.seq() >= dfFrom) {
                m.df.add(s.seq(), counted(s.features()));
            }
            Report r = need.remove(s.seq());
            if (r != null) {
                r.features = Report.kept(s.features());
                r.who = s.who();
            }
        });
        if (!need.isEmpty()) {
            long[] seqs = need.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            for (int i = 0; i < seqs.length; i += 500) {
                for (StoryStore.Stored s : store.bySeq(Arrays.copyOfRange(seqs, i, Math.min(seqs.length, i + 500)))) {
                    Report r = need.remove(s.seq());
                    if (r != null) {
                        r.features = Report.kept(s.features());
                        r.who = s.who();
                    }
                }
            }
        }
        m.open = new ArrayList<>();
        for (Story s : m.stories) {
            if (!m.closed(s)) {
                m.open.add(s);
                m.languagesOf(s); // the reports' languages are known only now
                m.index(s, s.lead, true);
                for (Report r : s.recent) {
                    m.index(s, r, true);
                }
            } else {
                m.close(s);
            }
        }
        return m;
    }

    NearDuplicateIndex lsh() {
        return lsh;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Which of these paragraph hashes the outlet printed in at least {@code min} stored articles; any thread. */
    Set<Long> repeated(String outlet, long[] hashes, int min) {
        Set<Long> out = new HashSet<>();
        long o = Hashing.string(outlet);
        synchronized (paragraphs) {
            for (long h : hashes) {
                if (paragraphs.get(paragraphKey(o, h)) >= min) {
                    out.add(h);
                }
            }
        }
        return out;
    }

    private static long paragraphKey(long outletHash, long paragraph) {
        return Hashing.mix(outletHash * 31 + paragraph);
    }

    /** Salts that keep number and quotation keys apart from term keys in the document frequencies. */
    static final long NUMBER_SALT = 0x6e75_6d62_6572_7321L;
    static final long COMPOUND_SALT = 0x636f_6d70_6f75_6e64L;

    /** What an article counts in the document frequencies: its terms, its numbers and its quotation runs (salted). */
    static long[] counted(TextFeatures f) {
        long[] out = new long[f.terms().length + f.numbers().length + f.quoteGrams().length + f.compounds().length];
        System.arraycopy(f.terms(), 0, out, 0, f.terms().length);
        int k = f.terms().length;
        for (long n : f.numbers()) {
            out[k++] = n ^ NUMBER_SALT;
        }
        for (long q : f.quoteGrams()) {
            out[k++] = q ^ QUOTE_SALT;
        }
        for (long c : f.compounds()) {
            out[k++] = c ^ COMPOUND_SALT;
        }
        return out;
    }

    /** Adds a stored article: a full row (with who) or a light one (while loading). */
    void add(StoryStore.Stored s) {
        int seq = Math.toIntExact(s.seq());
        if (seq < files.length && files[seq] != null) {
            return; // known already (caught up from the database after being added)
        }
        grow(seq);
        int[] sig = s.features().signature();
        for (int i = 0; i < MinHash.K; i++) {
            sig16[seq * MinHash.K + i] = (short) sig[i];
        }
        System.arraycopy(sig, 0, bands, seq * BAND_VALUES, BAND_VALUES);
        shingles[seq] = s.features().shingles();
        files[seq] = s.file();
        outletNo[seq] = outletNos.computeIfAbsent(s.outlet(), o -> {
            outlets.add(o);
            return outlets.size() - 1;
        });
        String outlet = outlets.get(outletNo[seq]);
        articles++;
        lastSeq = Math.max(lastSeq, seq);
        lsh.add(seq, sig);
        long o = Hashing.string(s.outlet());
        long[] held = s.features().paragraphs();
        synchronized (paragraphs) {
            for (int i = 0; i < held.length; i++) {
                if (!repeatsEarlier(held, i)) {
                    paragraphs.increment(paragraphKey(o, held[i]));
                }
            }
        }
        boolean full = s.who() != null;
        if (full) {
            df.add(seq, counted(s.features()));
        }
        Story story = byId.get(s.story());
        Report report = new Report(s, outlet);
        if (story == null) {
            story = new Story(stories.size(), s.story());
            stories.add(story);
            byId.put(story.id, story);
            story.lead = report;
            open.add(story);
            index(story, report, true);
        } else {
            if (!story.closed && seq - story.lastSeq > thresholds.recentArticles()) {
                close(story);
            }
            if (!story.closed) {
                story.recent.addLast(report);
                index(story, report, true);
                if (story.recent.size() > RECENT_REPORTS) {
                    index(story, story.recent.removeFirst(), false);
                }
            }
        }
        if (!story.closed) {
            languagesOf(story);
        }
        story.count++;
        story.lastSeq = Math.max(story.lastSeq, seq);
        storyNo[seq] = story.no;
        if (++addedSinceSweep >= Math.max(256, thresholds.recentArticles() / 8)) {
            sweep();
        }
    }

    /** Whether {@code values[i]} stands earlier in the array too (an article counts a paragraph once; it has a few). */
    private static boolean repeatsEarlier(long[] values, int i) {
        for (int j = 0; j < i; j++) {
            if (values[j] == values[i]) {
                return true;
            }
        }
        return false;
    }

    /** Whether a story is closed to new reports: closed for good, or no report among the latest {@code recentArticles}. */
    private boolean closed(Story s) {
        return s.closed || lastSeq - s.lastSeq >= thresholds.recentArticles();
    }

    /** Closes a story for good: its keys leave the postings and its reports the memory. */
    private void close(Story s) {
        if (!s.closed) {
            index(s, s.lead, false);
            s.recent.forEach(r -> index(s, r, false));
            s.closed = true;
            s.lead = null;
            s.recent = null;
        }
    }

    /** Closes the stories past the look-back and forgets their features. */
    private void sweep() {
        addedSinceSweep = 0;
        List<Story> still = new ArrayList<>();
        for (Story s : open) {
            if (closed(s)) {
                close(s);
            } else {
                still.add(s);
            }
        }
        open = still;
    }

    /** Adds or removes a report's keys (headline and lead terms, quotation runs, numbers and names) to the story's postings. */
    private void index(Story s, Report r, boolean add) {
        if (r.features == null) {
            return;
        }
        for (long[] keys : new long[][] {r.features.title(), r.features.lead()}) {
            for (long k : keys) {
                if (add) {
                    postings.add(k, s.no);
                } else {
                    postings.remove(k, s.no);
                }
            }
        }
        for (long q : r.features.quoteGrams()) {
            if (add) {
                postings.add(q ^ QUOTE_SALT, s.no);
            } else {
                postings.remove(q ^ QUOTE_SALT, s.no);
            }
        }
        // the numbers and names it states: the facts of its event, which other reports of the event
        // state in their own words (a common one, such as a minister's name, is skipped at lookup)
        for (long n : r.features.numbers()) {
            if (add) {
                postings.add(n ^ NUMBER_SALT, s.no);
            } else {
                postings.remove(n ^ NUMBER_SALT, s.no);
            }
        }
        if (r.who != null && r.who.language() != null) {
            for (long k : entityKeys(r.who)) {
                if (add) {
                    entities.add(k, s.no);
                } else {
                    entities.remove(k, s.no);
                }
            }
        }
    }

    /** The keys of the actors and places an article names, for the candidates in another language. */
    private static long[] entityKeys(Who who) {
        long[] out = new long[who.actors().size() + who.places().size()];
        int n = 0;
        for (String a : who.actors()) {
            out[n++] = Hashing.string("actor:" + a);
        }
        for (String p : who.places()) {
            out[n++] = Hashing.string("place:" + p);
        }
        return out;
    }

    /**
     * The languages any story's reports have been written in (grows only): while it holds no other
     * language than a judged article's, no story can be in another language, and the candidates
     * through actors and places (a tenth of a judgement in a desk of one language) are not gathered.
     */
    private final Set<String> storyLanguages = new HashSet<>();

    /** Whether any story, open or closed, was ever written in a language other than this one. */
    private boolean inOtherLanguages(String language) {
        return storyLanguages.size() > (storyLanguages.contains(language) ? 1 : 0);
    }

    /** Keeps a story's languages as its reports are known, and adds them to {@link #storyLanguages}. */
    private void languagesOf(Story s) {
        s.languages = languages(s);
        storyLanguages.addAll(Arrays.asList(s.languages));
    }

    /**
     * Whether a story holds a report in a known language other than this one (asked of every story an
     * article's actors and places reach, so answered from the languages kept as reports join).
     */
    private static boolean inAnotherLanguage(Story s, String language) {
        if (s.closed) {
            return false;
        }
        for (String l : s.languages) {
            if (!l.equals(language)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] NO_LANGUAGES = {};

    /** The known languages of an open story's lead and latest reports, each once. */
    private static String[] languages(Story s) {
        List<String> out = new ArrayList<>(2);
        for (Report r : s.recent) {
            language(r, out);
        }
        language(s.lead, out);
        return out.isEmpty() ? NO_LANGUAGES : out.toArray(NO_LANGUAGES);
    }

    private static void language(Report r, List<String> out) {
        if (r.who != null && r.who.language() != null && !out.contains(r.who.language())) {
            out.add(r.who.language());
        }
    }

    private void grow(int seq) {
        if (seq >= files.length) {
            int n = Math.max(1024, Math.max(seq + 1, files.length + files.length / 2));
            bands = Arrays.copyOf(bands, n * BAND_VALUES);
            sig16 = Arrays.copyOf(sig16, n * MinHash.K);
            shingles = Arrays.copyOf(shingles, n);
            storyNo = Arrays.copyOf(storyNo, n);
            files = Arrays.copyOf(files, n);
            outletNo = Arrays.copyOf(outletNo, n);
        }
    }

    String storyOf(long seq) {
        return seq < files.length && files[(int) seq] != null ? stories.get(storyNo[(int) seq]).id : null;
    }

    /**
     * A story's lead and latest reports, at most {@code max}, and its number of reports; {@code null}
     * for a closed story, whose reports the memory no longer holds.
     */
    StoryMatcher.Reports reports(String id, int max) {
        Story s = byId.get(id);
        if (s == null) {
            return new StoryMatcher.Reports(List.of(), 0);
        }
        if (s.closed) {
            return null;
        }
        List<StoryStore.Stored> shown = new ArrayList<>();
        shown.add(stored(s, s.lead));
        List<Report> recent = new ArrayList<>(s.recent);
        for (Report r : recent.subList(Math.max(0, recent.size() - Math.max(0, max - 1)), recent.size())) {
            shown.add(stored(s, r));
        }
        return new StoryMatcher.Reports(List.copyOf(shown), s.count);
    }

    private static StoryStore.Stored stored(Story s, Report r) {
        return new StoryStore.Stored(r.seq, r.file, r.title, r.outlet, r.published, null, null, s.id);
    }

    /** The estimated Jaccard similarity of a signature with an article's 16-bit one. */
    private double jaccard(int[] sig, int seq) {
        int same = 0;
        int base = seq * MinHash.K;
        for (int i = 0; i < MinHash.K; i++) {
            if ((short) sig[i] == sig16[base + i]) {
                same++;
            }
        }
        return same / (double) MinHash.K;
    }

    /** Postings a key may have and still be looked up: more, and it is too common to tell stories apart. */
    private int commonLimit() {
        return Math.max(MIN_COMMON, df.articles() / 50);
    }

    /** What scoring pairs needs of a judged article, against the document frequencies held now. */
    StoryMatcher.Probe probe(LocalDate published, TextFeatures f, Who who) {
        int n = df.articles();
        LongToDoubleFunction idf = t -> Math.log((n + 1.0) / (df.df(t) + 0.5));
        double massA = 0;
        double massSquared = 0;
        long[] terms = f.terms();
        double[] termIdf = new double[terms.length];
        for (int i = 0; i < terms.length; i++) {
            double v = idf.applyAsDouble(terms[i]);
            termIdf[i] = v;
            massA += v;
            massSquared += v * v;
        }
        return new StoryMatcher.Probe(published, f, who, idf, massA, terms.length == 0 ? 0 : massA / terms.length,
                massSquared, df::df, Math.max(StoryMatcher.FACT_MIN_DF, n / StoryMatcher.FACT_DF_PER), n, termIdf);
    }

    /** Judges an article's features against the memory (see {@link StoryMatcher}). */
    StoryMatcher.Judgement judge(LocalDate published, TextFeatures f, Who who, String outlet, long before) {
        StoryMatcher.Probe probe = probe(published, f, who);
        LongToDoubleFunction idf = probe.idf();
        // near-duplicate candidates: the LSH bands, the latest ones when a text was copied many times
        long[] lc = lsh.candidates(f.signature());
        if (lc.length > StoryMatcher.MAX_LSH_CANDIDATES) {
            Arrays.sort(lc);
            lc = Arrays.copyOfRange(lc, lc.length - StoryMatcher.MAX_LSH_CANDIDATES, lc.length);
        }
        // candidate stories: open stories sharing rare headline or lead terms, a quotation, or numbers
        // and names, best first
        Tally acc = tally.reset(stories.size());
        int common = commonLimit();
        for (long t : f.terms()) {
            int d = df.df(t);
            if (d <= common) {
                double w = idf.applyAsDouble(t);
                postings.addTo(acc, t, common, w);
            }
        }
        for (long q : f.quoteGrams()) {
            postings.addTo(acc, q ^ QUOTE_SALT, common, QUOTE_KEY);
        }
        for (long n : f.numbers()) {
            long key = n ^ NUMBER_SALT;
            int d = df.df(key);
            if (d <= common) {
                double w = idf.applyAsDouble(key);
                postings.addTo(acc, key, common, w);
            }
        }
        for (long seq : lc) {
            if (seq < before && seq < files.length && files[(int) seq] != null) {
                acc.add(storyNo[(int) seq], 0);
            }
        }
        // stories in another language share no words, only who and where: their candidates come
        // from the actors and places both name, the rarer ones (a common key is skipped)
        if (who.language() != null && inOtherLanguages(who.language())) {
            Tally named = entityTally.reset(stories.size());
            for (long k : entityKeys(who)) {
                entities.addTo(named, k, common, ENTITY_KEY);
            }
            for (int i = 0; i < named.size; i++) {
                int no = named.touched[i];
                if (inAnotherLanguage(stories.get(no), who.language())) {
                    acc.add(no, named.weight[no]);
                }
            }
        }
        List<Story> candidates = best.select(acc, thresholds.maxCandidates(), no -> {
            Story s = stories.get(no);
            return !closed(s) && s.lead.features != null && s.lead.seq < before && (published == null || s.lead.published == null
                    || Math.abs(published.toEpochDay() - s.lead.published.toEpochDay()) <= thresholds.windowDays());
        }, stories::get);
        // every compared article: near-duplicate check and, for reports of candidate stories, the pair score
        Map<Long, StoryMatcher.Neighbour> nearest = new HashMap<>();
        StoryMatcher.Neighbour bestNear = null;
        for (long seq : lc) {
            if (seq < before && seq < files.length && files[(int) seq] != null) {
                StoryMatcher.Neighbour nb = neighbour(f, (int) seq, null, null, () -> "");
                nearest.put(seq, nb);
                bestNear = better(bestNear, nb);
            }
        }
        Story joined = null;
        double joinedScore = 0;
        double share = thresholds.leadShare();
        for (Story s : candidates) {
            StoryMatcher.Pair lead = StoryMatcher.pair(probe, s.lead.compared(), s.count, thresholds.windowDays());
            StoryMatcher.Pair best = null;
            int atThreshold = lead.matches(thresholds, 1) ? 1 : 0;
            for (Report r : s.recent) {
                if (r.seq < before && r.features != null) {
                    StoryMatcher.Pair p = StoryMatcher.pair(probe, r.compared(), s.count, thresholds.windowDays());
                    StoryMatcher.Neighbour nb = neighbour(f, (int) r.seq, r, p, () -> "");
                    nearest.put(r.seq, nb);
                    bestNear = better(bestNear, nb);
                    atThreshold += p.matches(thresholds, 1) ? 1 : 0;
                    if (best == null || p.score() > best.score() || !best.gate() && p.gate()) {
                        best = p;
                    }
                }
            }
            // the story as a whole: the article is about the story's first event when it matches the
            // lead at the threshold; or the lead at the anchor share and one of the latest reports at
            // the threshold (a short lead, a fuller later report); or the lead at half the threshold and
            // one of the latest reports with near certainty (SURE); or two of the story's reports at the
            // threshold (the lead worded apart). A latest report that joined wrongly does not keep the
            // lead's event out, and nothing joins through one report the lead does not anchor, so the
            // story cannot drift from its first event one similar report at a time
            boolean leadAnchors = lead.matches(thresholds, share);
            double score = best == null ? lead.score() : Math.max(lead.score(), best.score());
            boolean joins = lead.matches(thresholds, 1) || leadAnchors && best != null && best.matches(thresholds, 1)
                    || atThreshold >= 2
                    || best != null && best.score() >= SURE && lead.matches(thresholds, SURE_LEAD_SHARE);
            // the reasons are read by `similar` and the logs, rarely: written only when asked for
            StoryMatcher.Pair bestOfRecent = best;
            int reports = s.count;
            int agreeing = atThreshold;
            java.util.function.Supplier<String> decision = () -> String.format(Locale.ROOT,
                    "; story %s of %d: lead %.3f%s, best latest %s, %d at the threshold -> %s", s.id, reports, lead.score(),
                    leadAnchors ? "" : " (below " + round(lead.threshold(thresholds) * share) + ")",
                    bestOfRecent == null ? "none" : String.valueOf(round(bestOfRecent.score())), agreeing,
                    joins ? "joins" : "apart");
            StoryMatcher.Neighbour ln = neighbour(f, (int) s.lead.seq, s.lead, lead, decision);
            nearest.put(s.lead.seq, ln);
            bestNear = better(bestNear, ln);
            if (joins && (joined == null || score > joinedScore)) {
                joined = s;
                joinedScore = score;
            }
        }
        // in no order: sorting them (a tenth of a judgement's time) is for `similar`, which asks nearestFirst()
        List<StoryMatcher.Neighbour> out = new ArrayList<>(nearest.values());
        if (bestNear != null && bestNear.level() == Verdict.NEAR_DUPLICATE) {
            return new StoryMatcher.Judgement(Verdict.NEAR_DUPLICATE, bestNear.file(), round(bestNear.similarity()),
                    bestNear.story(), out, f, outlet, who);
        }
        if (joined != null) {
            return new StoryMatcher.Judgement(Verdict.SAME_STORY, joined.lead.file, round(joinedScore), joined.id, out, f, outlet,
                    who);
        }
        return new StoryMatcher.Judgement(Verdict.NEW, null, null, null, out, f, outlet, who);
    }

    private static StoryMatcher.Neighbour better(StoryMatcher.Neighbour best, StoryMatcher.Neighbour nb) {
        if (nb.level() != Verdict.NEAR_DUPLICATE) {
            return best;
        }
        return best == null || nb.similarity() > best.similarity() ? nb : best;
    }

    private StoryMatcher.Neighbour neighbour(TextFeatures f, int seq, Report r, StoryMatcher.Pair p,
                                             java.util.function.Supplier<String> decision) {
        double j = jaccard(f.signature(), seq);
        int nA = f.shingles();
        int nC = shingles[seq];
        double inter = j * (nA + nC) / (1 + j);
        double containment = Math.min(nA, nC) == 0 ? 0 : Math.min(1, inter / Math.min(nA, nC));
        boolean near = j >= thresholds.nearThreshold() || containment >= thresholds.nearContainment() && j > 0.2
                || editedCopy(f, r, p, inter, containment);
        double score = p == null ? 0 : p.score();
        Verdict level = near ? Verdict.NEAR_DUPLICATE
                : p != null && p.matches(thresholds, 1) ? Verdict.SAME_STORY : Verdict.NEW;
        java.util.function.Supplier<String> why = near ? () -> String.format(Locale.ROOT, "jaccard %.2f, containment %.2f", j,
                containment) : () -> (p == null ? "" : p.why()) + decision.get();
        return new StoryMatcher.Neighbour(files[seq], r == null ? null : r.title, outlets.get(outletNo[seq]),
                stories.get(storyNo[seq]).id, round(j), round(score), level, why);
    }

    /**
     * A wire copy edited harder than the Jaccard threshold allows (a paragraph cut here, one added
     * there, a sentence reworded): the pair joins by the story model's threshold and the model is
     * all but certain that the two report one event ({@value #COPY_STORY}), at least
     * {@value #COPY_SHARE} of the shorter text's shingles are in the other, and what they share is
     * more than the quotations either of them carries, by at least {@value #COPY_OWN_WORDS} of the
     * shorter text. Two outlets quoting one readout at length share the quotation, not their own
     * words, and stay two reports.
     */
    private boolean editedCopy(TextFeatures f, Report r, StoryMatcher.Pair p, double inter, double containment) {
        if (p == null || r == null || r.features == null || containment < COPY_SHARE || !p.matches(thresholds, 1)
                || p.score() < COPY_STORY) {
            return false;
        }
        int quoted = Math.max(f.quoteGrams().length, r.features.quoteGrams().length);
        int shorter = Math.min(f.shingles(), r.features.shingles());
        return (inter - quoted) / shorter >= COPY_OWN_WORDS;
    }

    /**
     * Score against one of a story's latest reports from which the article joins with the lead at
     * {@value #SURE_LEAD_SHARE} of the threshold instead of the anchor share: the two are all but
     * certain to report one event (the same toll, town and officials, the same amount and firm), and
     * the lead, worded apart, still shares their theme. On the generated news days, 37 to 32 events
     * split (seed 42), 36 to 31 (seed 7), 26 to 25 (seed 99), no more stories merging events; the
     * development and real sets unchanged.
     */
    static final double SURE = 0.9;
    /** Share of the threshold the lead must reach when a latest report is {@link #SURE}. */
    static final double SURE_LEAD_SHARE = 0.5;

    /**
     * Story score from which a pair that shares that much text is an edited copy: a copy of one wire
     * agrees on everything (rare terms, headline, numbers, names, actors; 0.997-1.0 on the real
     * set), while texts written from the same stock phrases about other events do not (0.51-0.89
     * among the 10,000 items of the peers' benchmark, which share template sentences).
     */
    static final double COPY_STORY = 0.95;
    /** Share of the shorter text's shingles in the other from which a same-story pair is an edited copy. */
    static final double COPY_SHARE = 0.5;
    /** Share of the shorter text's shingles shared outside quotations from which a same-story pair is an edited copy. */
    static final double COPY_OWN_WORDS = 0.28;

    private static double round(double v) {
        return StoryMatcher.round(v);
    }

    Usage usage() {
        int reports = 0;
        long featureBytes = 0;
        for (Story s : open) {
            for (Report r : concat(s)) {
                if (r.features != null) {
                    reports++;
                    TextFeatures x = r.features;
                    featureBytes += 8L * (x.terms().length + x.quoteGrams().length + x.title().length + x.lead().length
                            + x.numbers().length + x.paragraphs().length) + 4L * x.signature().length + 200;
                }
            }
        }
        long perArticle = (long) files.length * (BAND_VALUES * 4 + MinHash.K * 2 + 4 + 4 + 4 + 8) + 64L * articles;
        long bytes = lsh.bytes() + perArticle + df.bytes() + paragraphs.bytes() + postings.bytes() + entities.bytes() + featureBytes
                + stories.size() * 120L + (tally.weight.length + entityTally.weight.length) * 9L
                + (tally.touched.length + entityTally.touched.length) * 4L;
        return new Usage(articles, open.size(), reports, df.terms(), bytes);
    }

    private static List<Report> concat(Story s) {
        List<Report> out = new ArrayList<>();
        out.add(s.lead);
        out.addAll(s.recent);
        return out;
    }

    /**
     * The {@code k} candidate stories of most weight (ties: the later story first) among those a
     * tally touched that can take the article. The touched stories are ranked by a min-heap of
     * story numbers, and a story's eligibility (open, its lead in the window) is asked of the best
     * ranked only, in rank order, until {@code k} are found: a few dozen of the thousands a judgement
     * can touch (asking every one, a walk over thousands of stories' objects, and sorting them all
     * were a tenth of a judgement).
     */
    static final class TopStories {
        private int[] heap = new int[32];
        private int size;
        private Tally tally;

        List<Story> select(Tally acc, int k, java.util.function.IntPredicate eligible, java.util.function.IntFunction<Story> story) {
            tally = acc;
            List<Story> out = new ArrayList<>(k);
            // the best ranked of all the touched stories first, then their eligibility in rank order: the k best eligible
            // are among them when k of them are eligible; else four times as many are ranked, until all are
            int ranked = Math.min(acc.size, Math.max(2 * k, 8));
            while (k > 0) {
                int[] best = top(acc, ranked);
                out.clear();
                for (int i = 0; i < best.length && out.size() < k; i++) {
                    if (eligible.test(best[i])) {
                        out.add(story.apply(best[i]));
                    }
                }
                if (out.size() == k || ranked >= acc.size) {
                    break;
                }
                ranked = (int) Math.min(acc.size, ranked * 4L);
            }
            tally = null;
            return out;
        }

        /** The {@code n} best ranked of the touched stories, best first: a min-heap of {@code n} over them, then sorted. */
        private int[] top(Tally acc, int n) {
            if (heap.length < n) {
                heap = new int[n];
            }
            size = 0;
            for (int i = 0; i < acc.size; i++) {
                int no = acc.touched[i];
                if (size < n) {
                    heap[size] = no;
                    up(size++);
                } else if (before(heap[0], no)) {
                    heap[0] = no;
                    down(0);
                }
            }
            int[] best = new int[size];
            for (int i = size - 1; i >= 0; i--) {
                best[i] = heap[0]; // the least left goes last
                heap[0] = heap[--size];
                down(0);
            }
            return best;
        }

        /** Whether story {@code a} ranks below story {@code b}: less weight, or as much and an earlier number. */
        private boolean before(int a, int b) {
            int c = Double.compare(tally.weight[a], tally.weight[b]);
            return c != 0 ? c < 0 : a < b;
        }

        private void up(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!before(heap[i], heap[parent])) {
                    return;
                }
                int t = heap[i];
                heap[i] = heap[parent];
                heap[parent] = t;
                i = parent;
            }
        }

        private void down(int i) {
            while (true) {
                int least = i;
                int l = 2 * i + 1;
                int r = l + 1;
                if (l < size && before(heap[l], heap[least])) {
                    least = l;
                }
                if (r < size && before(heap[r], heap[least])) {
                    least = r;
                }
                if (least == i) {
                    return;
                }
                int t = heap[i];
                heap[i] = heap[least];
                heap[least] = t;
                i = least;
            }
        }
    }

    /**
     * The weight each story gathers as a candidate during one judgement, by story number, without a
     * map or a boxed number per story: the arrays stay between judgements and a judgement only
     * clears the stories it touched.
     */
    static final class Tally {
        double[] weight = new double[1024];
        int[] touched = new int[256];
        int size;
        private boolean[] seen = new boolean[1024];

        /** Ready for a judgement over stories numbered below {@code stories}. */
        Tally reset(int stories) {
            for (int i = 0; i < size; i++) {
                weight[touched[i]] = 0;
                seen[touched[i]] = false;
            }
            size = 0;
            if (stories > weight.length) {
                int n = Math.max(stories, weight.length * 2);
                weight = Arrays.copyOf(weight, n);
                seen = Arrays.copyOf(seen, n);
            }
            return this;
        }

        void add(int story, double w) {
            if (!seen[story]) {
                seen[story] = true;
                if (size == touched.length) {
                    touched = Arrays.copyOf(touched, size * 2);
                }
                touched[size++] = story;
            }
            weight[story] += w;
        }
    }

    /**
     * Key → stories, for the open stories' reports: a key maps to a list of story numbers (one
     * entry per report holding it). A key held by more than the common limit is skipped at lookup.
     */
    static final class Postings {
        private final LongIntMap lists = new LongIntMap(1 << 12);
        private int[][] entries = new int[1024][];
        private int[] sizes = new int[1024];
        private int used;
        private final ArrayDeque<Integer> free = new ArrayDeque<>();

        void add(long key, int story) {
            int l = lists.get(key, -1);
            if (l < 0) {
                l = free.isEmpty() ? used++ : free.pop();
                if (l >= entries.length) {
                    entries = Arrays.copyOf(entries, entries.length * 2);
                    sizes = Arrays.copyOf(sizes, sizes.length * 2);
                }
                entries[l] = new int[2];
                sizes[l] = 0;
                lists.put(key, l);
            }
            if (sizes[l] == entries[l].length) {
                entries[l] = Arrays.copyOf(entries[l], sizes[l] * 2);
            }
            entries[l][sizes[l]++] = story;
        }

        void remove(long key, int story) {
            int l = lists.get(key, -1);
            if (l < 0) {
                return;
            }
            int[] e = entries[l];
            for (int i = 0; i < sizes[l]; i++) {
                if (e[i] == story) {
                    e[i] = e[--sizes[l]];
                    if (sizes[l] == 0) {
                        lists.remove(key);
                        entries[l] = null;
                        free.push(l);
                    }
                    return;
                }
            }
        }

        /** Adds {@code w} to the tally of each story of a key, unless it has more than {@code limit}. */
        void addTo(Tally tally, long key, int limit, double w) {
            int l = lists.get(key, -1);
            if (l < 0 || sizes[l] > limit) {
                return;
            }
            int[] e = entries[l];
            for (int i = 0; i < sizes[l]; i++) {
                tally.add(e[i], w);
            }
        }

        long bytes() {
            long b = lists.bytes() + entries.length * 8L + sizes.length * 4L;
            for (int i = 0; i < used; i++) {
                if (entries[i] != null) {
                    b += 16 + entries[i].length * 4L;
                }
            }
            return b;
        }
    }
}
