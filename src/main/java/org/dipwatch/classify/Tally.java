package org.dipwatch.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dipwatch.model.RoleCue;

/**
 * Every mention of one tag, the first one foremost: what its salience is computed from. Salience
 * weighs the mentions against the tag mentioned most (half), the position of the first one (0.4) and
 * whether it is in the lead sentence (0.1), so the subject outranks a passing mention.
 */
record Tally(Found first, List<Found> all) {

    /** The found actors or places by tag id, in the order of their first mention. */
    static Map<String, Tally> of(List<Found> found) {
        Map<String, Tally> out = new LinkedHashMap<>();
        for (Found f : found) {
            out.computeIfAbsent(f.id(), k -> new Tally(f, new ArrayList<>())).all().add(f);
        }
        return out;
    }

    /** The number of mentions of the tag mentioned most (1 when there is none). */
    static int mostMentions(Collection<Tally> tallies) {
        return tallies.stream().mapToInt(t -> t.all().size()).max().orElse(1);
    }

    /** The matched text of each mention, with {@code explain}; none without. */
    List<String> texts(boolean explain) {
        return explain ? all.stream().map(Found::text).toList() : List.of();
    }

    /** Each mention with the cue that gave it its role, with {@code explain}; none without. */
    List<RoleCue> roleCues(boolean explain) {
        return explain ? all.stream().map(f -> new RoleCue(f.text(), f.cue())).toList() : List.of();
    }

    /** The salience in [0, 1], rounded to three decimals. */
    double salience(int maxMentions, int length, List<Sentence> sentences) {
        double mentions = (double) all.size() / Math.max(1, maxMentions);
        double position = 1.0 - (double) first.start() / Math.max(1, length);
        double lead = !sentences.isEmpty() && first.start() < sentences.get(0).end() ? 1.0 : 0.0;
        return Math.round((0.5 * mentions + 0.4 * position + 0.1 * lead) * 1000) / 1000.0;
    }
}
