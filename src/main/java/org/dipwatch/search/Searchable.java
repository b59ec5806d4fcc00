package org.dipwatch.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Article;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;

/**
 * What the search index holds of one stored article: its words, and the values each filter
 * compares (lower case), as the classification gave them when it was stored.
 *
 * @param file      the article's file in {@code seeds/} ({@code 000_fbfa5f4836e611d7.txt}): its key
 * @param seq       its sequence number (the newest first when no words rank)
 * @param title     its headline, or {@code null}
 * @param body      its paragraphs in reading order, without the title
 * @param language  ISO 639-1 code of its language, or {@code null} when unknown (then analysed without stemming)
 * @param published its date, or {@code null}
 * @param source    where it came from ({@code inbox}, a feed's name, {@code api})
 * @param verdict   how it was judged when stored ({@code new}, {@code same_story}, {@code near_duplicate})
 * @param story     the story it belongs to, or {@code null}
 * @param actors    what {@code actor} matches: each actor's id, country and organisation
 * @param speakers  what {@code speaker} matches: the speaker's side, id and country
 * @param regions   what {@code region} matches: each place's id, name, country, every place on its
 *                  path and every larger region it rolls up to, by code and by name
 */
public record Searchable(String file, long seq, String title, List<String> body, String language, LocalDate published,
                         String source, String verdict, String story, Set<String> actors, Set<String> speakers,
                         Set<String> regions) {

    public Searchable {
        body = List.copyOf(body);
        actors = Set.copyOf(actors);
        speakers = Set.copyOf(speakers);
        regions = Set.copyOf(regions);
    }

    /**
     * A stored article as the index holds it: the filters' values taken from its classification
     * as a subscription's filter compares them ({@code alert.Subscription.Filter}), so that a
     * search and a subscription with the same filter find the same articles.
     */
    public static Searchable of(String file, long seq, Article article, String source, String verdict, String story,
                                Classification tags) {
        Set<String> actors = new TreeSet<>();
        Set<String> speakers = new TreeSet<>();
        Set<String> regions = new TreeSet<>();
        String language = null;
        if (tags != null) {
            language = tags.language();
            for (ActorTag a : tags.actors()) {
                add(actors, a.id(), a.country(), a.organisation() == null ? null : a.organisation().id());
            }
            Attribution s = tags.speaker();
            if (s != null) {
                add(speakers, s.side(), s.actor() == null ? null : s.actor().id(), s.actor() == null ? null : s.actor().country());
            }
            for (RegionTag r : tags.regions()) {
                add(regions, r.id(), r.name(), r.country());
                r.path().forEach(p -> add(regions, p));
                r.rollup().forEach(x -> add(regions, x.code(), x.name()));
            }
        }
        return new Searchable(file, seq, article.title(), article.paragraphs(), language, article.published(), source, verdict,
                story, actors, speakers, regions);
    }

    private static void add(Set<String> to, String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                to.add(v.strip().toLowerCase(Locale.ROOT));
            }
        }
    }
}
