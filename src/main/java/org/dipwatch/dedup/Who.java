package org.dipwatch.dedup;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;

/**
 * Who an article involves and where, as the story judgement compares it: the ids of its actors,
 * the ids and sides of its speakers, the places it names below a country (cities, regions,
 * territories); and the language it is written in, since two texts in two languages share no
 * words, only these ids (and numbers).
 *
 * @param actors   actor ids ({@code RUS}, {@code HAMAS}, {@code mikhail-bogdanov})
 * @param speakers the speaker's id and side
 * @param language its ISO 639-1 language, or {@code null} when unknown
 * @param places   the ids of the places it names that are no country ({@code gaza-strip}, {@code beijing})
 * @param kind     the kind of event it reports ({@code phone_call}, {@code meeting}, {@code visit} …), or
 *                 {@code null} when unknown or a plain statement
 */
public record Who(Set<String> actors, Set<String> speakers, String language, Set<String> places, String kind) {

    /** Actors and speakers of an article in an unknown language. */
    public Who(Set<String> actors, Set<String> speakers) {
        this(actors, speakers, null);
    }

    /** Actors, speakers and language, no place, no kind. */
    public Who(Set<String> actors, Set<String> speakers, String language) {
        this(actors, speakers, language, Set.of(), null);
    }

    public Who {
        actors = Set.copyOf(actors);
        speakers = Set.copyOf(speakers);
        places = Set.copyOf(places);
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
        Set<String> places = new HashSet<>();
        for (org.dipwatch.model.RegionTag r : tags.regions()) {
            if (!"country".equals(r.type())) {
                places.add(r.id());
            } else {
                // a story's parties are every state it names, whether acting or where it happens:
                // two reports of one event give the same country different roles ("talks with
                // Egypt" / "in Cairo"), and the story model is fitted on that set
                actors.add(r.id());
            }
        }
        return new Who(actors, speakers, tags.language(), places, kind(tags.kind()));
    }

    /** A kind of event, {@code null} for none or the plain {@code statement}, which says nothing of the event. */
    private static String kind(String kind) {
        return kind == null || kind.equals("statement") ? null : kind;
    }

    /** Whether two articles report the same kind of event (a call and a call, not a call and a visit); {@code null} when either is unknown. */
    public Boolean sameKind(Who other) {
        return kind == null || other.kind == null ? null : kind.equals(other.kind);
    }

    /** Whether two articles are known to be written in different languages. */
    public boolean otherLanguage(Who other) {
        return language != null && other.language != null && !language.equals(other.language);
    }

    /**
     * From {@code dimension:id} tags: the story table's ({@code actor}, {@code speaker},
     * {@code place}, {@code language}) or the index's ({@code region} tags whose id is no
     * country's code are places).
     */
    public static Who ofTags(List<String> tags) {
        Set<String> actors = new HashSet<>();
        Set<String> speakers = new HashSet<>();
        Set<String> places = new HashSet<>();
        String language = null;
        String kind = null;
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
            } else if (dim.equals("kind")) {
                kind = kind(id);
            } else if (dim.equals("place") || dim.equals("region") && !id.equals(id.toUpperCase(java.util.Locale.ROOT))) {
                places.add(id);
            }
        }
        return new Who(actors, speakers, language, places, kind);
    }
}
