package org.dipwatch.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kind of statement an article reports (rule 8 of the package): each kind's cue phrases of
 * {@code statements.yaml} add their weight, a sentence counting less the later it comes
 * ({@code 1 / (1 + 0.3 × its index)}); the kind with the highest score of at least 1.0 wins. With no
 * kind scoring that much, an article in which someone speaks is a {@code statement}.
 */
final class StatementKind {

    private final Map<String, Double> weights;

    /** The kinds weighed by the {@code weight} of each kind in {@code statements.yaml}. */
    StatementKind(Map<String, Double> weights) {
        this.weights = weights;
    }

    /** The kind of the article whose sentences have these cue hits, or {@code null} when none shows. */
    String of(List<Sentence> sentences, List<List<Cues.Hit>> hits, boolean someoneSpeaks) {
        String kind = scored(sentences, hits);
        if (kind == null && someoneSpeaks) {
            // someone speaks and no other form shows: a statement
            kind = "statement";
        }
        return kind;
    }

    private String scored(List<Sentence> sentences, List<List<Cues.Hit>> hits) {
        Map<String, Double> score = new LinkedHashMap<>();
        for (Sentence s : sentences) {
            for (Cues.Hit hit : hits.get(s.index())) {
                if (hit.category() == Cues.Category.KIND) {
                    score.merge(hit.kind(), weights.get(hit.kind()) / (1.0 + 0.3 * s.index()), Double::sum);
                }
            }
        }
        String best = null;
        double bestScore = 0;
        for (Map.Entry<String, Double> e : score.entrySet()) {
            if (e.getValue() > bestScore) {
                best = e.getKey();
                bestScore = e.getValue();
            }
        }
        return bestScore >= 1.0 ? best : null;
    }
}
