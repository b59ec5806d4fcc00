package org.dipwatch.model;

import java.util.List;

/**
 * An actor an article involves: a state, one of its institutions, an organisation or an official,
 * with how prominent it is in the article and, on request, the text that showed it.
 *
 * @param id           stable id: alpha-3 for a state ({@code RUS}), {@code RUS-MFA} for an institution,
 *                     {@code HAMAS} for an organisation, {@code sergey-lavrov} for an official
 * @param type         {@code state}, {@code institution}, {@code organisation} or {@code official}
 * @param name         the name a reader knows it by
 * @param country      alpha-3 of the state it belongs to, or {@code null} (the UN, the EU)
 * @param organisation the organisation or institution an official or institution belongs to, or {@code null}
 * @param role         an official's role at the article's date, or {@code null}
 * @param mentions     how many times it is mentioned
 * @param salience     0..1: mentions and position combined, so a passing mention ranks below the subject
 * @param evidence     the matched text of each mention (filled for {@code --explain}), else empty
 * @param cues         for each mention of {@code evidence}, the cue that made it an actor (filled for
 *                     {@code --explain}), else empty
 */
public record ActorTag(String id, String type, String name, String country, Ref organisation, String role,
                       int mentions, double salience, List<String> evidence, List<RoleCue> cues) {

    public ActorTag {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        cues = cues == null ? List.of() : List.copyOf(cues);
    }

    /** A tag whose mentions carry no explanation. */
    public ActorTag(String id, String type, String name, String country, Ref organisation, String role,
                    int mentions, double salience, List<String> evidence) {
        this(id, type, name, country, organisation, role, mentions, salience, evidence, List.of());
    }

    /** The same tag without its evidence. */
    public ActorTag withoutEvidence() {
        return new ActorTag(id, type, name, country, organisation, role, mentions, salience, List.of(), List.of());
    }

    /** A reference to another actor by id and name. */
    public record Ref(String id, String name) {
    }
}
