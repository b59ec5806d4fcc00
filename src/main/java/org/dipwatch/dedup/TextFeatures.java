package org.dipwatch.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongToDoubleFunction;
import org.dipwatch.model.Article;
import org.dipwatch.text.Runs;

/**
 * What the near-duplicate and story judgements compare of an article's text, boilerplate left
 * out: the MinHash signature of its 3-word shingles, its rare-term candidates (words of three or
 * more characters that are no stop words, and pairs of adjacent ones: the first
 * {@value #MAX_TERMS} distinct ones in reading order, so that a long text costs what a
 * 3-page article costs), the terms of its headline and of its lead paragraph, the numbers it
 * states, the 5-word runs inside its quotations, and the hashes of its paragraphs (for the
 * per-outlet boilerplate count).
 *
 * @param signature  {@link MinHash#K} minimum hashes of the shingles
 * @param shingles   how many distinct shingles the text has
 * @param terms      distinct term hashes, sorted
 * @param quoteGrams distinct hashes of 5-word runs inside quotation marks, sorted
 * @param paragraphs hashes of every paragraph (boilerplate included), in order
 * @param title      distinct term hashes of the headline, sorted (empty without one)
 * @param lead       distinct term hashes of the first paragraph after the headline, sorted
 * @param numbers    distinct hashes of the specifics the text states, sorted: its numbers (not years, not days
 *                   of a month) and the capitalised names of two or more words in its body (people, vessels,
 *                   firms, places: by their last two folded words); which of them are specific to one event
 *                   is for the document frequencies and the classifier's known names to say
 * @param compounds  distinct hashes of the specifics one sentence states together, sorted: a number with a name,
 *                   a capitalised word or another number beside it ({@link #compounds})
 * @param words      how many words the text has, boilerplate left out
 * @param repeated   the paragraph hashes left out as the outlet's repeated paragraphs, sorted
 */
public record TextFeatures(int[] signature, int shingles, long[] terms, long[] quoteGrams, long[] paragraphs, long[] title,
                           long[] lead, long[] numbers, long[] compounds, int words, long[] repeated) {

    /** Words in a shingle. */
    static final int SHINGLE = 3;
    /** Words in a quoted run: a shared quotation is one of at least this many words. */
    static final int QUOTE_GRAM = 5;
    /** Most distinct terms kept of one text, in reading order. */
    public static final int MAX_TERMS = 320;
    /** Most quotation runs kept of one text. */
    static final int MAX_QUOTES = 256;
    /** Most terms kept of a headline or a lead paragraph. */
    static final int MAX_HEAD = 48;

    private static final Set<String> STOP = stopWords();
    private static final Set<String> MONTHS = Set.of("january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
            "oct", "nov", "dec");

    /**
     * The text an article's features are made of, folded and hashed per paragraph: what does not
     * depend on the corpus, so that it can be computed anywhere, in parallel.
     *
     * @param folded     the folded paragraphs, headline first
     * @param hashes     their {@link Boilerplate#paragraphHash}
     * @param hasTitle   whether the first paragraph is a headline
     * @param raw        the paragraphs as printed (names are read from them)
     * @param published  the publication date, or {@code null}: a date the text states counts as a
     *                   specific when it is not within {@value #DATE_NEAR} days of it
     */
    record Text(List<String> folded, long[] hashes, boolean hasTitle, List<String> raw, java.time.LocalDate published) {
    }

    /** Most names kept of one text. */
    static final int MAX_NAMES = 32;
    /** Two or more capitalised words in a row (a connector such as al- or de between them): a name as printed. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(
            "\\b\\p{Lu}[\\p{L}'\u2019-]+(?:\\s+(?:(?:al-|el-|de\\s|of\\s)?\\p{Lu}[\\p{L}'\u2019-]+))+");

    /** The folded, hashed paragraphs of an article (headline first). */
    static Text text(Article article) {
        List<String> body = article.body();
        List<String> folded = new ArrayList<>(body.size());
        long[] hashes = new long[body.size()];
        for (int i = 0; i < body.size(); i++) {
            folded.add(ExactDedup.fold(body.get(i)));
            hashes[i] = Boilerplate.paragraphHash(folded.get(i));
        }
        return new Text(folded, hashes, article.title() != null, body, article.published());
    }

    /**
     * The features of an article's headline and paragraphs, leaving out credits and the paragraphs
     * its outlet repeats: {@code repeatedOf} answers, for the hashes of all paragraphs (by
     * {@link Boilerplate#paragraphHash}), those the outlet repeats. A paragraph the article
     * repeats itself counts once. Each paragraph is folded and hashed once.
     */
    public static TextFeatures of(Article article, Function<long[], Set<Long>> repeatedOf, Boilerplate boilerplate) {
        Text text = text(article);
        return of(text, repeatedOf.apply(text.hashes()), boilerplate);
    }

    /** The features of a folded text with these paragraph hashes taken for the outlet's repeated paragraphs. */
    static TextFeatures of(Text text, Set<Long> repeated, Boilerplate boilerplate) {
        List<String> folded = text.folded();
        long[] paragraphHashes = text.hashes();
        List<String> kept = new ArrayList<>();
        List<Integer> keptIndex = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Set<Long> dropped = new HashSet<>();
        int titleIndex = -1;
        int leadIndex = -1;
        for (int i = 0; i < folded.size(); i++) {
            if (repeated.contains(paragraphHashes[i])) {
                dropped.add(paragraphHashes[i]);
            } else if (!boilerplate.isBoilerplate(folded.get(i), paragraphHashes[i], Set.of()) && seen.add(paragraphHashes[i])) {
                if (i == 0 && text.hasTitle()) {
                    titleIndex = kept.size();
                } else if (leadIndex < 0) {
                    leadIndex = kept.size();
                }
                kept.add(folded.get(i));
                keptIndex.add(i);
            }
        }
        List<String> words = new ArrayList<>();
        List<String> numberTokens = new ArrayList<>();
        Set<Long> quoteGrams = new LinkedHashSet<>();
        long[] title = new long[0];
        long[] lead = new long[0];
        Set<Long> names = new LinkedHashSet<>();
        Set<Long> compounds = new LinkedHashSet<>();
        for (int k = 0; k < kept.size(); k++) {
            String p = kept.get(k);
            int from = words.size();
            numberTokens.addAll(tokens(p));
            // folded text has only straight double quotes: every other run between them is quoted
            String[] parts = p.split("\"", -1);
            for (int i = 0; i < parts.length; i++) {
                List<String> partWords = words(parts[i]);
                words.addAll(partWords);
                if (i % 2 == 1) {
                    long[] h = partWords.stream().mapToLong(Hashing::string).toArray();
                    for (int j = 0; j + QUOTE_GRAM <= h.length && quoteGrams.size() < MAX_QUOTES; j++) {
                        quoteGrams.add(Hashing.sequence(h, j, QUOTE_GRAM));
                    }
                }
            }
            if (k != titleIndex && names.size() < MAX_NAMES) {
                names(text.raw().get(keptIndex.get(k)), names);
            }
            if (compounds.size() < MAX_COMPOUNDS) {
                compounds(text.raw().get(keptIndex.get(k)), text.published(), compounds);
            }
            if (k == titleIndex) {
                title = terms(words.subList(from, words.size()), MAX_HEAD);
            } else if (k == leadIndex) {
                lead = terms(words.subList(from, words.size()), MAX_HEAD);
            }
        }
        long[] wordHashes = words.stream().mapToLong(Hashing::string).toArray();
        // the distinct shingles, sorted (a set of boxed numbers was a sixth of the features' time)
        int n = Math.min(SHINGLE, Math.max(1, wordHashes.length));
        long[] all = new long[Math.max(0, wordHashes.length - n + 1)];
        for (int i = 0; i < all.length; i++) {
            all[i] = Hashing.sequence(wordHashes, i, n);
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[distinct++] = all[i];
            }
        }
        long[] shingleArray = Arrays.copyOf(all, distinct);
        return new TextFeatures(MinHash.signature(shingleArray), shingleArray.length, terms(words, MAX_TERMS),
                sorted(quoteGrams), paragraphHashes, title, lead, union(numbers(numberTokens, text.published()), names), sorted(compounds), words.size(), sorted(dropped));
    }

    /**
     * The rare-term candidates of a run of words: content words (plural s dropped) and pairs of
     * adjacent content words, which name what an event is about ("water cannon", "planning group")
     * better than either word; the first {@code max} distinct ones in reading order, sorted.
     */
    static long[] terms(List<String> words, int max) {
        Set<Long> terms = new LinkedHashSet<>();
        long previous = 0;
        for (String w : words) {
            if (terms.size() >= max) {
                break;
            }
            if (w.length() >= 3 && !STOP.contains(w)) {
                long h = Hashing.string(stem(w));
                terms.add(h);
                if (previous != 0 && terms.size() < max) {
                    terms.add(Hashing.mix(previous * 31 + h));
                }
                previous = h;
            } else {
                previous = 0;
            }
        }
        return sorted(terms);
    }

    /**
     * The numbers a text states ("12 killed", "resolution 2728", "$1.5 billion" gives 1.5, "13,000"
     * gives 13000, "17:30" stays a time): runs of digits (with the decimal point, thousands
     * separators and colon between them), without years (1900-2099) and days of a month (next to a
     * month's name), which every report of one week shares. Words as {@link #tokens} reads them.
     */
    static long[] numbers(List<String> words) {
        return numbers(words, null);
    }

    /**
     * {@link #numbers(List)} of a text published on a date: a day of a month that is not within
     * {@value #DATE_NEAR} days of it ("a follow-up on March 30", "talks last held on January 13")
     * is one of the text's specifics, keyed by month and day.
     */
    static long[] numbers(List<String> words, java.time.LocalDate published) {
        Set<Long> out = new LinkedHashSet<>();
        for (int i = 0; i < words.size() && out.size() < MAX_HEAD; i++) {
            String w = words.get(i);
            if (isNumber(w)) {
                String month = i > 0 && MONTHS.contains(words.get(i - 1)) ? words.get(i - 1)
                        : i + 1 < words.size() && MONTHS.contains(words.get(i + 1)) ? words.get(i + 1) : null;
                if (w.length() <= 2 && w.chars().allMatch(Character::isDigit) && month != null) {
                    date(month, Integer.parseInt(w), published, out);
                } else {
                    number(w, out);
                }
                continue;
            }
            // a number written against its word, as Chinese and Japanese write it ("146名", "3架"): the
            // digit runs, except those a date's 年, 月, 日 or 号 follows
            Runs.of(w, Character::isDigit, (start, end) -> {
                if (end < w.length() && Character.UnicodeScript.of(w.charAt(end)) == Character.UnicodeScript.HAN
                        && DATE_UNITS.indexOf(w.charAt(end)) < 0) {
                    number(w.substring(start, end), out);
                }
            });
        }
        return sorted(out);
    }

    /** Days from the publication date within which a stated date is the event's own (every report of it states it). */
    static final int DATE_NEAR = 3;

    private static boolean isNumber(String w) {
        if (w.isEmpty() || !Character.isDigit(w.charAt(0)) || !Character.isDigit(w.charAt(w.length() - 1))) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!Character.isDigit(c) && c != '.' && c != ',' && c != ':') {
                return false;
            }
        }
        return true;
    }

    /** Adds a day of a month as a specific when it is further than {@value #DATE_NEAR} days from the publication date. */
    private static void date(String month, int day, java.time.LocalDate published, Set<Long> out) {
        if (published == null || day < 1 || day > 31) {
            return;
        }
        int m = MONTH_NUMBERS.get(month);
        java.time.LocalDate best = null;
        for (int y = published.getYear() - 1; y <= published.getYear() + 1; y++) {
            if (day <= java.time.YearMonth.of(y, m).lengthOfMonth()) {
                java.time.LocalDate d = java.time.LocalDate.of(y, m, day);
                if (best == null || Math.abs(d.toEpochDay() - published.toEpochDay()) < Math.abs(best.toEpochDay() - published.toEpochDay())) {
                    best = d;
                }
            }
        }
        if (best != null && Math.abs(best.toEpochDay() - published.toEpochDay()) > DATE_NEAR) {
            out.add(Hashing.string("#date " + best));
        }
    }

    private static final java.util.Map<String, Integer> MONTH_NUMBERS = monthNumbers();

    private static java.util.Map<String, Integer> monthNumbers() {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        String[] full = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december"};
        for (int i = 0; i < 12; i++) {
            out.put(full[i], i + 1);
            out.put(full[i].substring(0, 3), i + 1);
        }
        out.put("sept", 9);
        return java.util.Map.copyOf(out);
    }

    /**
     * The words of folded text as {@link #words} reads them, except that a decimal point, a
     * thousands separator or a colon between two digits stays inside the word: "1.5", "13,000",
     * "17:30" are one number each.
     */
    static List<String> tokens(String folded) {
        return split(folded, true);
    }

    /** The characters that make a number before them part of a date in Chinese and Japanese. */
    private static final String DATE_UNITS = "年月日号號時时分";

    /**
     * Adds a number (any script's digits, read as ASCII; a comma before three digits is a thousands
     * separator, else a decimal point) unless it is a year, 0 or 1.
     */
    private static void number(String digits, Set<Long> out) {
        StringBuilder ascii = new StringBuilder(digits.length());
        for (int k = 0; k < digits.length(); k++) {
            char c = digits.charAt(k);
            if (c == ',') {
                boolean thousands = k + 4 > digits.length() - 1 ? k + 4 == digits.length() : !Character.isDigit(digits.charAt(k + 4));
                if (!thousands) {
                    ascii.append('.');
                }
            } else {
                ascii.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : c);
            }
        }
        int zeros = 0;
        while (zeros < ascii.length() - 1 && ascii.charAt(zeros) == '0') {
            zeros++; // leading zeros, keeping the last character
        }
        String w = ascii.substring(zeros);
        boolean year = w.length() == 4 && (w.startsWith("19") || w.startsWith("20"));
        if (!year && !w.equals("0") && !w.equals("1")) {
            out.add(Hashing.string("#" + w));
        }
    }

    /**
     * The names a paragraph prints: runs of two or more capitalised words ("Cyclades Wind",
     * "Ahmed Haddad", "Gulf Meridian Shipping LLC"), leading stop words left out ("The", "In"), a
     * run in capitals (a dateline) skipped; each keyed by its last words ({@link #nameKey}), which
     * name the person or thing whatever title comes before them: "Foreign Minister Mauro Vieira"
     * and "Mauro Vieira" are one name, counted once in the document frequencies.
     */
    static void names(String paragraph, Set<Long> out) {
        java.util.regex.Matcher m = nameMatches(paragraph);
        for (int at = 0; out.size() < MAX_NAMES && nextName(m, paragraph, at); at = m.end()) {
            String name = m.group();
            if (name.equals(name.toUpperCase(java.util.Locale.ROOT))) {
                continue;
            }
            List<String> w = words(ExactDedup.fold(name));
            int from = 0;
            while (from < w.size() && STOP.contains(w.get(from))) {
                from++;
            }
            int to = w.size();
            if (to - from > 2 && w.get(to - 1).equals("s")) {
                to--; // a possessive: "Saudi Arabia's"
            }
            if (to - from >= 2) {
                out.add(nameKey(w.subList(from, to)));
            }
        }
    }

    /** A matcher of {@link #NAME} for {@link #nextName}: its bounds transparent, so that {@code \b} sees the text around a region. */
    static java.util.regex.Matcher nameMatches(String text) {
        return NAME.matcher(text).useTransparentBounds(true);
    }

    /**
     * {@code m.find()} for {@link #NAME}, tried only where a name can start (an upper-case letter)
     * instead of at every character: the regular expression tried at each position was a tenth of
     * a worker's time. {@code m} is from {@link #nameMatches}; looks from {@code from} on; false at the end.
     */
    static boolean nextName(java.util.regex.Matcher m, String text, int from) {
        int n = text.length();
        int i = from;
        while (i < n) {
            int c = text.codePointAt(i);
            if (Character.getType(c) == Character.UPPERCASE_LETTER) {
                m.region(i, n);
                if (m.lookingAt()) {
                    return true;
                }
            }
            i += Character.charCount(c);
        }
        return false;
    }

    /**
     * Last words that make a name a firm's or a body's: legal forms and the generic words that end
     * an organisation's name. Such a name is keyed by up to {@value #MAX_FIRM_WORDS} words, not two:
     * "Gulf Meridian Trading FZE" and "Polar Star Trading FZE" are two firms.
     */
    private static final Set<String> FIRMS = Set.of("llc", "ltd", "limited", "inc", "corp", "corporation", "company", "co", "plc",
            "gmbh", "ag", "sa", "spa", "srl", "bv", "nv", "fze", "fzco", "fz", "dmcc", "jsc", "pjsc", "ojsc", "cjsc", "llp", "lp",
            "holdings", "holding", "group", "services", "industries", "enterprises", "bank", "fund", "foundation");
    /** Most words of a firm's name key ({@link #FIRMS}). */
    static final int MAX_FIRM_WORDS = 4;

    /** Name particles that belong to the surname after them ("Abu Shamala", "al-Sharaa", "von der Leyen"). */
    private static final Set<String> PARTICLES = Set.of("abu", "al", "el", "bin", "ibn", "ben", "bint", "de", "der", "van", "von", "da",
            "di", "du", "le", "la", "dos", "das", "del");

    /**
     * The key of a name by its last two folded words, three when the second-last is a particle of
     * the surname ("ahmed abu shamala", "ahmed al sharaa"): the person or thing named, whatever
     * title comes before it, without accents. An official's id ({@code ahmed-al-sharaa}) split at
     * its hyphens gives the same key.
     */
    static long nameKey(List<String> words) {
        int n = words.size();
        int from = n >= 3 && PARTICLES.contains(words.get(n - 2)) ? n - 3 : n - 2;
        if (FIRMS.contains(words.get(n - 1))) {
            // a firm: its legal form and trade ("Trading FZE", "Oil Company") are what many firms share,
            // the words before them say which one; after a possessive ("Russia's Sovcomflot PJSC")
            from = Math.max(0, n - MAX_FIRM_WORDS);
            for (int i = n - 2; i >= from; i--) {
                if (words.get(i).equals("s")) {
                    from = i + 1;
                    break;
                }
            }
        }
        String name = String.join(" ", words.subList(from, n));
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                name = MARKS.matcher(java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)).replaceAll("");
                break;
            }
        }
        return Hashing.string("@" + name);
    }

    /** Combining marks, dropped from a name's key: "Noël" in a text and "noel" in an official's id are one name. */
    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");

    private static long[] union(long[] numbers, Set<Long> names) {
        Set<Long> all = new LinkedHashSet<>();
        for (long n : numbers) {
            all.add(n);
        }
        all.addAll(names);
        return sorted(all);
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compound specifics of one text from which no further number adds any ({@link #compounds}): a
     * text keeps this many and those of the number that reached it, some dozens in all.
     */
    static final int MAX_COMPOUNDS = 48;
    /** A sentence's end: '.', '!' or '?' (a closing quotation mark after it) before a space and a capital or an opening quotation mark. */
    private static final java.util.regex.Pattern SENTENCE = java.util.regex.Pattern.compile(
            "(?<=[.!?][\"”’]?)\\s+(?=[\"“‘]?\\p{Lu})");

    /**
     * The specifics one sentence states together: each number (or date away from the publication
     * day) with each name and capitalised word beside it, and with each other number ("19 killed and
     * 77 wounded in Deir al-Balah": 19 with Deir al-Balah, 77 with it, 19 with 77). A toll, an
     * amount or a count alone is common on a day of news on one conflict; the same number said of
     * the same place, person or body is what reports of one event share and reports of two do not.
     */
    static void compounds(String paragraph, java.time.LocalDate published, Set<Long> out) {
        if (!hasDigit(paragraph)) {
            return; // most paragraphs: nothing to split
        }
        for (String sentence : SENTENCE.split(paragraph)) {
            if (!hasDigit(sentence)) {
                continue;
            }
            long[] nums = numbers(tokens(ExactDedup.fold(sentence)), published);
            if (nums.length == 0) {
                continue;
            }
            Set<Long> anchors = new LinkedHashSet<>();
            names(sentence, anchors);
            // the capitalised words after the first (between spaces, without the punctuation around
            // them): places, bodies, surnames, acronyms
            boolean first = true;
            for (int i = 0, n = sentence.length(); i < n; ) {
                while (i < n && Character.isWhitespace(sentence.charAt(i))) {
                    i++;
                }
                int end = i;
                while (end < n && !Character.isWhitespace(sentence.charAt(end))) {
                    end++;
                }
                int from = i;
                int to = end;
                while (from < to && !Character.isLetter(sentence.charAt(from))) {
                    from++;
                }
                while (to > from && !Character.isLetter(sentence.charAt(to - 1))) {
                    to--;
                }
                if (!first && to - from >= 3 && Character.isUpperCase(sentence.charAt(from))) {
                    String w = ExactDedup.fold(sentence.substring(from, to));
                    if (!STOP.contains(w)) {
                        anchors.add(Hashing.string("^" + w));
                    }
                }
                first = first && end == i;
                i = end;
            }
            for (int i = 0; i < nums.length && out.size() < MAX_COMPOUNDS; i++) {
                for (long a : anchors) {
                    out.add(Hashing.mix(nums[i] * 31 + a));
                }
                for (int j = i + 1; j < nums.length; j++) {
                    out.add(Hashing.mix(nums[i] * 31 + nums[j]));
                }
            }
        }
    }

    /** A word without a plural or third-person {@code s}: "talks" and "talk" are one term. */
    static String stem(String w) {
        return w.length() > 4 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") ? w.substring(0, w.length() - 1) : w;
    }

    /** The words of folded text: runs of letters and digits. */
    static List<String> words(String folded) {
        return split(folded, false);
    }

    /** Runs of letters and digits, and (with {@code numbers}) a '.', ',' or ':' between two digits inside them. */
    private static List<String> split(String folded, boolean numbers) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= folded.length(); i++) {
            char c = i < folded.length() ? folded.charAt(i) : ' ';
            boolean inside = Character.isLetterOrDigit(c) || numbers && start >= 0 && (c == '.' || c == ',' || c == ':')
                    && Character.isDigit(folded.charAt(i - 1)) && i + 1 < folded.length() && Character.isDigit(folded.charAt(i + 1));
            if (inside && start < 0) {
                start = i;
            } else if (!inside && start >= 0) {
                out.add(folded.substring(start, i));
                start = -1;
            }
        }
        return out;
    }

    /** How many values two sorted arrays share. */
    static int shared(long[] a, long[] b) {
        return (int) sharedWeight(a, b, v -> 1);
    }

    /** The sum of {@code weight} over the values two sorted arrays share. */
    static double sharedWeight(long[] a, long[] b, LongToDoubleFunction weight) {
        return sharedWeight(a, b, i -> weight.applyAsDouble(a[i]), null);
    }

    /**
     * {@link #sharedWeight(long[], long[], LongToDoubleFunction)} with the weights of {@code a}'s
     * values given beside them ({@code weightsA[i]} of {@code a[i]}), adding the sum of each weight's
     * square to {@code squares[0]} in the same pass: what a judgement uses for its article's terms
     * against every report it compares, the weights looked up once.
     */
    static double sharedWeight(long[] a, double[] weightsA, long[] b, double[] squares) {
        return sharedWeight(a, b, i -> weightsA[i], squares);
    }

    /** The merge of two sorted arrays: the weight of each shared value by its index in {@code a}, and their squares when asked. */
    private static double sharedWeight(long[] a, long[] b, java.util.function.IntToDoubleFunction weightAt, double[] squares) {
        int i = 0;
        int j = 0;
        double sum = 0;
        double sumSquares = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                double w = weightAt.applyAsDouble(i);
                sum += w;
                sumSquares += w * w;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        if (squares != null) {
            squares[0] += sumSquares;
        }
        return sum;
    }

    /** Whether a sorted array holds a value. */
    static boolean contains(long[] sorted, long value) {
        return Arrays.binarySearch(sorted, value) >= 0;
    }

    private static long[] sorted(Set<Long> values) {
        long[] out = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(out);
        return out;
    }

    private static Set<String> stopWords() {
        Set<String> out = new HashSet<>();
        for (String line : DataFile.lines("dedup/stopwords.txt")) {
            out.addAll(Arrays.asList(line.split("\\s+")));
        }
        return Set.copyOf(out);
    }
}
