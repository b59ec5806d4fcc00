package org.dipwatch.dedup;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;

/**
 * Who an article involves, as the story judgement compares it: the ids of its actors, and the
 * ids and sides of its speakers.
 *
 * @param actors   actor ids ({@code RUS}, {@code HAMAS}, {@code mikhail-bogdanov})
 * @param speakers the speaker's id and side
 */
public record Who(Set<String> actors, Set<String> speakers) {

    public Who {
        actors = Set.copyOf(actors);
        speakers = Set.copyOf(speakers);
    }

    /** From a classification. */
    public static Who of(Classification tags) {
        if (tags == null) {
            return new Who(Set.of(), Set.of());
        }
        Set<String> actors = new HashSet<>();
        for (ActorTag a : tags.actors()) {
            actors.add(a.id());
        }
        Set<String> speakers = new HashSet<>();
        Attribution s = tags.speaker();
        if (s != null) {
            speakers.add(s.actor().id());
            if (s.side() != null) {
                speakers.add(s.side());
            }
        }
        return new Who(actors, speakers);
    }

    /** From the index's {@code dimension:id} tags. */
    public static Who ofTags(List<String> tags) {
        Set<String> actors = new HashSet<>();
        Set<String> speakers = new HashSet<>();
        for (String t : tags) {
            int colon = t.indexOf(':');
            String dim = t.substring(0, colon);
            String id = t.substring(colon + 1);
            if (dim.equals("actor")) {
                actors.add(id);
            } else if (dim.equals("speaker")) {
                speakers.add(id);
            }
        }
        return new Who(actors, speakers);
    }
}
