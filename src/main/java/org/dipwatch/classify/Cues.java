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
 * The words of {@code statements.yaml} that show who speaks and to whom, and what kind of
 * statement an article reports: speech verbs (the speaker is their subject), phrases the speaker
 * follows ("according to"), counterpart phrases ("in a telephone conversation with"), title words
 * that may stand next to a name, and weighted phrases for each statement kind. All phrases are
 * found in one pass of a {@link WordTrie} (whole words, any case); where phrases of one category overlap,
 * the longest counts. The phrases of other languages ({@code languages:} in the file) are found
 * by that language's {@link LanguageIndex}, inflected forms included ("заявила", "заявили").
 */
final class Cues {

    /** What a cue phrase shows. */
    enum Category { SPEECH, SPEAKER_FOLLOWS, COUNTERPART, COUNTERPART_PAIR, KIND }

    /** A cue found in a text: its category, the statement kind for {@code KIND}, and where ({@code end} exclusive). */
    record Hit(Category category, String kind, int start, int end) {
    }

    /** What a cue phrase shows: its category, and the statement kind for {@code KIND}. */
    record Phrase(Category category, String kind) {
    }

    final Set<String> titleWords;
    final Map<String, Double> kindWeights;
    private final WordTrie<List<Phrase>> trie;
    private final Map<String, Map<String, List<Phrase>>> byLanguage;

    private Cues(Set<String> titleWords, Map<String, Double> kindWeights, WordTrie<List<Phrase>> trie,
                 Map<String, Map<String, List<Phrase>>> byLanguage) {
        this.titleWords = titleWords;
        this.kindWeights = kindWeights;
        this.trie = trie;
        this.byLanguage = byLanguage;
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
        doc.path("languages").fields().forEachRemaining(e -> {
            for (java.util.Iterator<String> kinds = e.getValue().path("kinds").fieldNames(); kinds.hasNext(); ) {
                String kind = kinds.next();
                if (!weights.containsKey(kind)) {
                    problems.add("statements.yaml: languages." + e.getKey() + ".kinds: '" + kind + "' is not one of the kinds " + weights.keySet());
                }
            }
            byLanguage.put(e.getKey(), phrases(e.getValue()));
        });
        return new Cues(titles, weights, new WordTrie<>(phrases(doc)), byLanguage);
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
     * ({@code others}); of overlapping cues of one category only the longest.
     */
    List<Hit> find(String text, List<Hit> others) {
        List<Hit> all = new ArrayList<>(others);
        trie.find(text, (start, end, phrases) -> {
            for (Phrase p : phrases) {
                all.add(new Hit(p.category(), p.kind(), start, end));
            }
        });
        all.sort(Comparator.comparingInt((Hit h) -> h.end() - h.start()).reversed());
        List<Hit> kept = new ArrayList<>();
        for (Hit h : all) {
            boolean free = kept.stream().noneMatch(k -> k.category() == h.category() && k.start() < h.end() && h.start() < k.end());
            if (free) {
                kept.add(h);
            }
        }
        kept.sort(Comparator.comparingInt(Hit::start));
        return kept;
    }
}
