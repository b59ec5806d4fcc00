package org.dipwatch.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words of {@code statements.yaml} that show who speaks and to whom, what kind of statement
 * an article reports, and whether a country is named as an actor or as a place: speech verbs (the
 * speaker is their subject), phrases the speaker follows ("according to"), counterpart phrases ("in
 * a telephone conversation with"), title words that may stand next to a name, weighted phrases for
 * each statement kind, and the country-role phrases and words ({@code country_roles}). All phrases are
 * found in one pass of a {@link WordTrie} (whole words, any case); where phrases of one category overlap,
 * the longest counts. The phrases of other languages ({@code languages:} in the file) are found
 * by that language's {@link LanguageIndex}, inflected forms included ("заявила", "заявили").
 *
 * @param titleWords          the title words that may stand next to a name ("minister")
 * @param kindWeights         each statement kind's weight, in the file's order
 * @param trie                the top-level phrases other than the country-role ones
 * @param rolePhrases         the top-level country-role phrases, found word by word: many are short words ("in", "to")
 * @param byLanguage          the phrases of each language under {@code languages:}, text to what each shows
 * @param roleWords           the top-level (English) country-role words
 * @param roleWordsByLanguage the country-role words of each language block that has its own
 */
record Cues(Set<String> titleWords, Map<String, Double> kindWeights, WordTrie<List<Phrase>> trie,
            WordPhrases<Phrase> rolePhrases, Map<String, Map<String, List<Phrase>>> byLanguage, RoleWords roleWords,
            Map<String, RoleWords> roleWordsByLanguage) {

    /**
     * What a cue phrase shows. The last six are country roles: a phrase right before a country's
     * name makes it a region, an actor or both; one right after it makes it a region or an actor,
     * or (with no possessive between) the subject the text is about, a region.
     */
    enum Category {
        SPEECH, SPEAKER_FOLLOWS, COUNTERPART, COUNTERPART_PAIR, KIND,
        REGION_BEFORE, ACTOR_BEFORE, BOTH_BEFORE, REGION_AFTER, ACTOR_AFTER, ABOUT_AFTER;

        /** Whether this is a country-role phrase. */
        boolean isRole() {
            return ordinal() >= REGION_BEFORE.ordinal();
        }
    }

    /**
     * The words of one language's {@code country_roles} that are compared as written, not found as
     * phrases: fillers that may stand between a phrase and a name ("the"), joiners of a list ("and"),
     * possessives after a name ("'s"), and the prefixes and suffixes of a name's own word that join
     * it to the next name or mark a place (Hebrew "ו" and "ב", Turkish locative "daki").
     */
    record RoleWords(Set<String> fillers, Set<String> joiners, Set<String> possessives, List<String> joinerPrefixes,
                     List<String> regionPrefixes, List<String> regionSuffixes) {
    }

    /** A cue found in a text: its category, the statement kind for {@code KIND}, and where ({@code end} exclusive). */
    record Hit(Category category, String kind, int start, int end) {
    }

    /** What a cue phrase shows: its category, and the statement kind for {@code KIND}. */
    record Phrase(Category category, String kind) {
    }

    /** The country-role words of a language: its own block's, else the top-level (English) ones. */
    RoleWords roleWords(String language) {
        return roleWordsByLanguage.getOrDefault(language, roleWords);
    }

    /** The phrases of a language (ISO 639-1) under {@code languages:}, text to what each shows; empty when none. */
    Map<String, List<Phrase>> phrases(String language) {
        return byLanguage.getOrDefault(language, Map.of());
    }

    static Cues from(JsonNode doc, List<String> problems) {
        if (doc == null) {
            problems.add("statements.yaml: missing; speakers, counterparts and kinds cannot be found");
            doc = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        Set<String> titles = new TreeSet<>();
        doc.path("title_words").forEach(w -> titles.add(w.asText()));
        Map<String, Double> weights = new LinkedHashMap<>();
        doc.path("kinds").fields().forEachRemaining(e -> weights.put(e.getKey(), e.getValue().path("weight").asDouble(1)));
        Map<String, Map<String, List<Phrase>>> byLanguage = new HashMap<>();
        Map<String, RoleWords> roleWordsByLanguage = new HashMap<>();
        doc.path("languages").fields().forEachRemaining(e -> {
            if (e.getValue().has("country_roles")) {
                roleWordsByLanguage.put(e.getKey(), roleWords(e.getValue().path("country_roles")));
            }
            for (java.util.Iterator<String> kinds = e.getValue().path("kinds").fieldNames(); kinds.hasNext(); ) {
                String kind = kinds.next();
                if (!weights.containsKey(kind)) {
                    problems.add("statements.yaml: languages." + e.getKey() + ".kinds: '" + kind + "' is not one of the kinds " + weights.keySet());
                }
            }
            byLanguage.put(e.getKey(), phrases(e.getValue()));
        });
        Map<String, List<Phrase>> top = phrases(doc);
        Map<String, List<Phrase>> statements = new HashMap<>();
        Map<String, List<Phrase>> roles = new HashMap<>();
        top.forEach((text, list) -> {
            List<Phrase> other = list.stream().filter(p -> !p.category().isRole()).toList();
            List<Phrase> role = list.stream().filter(p -> p.category().isRole()).toList();
            if (!other.isEmpty()) {
                statements.put(text, other);
            }
            if (!role.isEmpty()) {
                roles.put(text, role);
            }
        });
        return new Cues(titles, weights, new WordTrie<>(statements), new WordPhrases<>(roles), byLanguage,
                roleWords(doc.path("country_roles")), roleWordsByLanguage);
    }

    private static RoleWords roleWords(JsonNode roles) {
        return new RoleWords(lower(roles.path("fillers")), lower(roles.path("joiners")), lower(roles.path("possessives")),
                list(roles.path("joiner_prefixes")), list(roles.path("region_prefixes")), list(roles.path("region_suffixes")));
    }

    private static Set<String> lower(JsonNode list) {
        Set<String> out = new java.util.HashSet<>();
        list.forEach(w -> out.add(w.asText().toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ")));
        return Set.copyOf(out);
    }

    private static List<String> list(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(w -> out.add(w.asText().strip()));
        return List.copyOf(out);
    }

    /** The cue phrases of one block: the top of the file (as written, any text) or one language's block. */
    private static Map<String, List<Phrase>> phrases(JsonNode doc) {
        Map<String, List<Phrase>> phrases = new HashMap<>();
        add(phrases, doc.path("speech_verbs"), new Phrase(Category.SPEECH, null));
        add(phrases, doc.path("speaker_follows"), new Phrase(Category.SPEAKER_FOLLOWS, null));
        add(phrases, doc.path("counterpart"), new Phrase(Category.COUNTERPART, null));
        add(phrases, doc.path("counterpart_pair"), new Phrase(Category.COUNTERPART_PAIR, null));
        doc.path("kinds").fields().forEachRemaining(e -> {
            JsonNode cues = e.getValue().isArray() ? e.getValue() : e.getValue().path("cues");
            add(phrases, cues, new Phrase(Category.KIND, e.getKey()));
        });
        JsonNode roles = doc.path("country_roles");
        add(phrases, roles.path("region_before"), new Phrase(Category.REGION_BEFORE, null));
        add(phrases, roles.path("actor_before"), new Phrase(Category.ACTOR_BEFORE, null));
        add(phrases, roles.path("both_before"), new Phrase(Category.BOTH_BEFORE, null));
        add(phrases, roles.path("region_after"), new Phrase(Category.REGION_AFTER, null));
        add(phrases, roles.path("actor_after"), new Phrase(Category.ACTOR_AFTER, null));
        add(phrases, roles.path("about_after"), new Phrase(Category.ABOUT_AFTER, null));
        Map<String, List<Phrase>> frozen = new HashMap<>();
        phrases.forEach((text, list) -> frozen.put(text, List.copyOf(list)));
        return frozen;
    }

    private static void add(Map<String, List<Phrase>> phrases, JsonNode list, Phrase phrase) {
        list.forEach(p -> phrases.computeIfAbsent(p.asText().toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " "),
                k -> new ArrayList<>()).add(phrase));
    }

    /**
     * Every cue in the text, in text order, with the cues its language's index found there
     * ({@code others}); of overlapping cues of one category only the longest, except role
     * phrases, which {@link Roles} weighs by where each stands. The top-level
     * country-role phrases (English) count only in a language without role phrases of its own.
     */
    List<Hit> find(String text, List<Hit> others, String language) {
        List<Hit> all = new ArrayList<>();
        // role phrases may overlap ("是中国领土" and "领土"): each stands beside a different name, and
        // they are many ("in", "to", "在"), so they bypass the overlap check
        List<Hit> kept = new ArrayList<>();
        for (Hit h : others) {
            (h.category().isRole() ? kept : all).add(h);
        }
        trie.find(text, (start, end, phrases) -> {
            for (Phrase p : phrases) {
                all.add(new Hit(p.category(), p.kind(), start, end));
            }
        });
        if (!roleWordsByLanguage.containsKey(language)) {
            rolePhrases.find(text, (start, end, p) -> kept.add(new Hit(p.category(), p.kind(), start, end)));
        }
        all.sort(Comparator.comparingInt((Hit h) -> h.end() - h.start()).reversed());
        List<Hit> longest = new ArrayList<>();
        for (Hit h : all) {
            if (longest.stream().noneMatch(k -> k.category() == h.category() && k.start() < h.end() && h.start() < k.end())) {
                longest.add(h);
            }
        }
        kept.addAll(longest);
        kept.sort(Comparator.comparingInt(Hit::start));
        return kept;
    }
}
