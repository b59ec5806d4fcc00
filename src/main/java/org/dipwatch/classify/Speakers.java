package org.dipwatch.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;

/**
 * Who speaks in an article and to whom (rule 7 of the package), from the statement cues of its
 * language. The speaker is the subject of a speech verb ("Lavrov said") or the actor after
 * "according to", weighed by how early the sentence comes and summed per side (a state, or an
 * organisation such as Hamas); the most specific actor of the side stands for it. Counterparts are
 * the actors after "a telephone conversation with", "told" or "between", in a sentence where the
 * speaker's side appears.
 */
final class Speakers {

    private Speakers() {
    }

    /**
     * The sides that speak, the one with the most weight first, each with its actor and the sentence
     * that names it; {@code hits} and {@code actors} are those of each sentence, {@code tags} the
     * article's actor tags by id.
     */
    static List<Attribution> of(List<Sentence> sentences, List<List<Cues.Hit>> hits, List<List<Found>> actors,
                                Map<String, ActorTag> tags) {
        Map<String, Double> weight = new LinkedHashMap<>();
        Map<String, Found> best = new LinkedHashMap<>();
        Map<String, String> sentenceOf = new LinkedHashMap<>();
        for (Sentence s : sentences) {
            List<Found> in = actors.get(s.index());
            if (in.isEmpty()) {
                continue;
            }
            // news puts the speaker in the lead: the first sentence counts double, later ones less and less
            double w = s.index() == 0 ? 2.0 : 1.0 / (1.0 + s.index());
            for (Cues.Hit hit : hits.get(s.index())) {
                switch (hit.category()) {
                    case SPEECH -> {
                        Found subject = appositiveHead(in, lastBefore(in, hit.start()), s.text(), s.start());
                        credit(subject != null ? subject : firstAfter(in, hit.end(), 60), w, s, weight, best, sentenceOf);
                    }
                    case SPEAKER_FOLLOWS -> credit(firstAfter(in, hit.end(), 80), w, s, weight, best, sentenceOf);
                    // "X held a phone conversation with Y": X speaks for the call, at half weight
                    case COUNTERPART -> credit(lastBefore(in, hit.start()), w / 2, s, weight, best, sentenceOf);
                    default -> {
                        // kinds and pairs do not name a speaker
                    }
                }
            }
        }
        List<String> sides = new ArrayList<>(weight.keySet());
        sides.sort(Comparator.comparingDouble((String side) -> weight.get(side)).reversed());
        List<Attribution> out = new ArrayList<>();
        for (String side : sides) {
            Found f = best.get(side);
            out.add(new Attribution(tags.get(f.id()), side, sentenceOf.get(side)));
        }
        return out;
    }

    /**
     * The head of an appositive: in "Moussa Abu Marzouk, deputy head of Hamas' political wing, told",
     * the subject is the official, not the organisation inside his title.
     */
    private static Found appositiveHead(List<Found> in, Found subject, String sentence, int offset) {
        if (subject == null) {
            return null;
        }
        Found head = subject;
        for (Found f : in) {
            if (f.end() <= subject.start() && subject.start() - f.end() < 80 && f.rank() > subject.rank()
                    && f.side() != null && f.side().equals(subject.side())
                    && sentence.substring(f.end() - offset, subject.start() - offset).startsWith(",")) {
                head = f;
            }
        }
        return head;
    }

    private static void credit(Found actor, double w, Sentence s, Map<String, Double> weight, Map<String, Found> best,
                               Map<String, String> sentenceOf) {
        if (actor == null || actor.side() == null) {
            return;
        }
        weight.merge(actor.side(), w, Double::sum);
        Found before = best.get(actor.side());
        if (before == null || actor.rank() > before.rank()) {
            best.put(actor.side(), actor);
            sentenceOf.put(actor.side(), s.text());
        }
    }

    /** The sides the speaker's side addresses, in the order of their first mention, each with its actor and sentence. */
    static List<Attribution> counterparts(List<Sentence> sentences, List<List<Cues.Hit>> hits, List<List<Found>> actors,
                                          String speakerSide, Map<String, ActorTag> tags) {
        Map<String, Found> bySide = new LinkedHashMap<>();
        Map<String, String> sentenceOf = new LinkedHashMap<>();
        for (Sentence s : sentences) {
            List<Found> in = actors.get(s.index());
            if (in.stream().noneMatch(f -> speakerSide.equals(f.side()))) {
                continue;
            }
            for (Cues.Hit hit : hits.get(s.index())) {
                if (hit.category() == Cues.Category.COUNTERPART) {
                    addCounterpart(specific(in, firstAfter(in, hit.end(), 100)), speakerSide, s, bySide, sentenceOf);
                } else if (hit.category() == Cues.Category.COUNTERPART_PAIR) {
                    for (Found f : in) {
                        if (f.start() >= hit.end()) {
                            addCounterpart(specific(in, f), speakerSide, s, bySide, sentenceOf);
                        }
                    }
                }
            }
        }
        List<Attribution> out = new ArrayList<>();
        bySide.forEach((side, f) -> out.add(new Attribution(tags.get(f.id()), side, sentenceOf.get(side))));
        return out;
    }

    private static void addCounterpart(Found f, String speakerSide, Sentence s, Map<String, Found> bySide,
                                       Map<String, String> sentenceOf) {
        if (f == null || f.side() == null || f.side().equals(speakerSide)) {
            return;
        }
        Found before = bySide.get(f.side());
        if (before == null || f.rank() > before.rank()) {
            bySide.put(f.side(), f);
            sentenceOf.put(f.side(), s.text());
        }
    }

    /** A state or demonym right before an official or institution of the same side stands for them ("Palestinian President Mahmoud Abbas"). */
    private static Found specific(List<Found> in, Found f) {
        if (f == null || f.rank() > 1) {
            return f;
        }
        for (Found o : in) {
            if (o.start() > f.start() && o.start() - f.end() < 40 && o.rank() > f.rank() && f.side().equals(o.side())) {
                return o;
            }
        }
        return f;
    }

    private static Found lastBefore(List<Found> in, int at) {
        Found out = null;
        for (Found f : in) {
            if (f.end() <= at) {
                out = f;
            }
        }
        return out;
    }

    private static Found firstAfter(List<Found> in, int at, int within) {
        for (Found f : in) {
            if (f.start() >= at && f.start() - at <= within) {
                return f;
            }
        }
        return null;
    }
}
