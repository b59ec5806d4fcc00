package org.dipwatch.model;

import java.util.List;

/**
 * Who an article involves and where: its actors and regions ranked by salience, who speaks and to
 * whom, the kind of statement and the language. Part of the {@code ingest} and {@code classify}
 * JSON and stored in the index for alerts to filter on. A list given as {@code null} is empty: the
 * stored JSON leaves empty lists out, here and in the tags it holds.
 *
 * @param actors        every actor, most salient first
 * @param speaker       who issued or made the statement, or {@code null} when no sentence shows it
 * @param speakers      every party that makes a statement in the article, the primary speaker first
 * @param counterparts  the other side of a call, meeting or letter of the speaker
 * @param regions       every place, most salient first
 * @param primaryRegion the id of the most salient region, or {@code null}
 * @param kind          {@code phone_call}, {@code statement}, {@code interview}, {@code meeting}, {@code visit},
 *                      {@code press_conference} or {@code letter}; {@code null} when not clear
 * @param language      ISO 639-1 code of the article's language, or {@code null} when unknown
 */
public record Classification(List<ActorTag> actors, Attribution speaker, List<Attribution> speakers,
                             List<Attribution> counterparts, List<RegionTag> regions, String primaryRegion,
                             String kind, String language) {

    public Classification {
        actors = actors == null ? List.of() : List.copyOf(actors);
        speakers = speakers == null ? List.of() : List.copyOf(speakers);
        counterparts = counterparts == null ? List.of() : List.copyOf(counterparts);
        regions = regions == null ? List.of() : List.copyOf(regions);
    }
}
