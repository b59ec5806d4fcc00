package org.dipwatch.dedup;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;

/**
 * Who an article involves, as the story judgement compares it: the ids of its actors, and the
 * ids and sides of its speakers; and the language it is written in, since two texts in two
 * languages share no words.
 *
 * @param actors   actor ids ({@code RUS}, {@code HAMAS}, {@code mikhail-bogdanov})
 * @param speakers the speaker's id and side
 * @param language its ISO 639-1 language, or {@code null} when unknown
 */
public record Who(Set<String> actors, Set<String> speakers, String language) {

    /** Actors and speakers of an article in an unknown language. */
    public Who(Set<String> actors, Set<String> speakers) {
        this(actors, speakers, null);
    }

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
        return new Who(actors, speakers, tags.language());
    }

    /** Whether two articles are known to be written in different languages. */
    public boolean otherLanguage(Who other) {
        return language != null && other.language != null && !language.equals(other.language);
    }

    /** From the index's {@code dimension:id} tags ({@code language:xx} for the language). */
    public static Who ofTags(List<String> tags) {
        Set<String> actors = new HashSet<>();
        Set<String> speakers = new HashSet<>();
        String language = null;
        for (String t : tags) {
            int colon = t.indexOf(':');
            String dim = t.substring(0, colon);
            String id = t.substring(colon + 1);
            if (dim.equals("actor")) {
                actors.add(id);
            } else if (dim.equals("speaker")) {
                speakers.add(id);
            } else if (dim.equals("language")) {
                language = id;
            }
        }
        return new Who(actors, speakers, language);
    }
}
