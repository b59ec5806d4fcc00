package org.dipwatch.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The words of {@code statements.yaml} that show who speaks and to whom, and what kind of
 * statement an article reports: speech verbs (the speaker is their subject), phrases the speaker
 * follows ("according to"), counterpart phrases ("in a telephone conversation with"), title words
 * that may stand next to a name, and weighted phrases for each statement kind.
 */
final class Cues {

    final Pattern speechVerb;
    final Pattern speakerFollows;
    final Pattern counterpart;
    final Pattern counterpartPair;
    final Set<String> titleWords;
    final Map<String, Kind> kinds;

    /** A statement kind with its weight and the phrases that show it. */
    record Kind(String id, double weight, Pattern phrases) {
    }

    private Cues(Pattern speechVerb, Pattern speakerFollows, Pattern counterpart, Pattern counterpartPair,
                 Set<String> titleWords, Map<String, Kind> kinds) {
        this.speechVerb = speechVerb;
        this.speakerFollows = speakerFollows;
        this.counterpart = counterpart;
        this.counterpartPair = counterpartPair;
        this.titleWords = titleWords;
        this.kinds = kinds;
    }

    static Cues from(JsonNode doc, List<String> problems) {
        if (doc == null) {
            problems.add("statements.yaml: missing; speakers, counterparts and kinds cannot be found");
            doc = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        Set<String> titles = new TreeSet<>();
        doc.path("title_words").forEach(w -> titles.add(w.asText()));
        Map<String, Kind> kinds = new LinkedHashMap<>();
        doc.path("kinds").fields().forEachRemaining(e -> kinds.put(e.getKey(),
                new Kind(e.getKey(), e.getValue().path("weight").asDouble(1), phrases(e.getValue().path("cues")))));
        return new Cues(phrases(doc.path("speech_verbs")), phrases(doc.path("speaker_follows")),
                phrases(doc.path("counterpart")), phrases(doc.path("counterpart_pair")), titles, kinds);
    }

    /** One case-insensitive pattern for a list of phrases, whole words, longest first; matches nothing for an empty list. */
    private static Pattern phrases(JsonNode list) {
        List<String> items = new ArrayList<>();
        list.forEach(p -> items.add(p.asText().toLowerCase(Locale.ROOT)));
        if (items.isEmpty()) {
            return Pattern.compile("(?!)");
        }
        items.sort((a, b) -> b.length() - a.length());
        StringBuilder re = new StringBuilder("\\b(?:");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                re.append('|');
            }
            re.append(Pattern.quote(items.get(i)).replace(" ", "\\E\\s+\\Q"));
        }
        return Pattern.compile(re.append(")\\b").toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
