package org.dipwatch.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dipwatch.classify.Alias.Form;
import org.dipwatch.classify.Entry.Type;
import org.dipwatch.classify.Matcher.Mention;
import org.dipwatch.model.RegionTag;

/**
 * The places among an article's mentions and their roll-up (rule 5 of the package): places of the
 * gazetteer (a capital only when read as a place), countries whose name or demonym {@link Roles}
 * read as a place, and the country of an institution named as where something happens ("in the
 * Kremlin"), each resolved up to its country ({@code path}), then rolled up to the country's
 * sub-region, continent and the common regions of {@code regions.yaml} that contain it.
 */
final class Places {

    private final Dictionaries dictionaries;

    Places(Dictionaries dictionaries) {
        this.dictionaries = dictionaries;
    }

    /**
     * The places among the mentions, in text order: places and regions of the gazetteer (a capital
     * only where it is read as a place, not as its government), a state's name or demonym read as a
     * place (its country), and an institution named as where something happens ("in the Kremlin": its
     * country). A state that joined an institution or role ({@code consumed}) names no place.
     */
    List<Found> find(List<Mention> mentions, List<Mention> actorMentions, Map<Mention, Roles.Reading> readings,
                     Set<Mention> consumed) {
        List<Found> out = new ArrayList<>();
        Set<Long> placeSpans = new HashSet<>();
        for (Mention m : mentions) {
            if (m.entry().type() == Type.PLACE) {
                placeSpans.add(span(m));
            }
        }
        for (Mention m : mentions) {
            Entry e = m.entry();
            Roles.Reading reading = readings.get(m);
            switch (e.type()) {
                case STATE -> {
                    // a capital read as a place is its city, found at the same span
                    boolean city = m.alias().form() == Form.METONYM && placeSpans.contains(span(m));
                    if (reading != null && reading.isPlace() && !city && !consumed.contains(m)) {
                        out.add(new Found(e.id(), "country", e.name(), e.id(), null, null, null, 0, m.start(), m.end(), m.text(),
                                reading.cue()));
                    }
                }
                case PLACE -> {
                    if (reading == null || reading.isPlace()) {
                        out.add(new Found(e.id(), "place", e.name(), dictionaries.countryOfPlace(e), null, null, null, 0,
                                m.start(), m.end(), m.text(), reading == null ? placeCue(e) : reading.cue()));
                    }
                }
                case REGION -> out.add(new Found(e.id(), "region", e.name(), null, null, null, null, 0, m.start(), m.end(), m.text(),
                        "region"));
                default -> {
                    // actors are not places
                }
            }
        }
        for (Mention m : actorMentions) {
            Roles.Reading reading = readings.get(m);
            Entry country = m.entry().country() == null ? null : dictionaries.entry(m.entry().country());
            if (m.entry().type() == Type.INSTITUTION && reading != null && country != null) {
                out.add(new Found(country.id(), "country", country.name(), country.id(), null, null, null, 0, m.start(), m.end(),
                        m.text(), reading.cue()));
            }
        }
        out.sort(Comparator.comparingInt(Found::start));
        return out;
    }

    /** The cue of a place of the gazetteer, always a place: "place in PSE". */
    private String placeCue(Entry place) {
        String country = dictionaries.countryOfPlace(place);
        return country == null ? "place" : "place in " + country;
    }

    private static long span(Mention m) {
        return (long) m.start() << 32 | m.end();
    }

    /** The ids from the place up to its country ("gaza-strip", "PSE"); none for a common region. */
    private List<String> path(Found place) {
        List<String> path = new ArrayList<>();
        if (place.type().equals("region")) {
            return path;
        }
        Entry e = dictionaries.entry(place.id());
        for (int depth = 0; e != null && depth < 10; depth++) {
            path.add(e.id());
            if (e.type() == Type.STATE) {
                break;
            }
            e = e.parent() != null ? dictionaries.entry(e.parent()) : e.country() != null ? dictionaries.entry(e.country()) : null;
        }
        return path;
    }

    /** The regions the place lies in: its country's sub-region, continent and common regions; a common region itself. */
    private List<RegionTag.Ref> rollup(Found place) {
        List<RegionTag.Ref> out = new ArrayList<>();
        if (place.type().equals("region")) {
            out.add(new RegionTag.Ref(place.id(), place.name(), "region"));
            return out;
        }
        Dictionaries.Country c = place.country() == null ? null : dictionaries.country(place.country());
        if (c == null) {
            return out;
        }
        if (c.subregion() != null && !c.subregion().isBlank()) {
            out.add(new RegionTag.Ref(Dictionaries.regionCode(c.subregion()), c.subregion(), "subregion"));
        }
        if (c.continent() != null && !c.continent().isBlank()) {
            out.add(new RegionTag.Ref(Dictionaries.regionCode(c.continent()), c.continent(), "continent"));
        }
        for (Entry e : dictionaries.regionsOf(c.id())) {
            out.add(new RegionTag.Ref(e.id(), e.name(), "region"));
        }
        return out;
    }

    /**
     * Region tags ranked for the subject: a place below country level weighs more than a country's
     * name (which is often the actor: "Russia calls for…"), and the speaker's own country counts half,
     * since a statement is about somewhere else more often than about its author's home.
     */
    List<RegionTag> tags(List<Found> found, int length, List<Sentence> sentences, boolean explain, String speakerCountry) {
        Map<String, Tally> tallies = Tally.of(found);
        int max = Tally.mostMentions(tallies.values());
        List<RegionTag> out = new ArrayList<>();
        for (Tally t : tallies.values()) {
            Found f = t.first();
            double weight = (f.type().equals("country") ? 0.6 : 1.0) * (f.country() != null && f.country().equals(speakerCountry) ? 0.5 : 1.0);
            double salience = Math.round(t.salience(max, length, sentences) * weight * 1000) / 1000.0;
            out.add(new RegionTag(f.id(), f.type(), f.name(), f.country(), path(f), rollup(f), t.all().size(),
                    salience, t.texts(explain), t.roleCues(explain)));
        }
        out.sort(Comparator.comparingDouble(RegionTag::salience).reversed());
        return out;
    }
}
