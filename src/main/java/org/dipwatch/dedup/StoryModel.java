package org.dipwatch.dedup;

import java.util.Locale;

/**
 * How the same-story signals of two articles are weighed: a logistic model, fitted on labelled
 * pairs of the development sets (the composed set, the real-coverage set and a generated news
 * day) by {@code src/test/python/fit_story_model.py}; the procedure, the weights and the
 * precision-recall curve are in {@code docs/stories.md}. The score is the model's probability that
 * both articles report one event; {@code dipwatch.dedup.story-threshold} is the probability from
 * which an article joins a story.
 *
 * <p>Each signal is a feature of its own, and so is its product with how short the shorter text
 * is: a feed item of two sentences shares fewer rare words and headline terms with the full
 * report of its event than two full reports do, so the weight of those signals depends on the
 * length (the threshold, in effect, depends on how much text each side has).
 */
public final class StoryModel {

    private StoryModel() {
    }

    /**
     * The signals of an article against one report that passed the gate (a shared actor, dates
     * within the window when both are dated), as measured.
     *
     * @param days         days between the two publication dates, {@code null} when either is undated
     * @param windowDays   the story window
     * @param quotes       shared 5-word runs inside quotation marks
     * @param rareQuotes   shared 5-word quotation runs that few recent articles quote (at most as many as state a
     *                     specific fact): a stock phrase many statements repeat is no evidence of one event
     * @param terms        shared rare terms: the geometric mean of the idf-weighted shares of each side's terms
     * @param actors       shared actors over all actors of the two (Jaccard)
     * @param people       shared officials (people, not states or organisations)
     * @param peopleA      officials of the judged article
     * @param peopleC      officials of the report
     * @param sameSpeaker  whether the two have a speaker in common
     * @param headline     headline against headline and lead, the better way round (0-1; 0 without headlines)
     * @param headlines    whether both have a headline
     * @param numbers      shared numbers and names over the fewer of the two
     * @param factsA       specifics (numbers and names few recent articles state) of the judged article
     * @param factsC       specifics of the report
     * @param factsShared  specifics the two share
     * @param compounds    specifics stated together that the two share and few recent articles state: a number with
     *                     the name, word or other number beside it in one sentence ({@link TextFeatures#compounds})
     * @param words        words of the shorter of the two texts
     * @param corpus       articles the document frequencies count (how far "rare" and "specific" can be trusted)
     * @param otherLanguage whether the two are written in two languages: they share no words, and the
     *                     cross-language model weighs what does not depend on the language
     * @param places       shared places (below a country) over all places of the two (Jaccard; 0 when neither names one)
     * @param sameKind     whether the two report the same kind of event (a call, a visit, a briefing);
     *                     {@code null} when either kind is unknown
     */
    public record Signals(Long days, int windowDays, int quotes, int rareQuotes, double rarerTerms, double terms, double actors, int people, int peopleA,
                          int peopleC, boolean sameSpeaker, double headline, boolean headlines, double numbers, int factsA,
                          int factsC, int factsShared, int compounds, int words, int corpus, boolean otherLanguage, double places,
                          Boolean sameKind) {

        /** How short the shorter text is, 0 (a full article of {@value #FULL_WORDS} words or more) to 1. */
        double shortness() {
            return Math.max(0, 1 - words / (double) FULL_WORDS);
        }

        /**
         * How far the document frequencies can be trusted, 0 (a handful of articles: every name is
         * rare) to 1 ({@value #SETTLED} articles or more): log-scaled.
         */
        double settled() {
            return Math.min(1, Math.log1p(corpus) / Math.log1p(SETTLED));
        }

        /** Both state specifics of their own and share none: two events of one theme (a strike in one town, another in another). */
        boolean otherFacts() {
            return factsA > 0 && factsC > 0 && factsShared == 0;
        }

        /** The model's inputs, in the order of {@link #NAMES} (or {@link #CROSS_NAMES} for two languages). */
        double[] features() {
            if (otherLanguage) {
                return crossFeatures();
            }
            double s = shortness();
            double settled = settled();
            int allPeople = peopleA + peopleC - people;
            return new double[] {
                terms,
                Math.min(1, rareQuotes / 4.0),
                rareQuotes >= 8 ? 1 : 0,
                actors,
                Math.min(2, people) / 2.0,
                allPeople == 0 ? 0 : people / (double) allPeople,
                peopleA > 0 && peopleC > 0 && people == 0 ? 1 : 0,
                sameSpeaker ? 1 : 0,
                headline,
                headlines ? 0 : 1,
                numbers,
                Math.min(3, factsShared) / 3.0,
                otherFacts() ? 1 : 0,
                factShare(),
                places,
                days == null ? 1 : 0,
                days == null ? 0 : days / (double) Math.max(1, windowDays),
                terms * s,
                headline * s,
                (otherFacts() ? 1 : 0) * settled,
                Math.min(3, factsShared) / 3.0 * settled,
                terms * settled,
                rarerTerms,
                numbers * settled,
                factShare() * settled,
                Math.min(3, compounds) / 3.0,
                Math.min(3, compounds) / 3.0 * settled,
                Math.min(1, Math.max(0, compounds - 3) / 5.0),
            };
        }

        /** Shared specifics over the fewer side's specifics (0 when either states none). */
        double factShare() {
            int fewer = Math.min(factsA, factsC);
            return fewer == 0 ? 0 : factsShared / (double) fewer;
        }

        /** The cross-language model's inputs, in the order of {@link #CROSS_NAMES}: nothing that depends on the words. */
        double[] crossFeatures() {
            int allPeople = peopleA + peopleC - people;
            return new double[] {
                actors,
                places,
                Math.min(2, people) / 2.0,
                allPeople == 0 ? 0 : people / (double) allPeople,
                peopleA > 0 && peopleC > 0 && people == 0 ? 1 : 0,
                sameSpeaker ? 1 : 0,
                Math.min(3, factsShared) / 3.0,
                Boolean.TRUE.equals(sameKind) ? 1 : 0,
                Boolean.FALSE.equals(sameKind) ? 1 : 0,
                days == null ? 1 : 0,
                days != null && days == 0 ? 1 : 0,
                days == null ? 0 : days / (double) Math.max(1, windowDays),
            };
        }

        String[] names() {
            return otherLanguage ? CROSS_NAMES : NAMES;
        }

        double[] weights() {
            return otherLanguage ? CROSS_WEIGHTS : WEIGHTS;
        }

        double bias() {
            return otherLanguage ? CROSS_BIAS : BIAS;
        }
    }

    /** Articles from which the document frequencies are settled. */
    static final int SETTLED = 1000;

    /** Words from which a text counts as a full article (no longer short). */
    static final int FULL_WORDS = 250;

    /** The names of the features, as {@code why} and the fitting script print them. */
    static final String[] NAMES = {"terms", "quote", "long-quote", "actors", "people", "people-share", "other-people", "speaker",
        "headline", "no-headline", "numbers", "facts", "other-facts", "fact-share", "places", "undated", "day-gap", "terms*short",
        "headline*short", "other-facts*settled", "facts*settled", "terms*settled", "rarer-terms", "numbers*settled", "fact-share*settled", "compounds", "compounds*settled", "many-compounds"};

    /** The fitted intercept and weights (docs/stories.md, "The model"). */
    static final double BIAS = -7.498;
    static final double[] WEIGHTS = {5.644, 2.582, 1.509, 6.974, 0.000, 0.000, -1.877, 0.449, 3.144, 2.014, 1.173, 1.021, 0.000, 0.725, 1.538, -0.395, -4.468, 15.414, 5.301, -1.216, 1.138, -10.803, 2.809, 2.334, 1.079, 0.304, 1.407, 1.091};

    /**
     * The cross-language model (two texts in two languages): the names of its features, its
     * intercept and weights, fitted on the cross-language pairs of the development sets
     * (docs/stories.md, "Two languages").
     */
    static final String[] CROSS_NAMES = {"actors", "places", "people", "people-share", "other-people", "speaker", "facts",
        "same-kind", "other-kind", "undated", "same-day", "day-gap"};
    static final double CROSS_BIAS = -0.784;
    static final double[] CROSS_WEIGHTS = {0.598, 1.473, 0.527, 0.692, -0.610, 0.000, 1.371, 0.000, -0.417, -0.065, 1.592, -1.302};

    /** The probability that two articles with these signals report one event. */
    public static double score(Signals s) {
        double[] x = s.features();
        double[] w = s.weights();
        double z = s.bias();
        for (int i = 0; i < x.length; i++) {
            z += w[i] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** The signals as measured and each one's part of the score (its weight times its value), for {@code similar}. */
    public static String explain(Signals s) {
        double[] x = s.features();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "quotes %d, rare terms %.2f, actors %.2f, people %d, speaker %s, days %s, headline %s, numbers %.2f, "
                        + "facts %d/%d shared %d, compounds %d, words %d; parts:",
                s.quotes(), s.terms(), s.actors(), s.people(), s.sameSpeaker() ? "same" : "different",
                s.days() == null ? "unknown" : s.days().toString(), s.headlines() ? String.format(Locale.ROOT, "%.2f", s.headline()) : "none",
                s.numbers(), s.factsA(), s.factsC(), s.factsShared(), s.compounds(), s.words()));
        if (s.otherLanguage()) {
            out.append(String.format(Locale.ROOT, " two languages, places %.2f;", s.places()));
        }
        for (int i = 0; i < x.length; i++) {
            double part = s.weights()[i] * x[i];
            if (part != 0) {
                out.append(String.format(Locale.ROOT, " %s %+.2f", s.names()[i], part));
            }
        }
        return out.append(String.format(Locale.ROOT, " (bias %+.2f)", s.bias())).toString();
    }
}
