package org.dipwatch.model;

import java.util.List;

/**
 * A place an article names, resolved up the hierarchy: place → area → country or territory →
 * sub-region (UN M49) → continent and the common regions users name ("Middle East", "MENA").
 *
 * @param id       the place's id ({@code gaza-strip}) or the country's alpha-3
 * @param type     {@code place} or {@code country}
 * @param name     the name a reader knows it by
 * @param country  alpha-3 of the country or territory it lies in, or {@code null} (a sea)
 * @param path     the ids from the place up to its country ({@code [sheikh-jarrah, east-jerusalem, PSE]})
 * @param rollup   the larger regions it belongs to, by name ({@code Western Asia}, {@code Asia}, {@code Middle East})
 * @param mentions how many times it is named
 * @param salience 0..1: mentions and position combined
 * @param evidence the matched text of each mention (filled for {@code --explain}), else empty
 * @param cues     for each mention of {@code evidence}, the cue that made it a place (filled for
 *                 {@code --explain}), else empty
 */
public record RegionTag(String id, String type, String name, String country, List<String> path, List<Ref> rollup,
                        int mentions, double salience, List<String> evidence, List<RoleCue> cues) {

    public RegionTag {
        path = path == null ? List.of() : List.copyOf(path);
        rollup = rollup == null ? List.of() : List.copyOf(rollup);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        cues = cues == null ? List.of() : List.copyOf(cues);
    }

    /** A tag whose mentions carry no explanation. */
    public RegionTag(String id, String type, String name, String country, List<String> path, List<Ref> rollup,
                     int mentions, double salience, List<String> evidence) {
        this(id, type, name, country, path, rollup, mentions, salience, evidence, List.of());
    }

    /** The same tag without its evidence. */
    public RegionTag withoutEvidence() {
        return new RegionTag(id, type, name, country, path, rollup, mentions, salience, List.of(), List.of());
    }

    /** A larger region: {@code code} is an M49 or common-region id ({@code MIDDLE_EAST}), {@code name} its name. */
    public record Ref(String code, String name, String kind) {
    }
}
