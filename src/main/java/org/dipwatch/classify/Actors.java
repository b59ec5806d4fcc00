package org.dipwatch.classify;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dipwatch.classify.Entry.Type;
import org.dipwatch.classify.Matcher.Mention;
import org.dipwatch.model.ActorTag;

/**
 * The actors among an article's mentions (rule 4 of the package): a state's name or demonym right
 * before a generic institution ("Russian Foreign Ministry", "Israel's army") or after one ("Ministry
 * of Foreign Affairs of Russia") makes that state's institution; before a role ("Russian Foreign
 * Minister") it joins the official named next, or, with no name, the official who held the role on
 * the article's date; a bare institution ("the Foreign Ministry said") is the one of that kind named
 * before; any other mention of a state counts when {@link Roles} read it as an actor.
 */
final class Actors {

    private static final Pattern POSSESSIVE_GAP = Pattern.compile("(?:['\u2019]s?)?\\s+");
    private static final Pattern OF_GAP = Pattern.compile("\\s+of\\s+(?:the\\s+)?");
    /**
     * Between an institution named in another language and its state after it: white space (the
     * Russian genitive "МИД России", the Arabic adjective "وزارة الخارجية المصرية") and up to two
     * short words ("de la", "der", "del", "de l'").
     */
    private static final Pattern GENITIVE_GAP = Pattern.compile("\\s+(?:\\p{L}{1,3}(?:\\s+|['\u2019])){0,2}");

    private final Dictionaries dictionaries;

    Actors(Dictionaries dictionaries) {
        this.dictionaries = dictionaries;
    }

    /**
     * The actors among the mentions; {@code consumed} receives the states that joined an institution
     * or role ("Russian" in "Russian Foreign Ministry"), which name no place of their own.
     */
    List<Found> find(String text, List<Mention> mentions, LocalDate date, Map<Mention, Roles.Reading> readings,
                     Set<Mention> consumed) {
        List<Found> out = new ArrayList<>();
        Map<String, Found> institutionsByKind = new LinkedHashMap<>();
        for (int i = 0; i < mentions.size(); i++) {
            Mention m = mentions.get(i);
            if (consumed.contains(m)) {
                continue;
            }
            Mention prev = i > 0 ? mentions.get(i - 1) : null;
            Mention next = i + 1 < mentions.size() ? mentions.get(i + 1) : null;
            Mention stateBefore = prev != null && !consumed.contains(prev) && prev.entry().type() == Type.STATE
                    && stateBeforeJoins(text, prev, m) ? prev : null;
            switch (m.entry().type()) {
                case INSTITUTION_KIND -> {
                    Mention state = stateBefore;
                    int end = m.end();
                    if (state == null && next != null && next.entry().type() == Type.STATE && stateAfterJoins(text, m, next)) {
                        state = next;
                        end = next.end();
                    }
                    if (state != null) {
                        consumed.add(state);
                        dropLastIf(out, state);
                        Found f = institution(state.entry(), m.entry(), Math.min(state.start(), m.start()), end, text,
                                "a state's " + m.entry().name());
                        institutionsByKind.put(m.entry().kind(), f);
                        out.add(f);
                    } else if (prev != null && prev.entry().type() == Type.ORGANISATION && !out.isEmpty()
                            && out.get(out.size() - 1).start() == prev.start() && gapIs(text, prev.end(), m.start(), POSSESSIVE_GAP)) {
                        // "the Hamas leadership", "Hamas' political bureau": the organisation itself
                        Found org = out.remove(out.size() - 1);
                        out.add(org.at(org.start(), m.end(), text.substring(org.start(), m.end()), "organisation's " + m.entry().name()));
                    } else if (institutionsByKind.containsKey(m.entry().kind()) && Character.isUpperCase(m.text().charAt(0))) {
                        // "the Foreign Ministry said", after "the Russian Foreign Ministry": the same one
                        Found earlier = institutionsByKind.get(m.entry().kind());
                        out.add(earlier.at(m.start(), m.end(), m.text(), "the " + m.entry().name() + " named before"));
                    }
                }
                case ROLE -> {
                    if (next != null && next.entry().type() == Type.OFFICIAL && text.substring(m.end(), next.start()).isBlank()) {
                        consumed.add(next);
                        if (stateBefore != null) {
                            consumed.add(stateBefore);
                            dropLastIf(out, stateBefore);
                        }
                        int start = stateBefore != null ? stateBefore.start() : m.start();
                        out.add(official(next.entry(), date, start, next.end(), text.substring(start, next.end()), "official"));
                    } else if (stateBefore != null) {
                        Entry holder = holder(m.entry().kind(), stateBefore.entry().id(), date);
                        if (holder != null) {
                            consumed.add(stateBefore);
                            dropLastIf(out, stateBefore);
                            out.add(official(holder, date, stateBefore.start(), m.end(), text.substring(stateBefore.start(), m.end()),
                                    "holder of the role on the article's date"));
                        }
                    }
                }
                case OFFICIAL -> out.add(official(m.entry(), date, m.start(), m.end(), m.text(), "official"));
                case INSTITUTION -> {
                    Found f = new Found(m.entry().id(), "institution", m.entry().name(), m.entry().country(), null, null,
                            m.entry().country(), 2, m.start(), m.end(), m.text(), "institution");
                    if (m.entry().kind() != null) {
                        institutionsByKind.put(m.entry().kind(), f);
                    }
                    out.add(f);
                }
                case ORGANISATION -> out.add(new Found(m.entry().id(), "organisation", m.entry().name(), m.entry().country(),
                        parentRef(m.entry()), null, m.entry().id(), 1, m.start(), m.end(), m.text(), "organisation"));
                case STATE -> {
                    Roles.Reading reading = readings.get(m);
                    if (reading == null || reading.acts()) {
                        out.add(new Found(m.entry().id(), "state", m.entry().name(), m.entry().id(), null, null,
                                m.entry().id(), 0, m.start(), m.end(), m.text(), reading == null ? "named as a state" : reading.cue()));
                    }
                }
                default -> {
                    // places are not actors
                }
            }
        }
        return out;
    }

    private static void dropLastIf(List<Found> out, Mention state) {
        if (!out.isEmpty() && out.get(out.size() - 1).start() == state.start() && out.get(out.size() - 1).type().equals("state")) {
            out.remove(out.size() - 1);
        }
    }

    /**
     * Whether a state right before an institution kind or role names its state: "Russia's", "Russian ";
     * Chinese writes the two together ("俄罗斯外交部").
     */
    private static boolean stateBeforeJoins(String text, Mention state, Mention next) {
        if (state.end() == next.start()) {
            return state.end() > 0 && next.start() < text.length() && Character.isIdeographic(text.charAt(state.end() - 1))
                    && Character.isIdeographic(text.charAt(next.start()));
        }
        return gapIs(text, state.end(), next.start(), POSSESSIVE_GAP);
    }

    /** Whether a state after an institution kind names its state: "Ministry of Foreign Affairs of Russia", "МИД России". */
    private static boolean stateAfterJoins(String text, Mention kind, Mention state) {
        return gapIs(text, kind.end(), state.start(), OF_GAP)
                || kind.alias().language() != null && gapIs(text, kind.end(), state.start(), GENITIVE_GAP);
    }

    private static boolean gapIs(String text, int from, int to, Pattern gap) {
        return from <= to && gap.matcher(text.substring(from, to)).matches();
    }

    private Found institution(Entry state, Entry kind, int start, int end, String text, String cue) {
        String id = state.id() + "-" + kind.kind();
        String name = dictionaries.actor(id).name();
        return new Found(id, "institution", name, state.id(), null, null, state.id(), 2, start, end, text.substring(start, end), cue);
    }

    private Found official(Entry e, LocalDate date, int start, int end, String text, String cue) {
        Entry.Role role = e.roleOn(date);
        Entry org = e.organisation() == null ? null : dictionaries.actor(e.organisation());
        ActorTag.Ref orgRef = org == null ? null : new ActorTag.Ref(org.id(), org.name());
        String side = org != null && org.type() == Type.ORGANISATION ? org.id() : e.country();
        return new Found(e.id(), "official", e.name(), e.country(), orgRef, role == null ? null : role.title(), side, 3,
                start, end, text, cue);
    }

    private ActorTag.Ref parentRef(Entry org) {
        Entry parent = org.parent() == null ? null : dictionaries.entry(org.parent());
        return parent == null ? null : new ActorTag.Ref(parent.id(), parent.name());
    }

    /** The official of a state who held a role of this kind on the date (the latest holder when the date is unknown). */
    private Entry holder(String roleKind, String state, LocalDate date) {
        Entry best = null;
        LocalDate bestFrom = null;
        for (Entry e : dictionaries.entries()) {
            if (e.type() != Type.OFFICIAL || !state.equals(e.country())) {
                continue;
            }
            for (Entry.Role r : e.roles()) {
                if (!roleKind.equals(r.kind())) {
                    continue;
                }
                if (date != null ? r.heldOn(date) : r.to() == null) {
                    if (best == null || r.from() != null && (bestFrom == null || r.from().isAfter(bestFrom))) {
                        best = e;
                        bestFrom = r.from();
                    }
                }
            }
        }
        return best;
    }

    /** The actor tags of the found actors, by salience, most salient first. */
    static List<ActorTag> tags(List<Found> found, int length, List<Sentence> sentences, boolean explain) {
        Map<String, Tally> tallies = Tally.of(found);
        int max = Tally.mostMentions(tallies.values());
        List<ActorTag> out = new ArrayList<>();
        for (Tally t : tallies.values()) {
            Found f = t.first();
            out.add(new ActorTag(f.id(), f.type(), f.name(), f.country(), f.organisation(), f.role(), t.all().size(),
                    t.salience(max, length, sentences), t.texts(explain), t.roleCues(explain)));
        }
        out.sort(Comparator.comparingDouble(ActorTag::salience).reversed());
        return out;
    }
}
