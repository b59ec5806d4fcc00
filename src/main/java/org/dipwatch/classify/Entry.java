package org.dipwatch.classify;

import java.time.LocalDate;
import java.util.List;

/**
 * One entry of the dictionaries: a state, institution, organisation, official, place, region,
 * or a generic institution kind or role that combines with a state ("foreign ministry",
 * "foreign minister").
 *
 * @param id           stable id (alpha-3, {@code RUS-MFA}, {@code HAMAS}, {@code sergey-lavrov}, {@code gaza-strip}, {@code MIDDLE_EAST}, {@code MFA})
 * @param type         what kind of entry it is
 * @param name         the name a reader knows it by
 * @param country      alpha-3 of its state, or {@code null}
 * @param parent       for a place: the place or country it lies in; for an organisation: its parent organisation
 * @param organisation for an official: the institution or organisation it belongs to
 * @param kind         for an institution or a role: its kind ({@code MFA}, {@code foreign_minister}); for a place: city, area, …
 * @param aliases      every way a text names it
 * @param roles        for an official: the offices held, with dates
 * @param countries    for a region: the countries it groups
 * @param source       the file it came from, for error messages
 */
record Entry(String id, Type type, String name, String country, String parent, String organisation, String kind,
             List<Alias> aliases, List<Role> roles, List<String> countries, String source) {

    Entry {
        aliases = List.copyOf(aliases);
        roles = List.copyOf(roles);
        countries = List.copyOf(countries);
    }

    /** What an entry is. */
    enum Type {
        STATE, INSTITUTION, INSTITUTION_KIND, ORGANISATION, OFFICIAL, ROLE, PLACE, REGION, IGNORE;

        /** The lower-case name used in JSON. */
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether mentions of this type are actors (as opposed to places). */
        boolean isActor() {
            return this == STATE || this == INSTITUTION || this == ORGANISATION || this == OFFICIAL;
        }
    }

    /**
     * An office an official held: from its first day to its last ({@code to} is {@code null} while held).
     *
     * @param title the title as written ("Minister of Foreign Affairs")
     * @param kind  the role kind ({@code foreign_minister}, {@code head_of_state}, …)
     */
    record Role(String title, String kind, LocalDate from, LocalDate to) {

        /** Whether the office was held on a date. */
        boolean heldOn(LocalDate date) {
            return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
        }
    }

    /** The role held on a date, else the latest one. */
    Role roleOn(LocalDate date) {
        Role latest = null;
        for (Role r : roles) {
            if (date != null && r.heldOn(date)) {
                return r;
            }
            if (latest == null || r.from() != null && (latest.from() == null || r.from().isAfter(latest.from()))) {
                latest = r;
            }
        }
        return latest;
    }
}
