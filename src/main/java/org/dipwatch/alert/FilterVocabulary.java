package org.dipwatch.alert;

import java.util.Map;

/**
 * The values a subscription's filter may name, taken from the classifier's dictionaries, so that
 * a mistyped id is an error that names the nearest ids instead of a filter that never matches.
 * Keys are lower case (filters compare without regard to case); values are the spelling shown in
 * a suggestion.
 *
 * @param actors     what {@code actors} and {@code speaker} may name: actor ids ({@code RUS},
 *                   {@code RUS-MFA}, {@code HAMAS}, {@code sergey-lavrov})
 * @param actorNames actors' names to their ids ({@code russia} → {@code RUS}), to point from a
 *                   name to the id a filter needs
 * @param regions    what {@code regions} may name: ids and names of countries, places and common
 *                   regions, sub-regions and continents by name and code
 */
public record FilterVocabulary(Map<String, String> actors, Map<String, String> actorNames, Map<String, String> regions) {

    public FilterVocabulary {
        actors = Map.copyOf(actors);
        actorNames = Map.copyOf(actorNames);
        regions = Map.copyOf(regions);
    }
}
