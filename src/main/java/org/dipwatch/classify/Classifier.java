package org.dipwatch.classify;

import java.text.BreakIterator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dipwatch.classify.Alias.Form;
import org.dipwatch.classify.Entry.Type;
import org.dipwatch.classify.Matcher.Mention;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Article;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;
import org.dipwatch.model.RoleCue;

/**
 * Tags an article with who acts and where, explainably. Rules apply in this order:
 * <ol>
 *   <li>find every alias of the dictionaries in one pass, keep those whose case and context fit,
 *       drop those inside a phrase to ignore ("The Times of Israel"), keep the longest of overlaps;</li>
 *   <li>roles ({@link Roles}): each country's name, capital or demonym is read as its state acting or
 *       being a party (an actor), as a place (a region), or both, from the country-role cues of
 *       {@code statements.yaml} around it ("Beijing said": an actor; "talks in Moscow", "visited
 *       Chad, Egypt and Tunisia": regions; "arming Taiwan": both);</li>
 *   <li>actors: a state's name or demonym right before a generic institution ("Russian Foreign
 *       Ministry", "Israel's army") or after one ("Ministry of Foreign Affairs of Russia") makes that
 *       state's institution; before a role ("Russian Foreign Minister") it joins the official named
 *       next, or, with no name, the official who held the role on the article's date; a bare
 *       institution ("the Foreign Ministry said") is the one of that kind named before; any other
 *       mention of a state counts when read as an actor;</li>
 *   <li>places: places of the gazetteer (a capital only when read as a place), countries whose name
 *       or demonym is read as a place, and the country of an institution named as where something
 *       happens ("in the Kremlin"), each resolved up to its country, sub-region, continent and the
 *       common regions that contain it;</li>
 *   <li>salience: mentions and the position of the first one, so the subject outranks a passing mention;</li>
 *   <li>the speaker: the subject of a speech verb ("Lavrov said") or the actor after "according to",
 *       weighed by how early the sentence comes, summed per side (a state, or an organisation such as
 *       Hamas); counterparts: the actor after "a telephone conversation with", "told", "between",
 *       in a sentence where the speaker's side appears;</li>
 *   <li>the statement kind by weighted cue phrases, early sentences counting more; the language by its script, then
 *       the declared one or Lingua among that script's languages ({@link LanguageGuess}).</li>
 * </ol>
 * With {@code explain}, every tag carries each mention and the cue that gave it its role.
 */
public final class Classifier {

    private static final Pattern POSSESSIVE_GAP = Pattern.compile("(?:['\u2019]s?)?\\s+");
    private static final Pattern OF_GAP = Pattern.compile("\\s+of\\s+(?:the\\s+)?");
    /**
     * Between an institution named in another language and its state after it: white space (the
     * Russian genitive "МИД России", the Arabic adjective "وزارة الخارجية المصرية") and up to two
     * short words ("de la", "der", "del", "de l'").
     */
    private static final Pattern GENITIVE_GAP = Pattern.compile("\\s+(?:\\p{L}{1,3}(?:\\s+|['\u2019])){0,2}");

    private final Dictionaries dictionaries;
    private final Matcher matcher;
    private final Cues cues;
    private final LanguageGuess languages;
    /** Each language's names and cues, analyzed when its first article comes (empty: the language has no index). */
    private final Map<String, java.util.Optional<LanguageIndex>> indexes = new java.util.concurrent.ConcurrentHashMap<>();

    /** A classifier over loaded dictionaries, telling languages among the given ISO 639-1 codes. */
    public Classifier(Dictionaries dictionaries, List<String> languages) {
        this.dictionaries = dictionaries;
        this.cues = dictionaries.cues();
        this.matcher = new Matcher(dictionaries.entries(), cues.titleWords);
        this.languages = new LanguageGuess(languages);
    }

    /**
     * The classifier of a home: the packaged dictionaries with the home's additions
     * ({@code dipwatch.classify.dir}), telling the languages of {@code dipwatch.classify.languages};
     * a problem in the dictionaries stops it with the file and entry named. Nothing here logs, so
     * {@code classify} from the command line starts no logging at all.
     */
    public static Classifier of(org.dipwatch.config.Settings settings) {
        Dictionaries dictionaries = Dictionaries.load(java.nio.file.Path.of(settings.require("dipwatch.classify.dir")));
        if (!dictionaries.problems().isEmpty()) {
            throw new org.dipwatch.config.ConfigException("classify: the dictionaries have problems (run check-config):\n  "
                    + String.join("\n  ", dictionaries.problems()));
        }
        return new Classifier(dictionaries, List.of(settings.require("dipwatch.classify.languages").split(",")));
    }

    /** The index of a language's names and cues, built on first use; {@code null} for a language without one. */
    private LanguageIndex index(String language) {
        if (language == null) {
            return null;
        }
        return indexes.computeIfAbsent(language, l -> java.util.Optional.ofNullable(
                LanguageIndex.build(l, dictionaries.entries(), cues.phrases(l)))).orElse(null);
    }

    /** The dictionaries the classifier tags with: what a subscription's filter may name. */
    public Dictionaries dictionaries() {
        return dictionaries;
    }

    /** An actor or place found in the text, resolved to the tag it counts for, with the cue that gave it its role. */
    private record Found(String id, String type, String name, String country, ActorTag.Ref organisation, String role,
                         String side, int rank, int start, int end, String text, String cue) {
    }

    /** A sentence of the article: where it is and its number in reading order. */
    private record Sentence(int index, int start, int end, String text) {
    }

    /** Classifies an article; with {@code explain}, every tag carries the matched text of its mentions. */
    public Classification classify(Article article, boolean explain) {
        return classify(article, explain, null);
    }

    /**
     * Classifies an article whose language may be known beforehand: a {@code languageHint} (ISO
     * 639-1, e.g. the language its source declares) is taken as the article's language when the
     * text is written in that language's script, instead of detecting it; {@code null} detects it.
     */
    public Classification classify(Article article, boolean explain, String languageHint) {
        String text = String.join("\n\n", article.body());
        String language = languages.of(text, languageHint);
        LanguageIndex index = index(language);
        LanguageAnalysis.Tokens tokens = index == null ? null : index.tokens(text);
        List<Sentence> sentences = sentences(text);
        List<Mention> found = matcher.find(text);
        if (index != null) {
            found = new ArrayList<>(found);
            found.addAll(index.mentions(text, tokens));
            found.sort(Comparator.comparingInt(Mention::start).thenComparing(m -> -m.length()));
        }
        List<Mention> all = matcher.dropAmbiguous(text, found);
        all = withoutIgnored(all);
        List<Mention> actorMentions = Matcher.longestFirst(actorMentions(all));
        List<Mention> placeMentions = Matcher.longestFirst(placeMentions(all));
        // a longer name of the other kind wins: "Taiwan Strait" is no actor, "Israel Defense Forces" no place
        List<Mention> actorKept = withoutContained(actorMentions, placeMentions);
        List<Mention> placeKept = withoutContained(placeMentions, actorMentions);
        List<Cues.Hit> allHits = cues.find(text, index == null ? List.of() : index.cues(text, tokens), language);
        // each country's name, capital or demonym: its state acting, a place, or both
        Map<Mention, Roles.Reading> readings = Roles.read(text, inTextOrder(actorKept, placeKept), allHits, cues.roleWords(language));
        Set<Mention> consumed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Found> actors = actors(text, actorKept, article.published(), readings, consumed);
        List<Found> places = places(placeKept, actorKept, readings, consumed);

        List<ActorTag> actorTags = actorTags(actors, text.length(), sentences, explain);
        Map<String, ActorTag> tagById = new LinkedHashMap<>();
        actorTags.forEach(t -> tagById.put(t.id(), t));

        List<List<Cues.Hit>> hits = bySentence(allHits, sentences, Cues.Hit::start, Cues.Hit::end);
        List<Found> actorsInOrder = new ArrayList<>(actors);
        actorsInOrder.sort(Comparator.comparingInt(Found::start));
        List<List<Found>> actorsBySentence = bySentence(actorsInOrder, sentences, Found::start, Found::end);
        List<Attribution> speakers = speakers(sentences, hits, actorsBySentence, tagById);
        Attribution speaker = speakers.isEmpty() ? null : speakers.get(0);
        List<Attribution> counterparts = speaker == null ? List.of()
                : counterparts(sentences, hits, actorsBySentence, speaker.side(), tagById);
        List<RegionTag> regionTags = regionTags(places, text.length(), sentences, explain,
                speaker == null ? null : speaker.actor().country());
        String primaryRegion = regionTags.isEmpty() ? null : regionTags.get(0).id();
        String kind = kind(sentences, hits);
        if (kind == null && speaker != null) {
            // someone speaks and no other form shows: a statement
            kind = "statement";
        }
        return new Classification(actorTags, speaker, speakers, counterparts, regionTags, primaryRegion, kind, language);
    }

    // --- mentions --------------------------------------------------------------------------

    private static List<Mention> withoutIgnored(List<Mention> all) {
        List<Mention> ignored = all.stream().filter(m -> m.entry().type() == Type.IGNORE).toList();
        List<Mention> out = new ArrayList<>();
        for (Mention m : all) {
            if (m.entry().type() != Type.IGNORE && ignored.stream().noneMatch(i -> i.overlaps(m))) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The mentions that no strictly longer mention of {@code others} contains, in one sweep of both
     * (each in text order): of the others starting at or before a mention, the one reaching
     * furthest, and earliest among those, is the one that could contain it.
     */
    private static List<Mention> withoutContained(List<Mention> mentions, List<Mention> others) {
        List<Mention> out = new ArrayList<>();
        int j = 0;
        int reach = -1;
        int reachStart = Integer.MAX_VALUE;
        for (Mention m : mentions) {
            while (j < others.size() && others.get(j).start() <= m.start()) {
                Mention o = others.get(j++);
                if (o.end() > reach || o.end() == reach && o.start() < reachStart) {
                    reach = o.end();
                    reachStart = o.start();
                }
            }
            boolean contained = reach > m.end() || reach == m.end() && reachStart < m.start();
            if (!contained) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<Mention> actorMentions(List<Mention> all) {
        return all.stream().filter(m -> switch (m.entry().type()) {
            case STATE, INSTITUTION, INSTITUTION_KIND, ORGANISATION, OFFICIAL, ROLE -> true;
            default -> false;
        }).toList();
    }

    /** Places, regions and states in every form: a state's name, demonym or capital may name it as a place. */
    private static List<Mention> placeMentions(List<Mention> all) {
        return all.stream().filter(m -> switch (m.entry().type()) {
            case PLACE, REGION, STATE -> true;
            default -> false;
        }).toList();
    }

    /** The mentions of both lists (each in text order) once each (a state is in both), by start, longer first. */
    private static List<Mention> inTextOrder(List<Mention> a, List<Mention> b) {
        Comparator<Mention> order = Comparator.comparingInt(Mention::start).thenComparing(m -> -m.length());
        List<Mention> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            Mention next;
            if (j == b.size() || i < a.size() && order.compare(a.get(i), b.get(j)) <= 0) {
                next = a.get(i++);
            } else {
                next = b.get(j++);
            }
            // a state is the same object in both lists, and both lists keep their order
            if (out.isEmpty() || out.get(out.size() - 1) != next) {
                boolean seen = false;
                for (int k = out.size() - 1; k >= 0 && out.get(k).start() == next.start(); k--) {
                    seen |= out.get(k) == next;
                }
                if (!seen) {
                    out.add(next);
                }
            }
        }
        return out;
    }

    // --- actors ----------------------------------------------------------------------------

    /**
     * The actors among the mentions; {@code consumed} receives the states that joined an institution
     * or role ("Russian" in "Russian Foreign Ministry"), which name no place of their own.
     */
    private List<Found> actors(String text, List<Mention> mentions, LocalDate date, Map<Mention, Roles.Reading> readings,
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
                        out.add(at(org, org.start(), m.end(), text.substring(org.start(), m.end()), "organisation's " + m.entry().name()));
                    } else if (institutionsByKind.containsKey(m.entry().kind()) && Character.isUpperCase(m.text().charAt(0))) {
                        // "the Foreign Ministry said", after "the Russian Foreign Ministry": the same one
                        Found earlier = institutionsByKind.get(m.entry().kind());
                        out.add(at(earlier, m.start(), m.end(), m.text(), "the " + m.entry().name() + " named before"));
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

    private static Found at(Found f, int start, int end, String text, String cue) {
        return new Found(f.id(), f.type(), f.name(), f.country(), f.organisation(), f.role(), f.side(), f.rank(), start, end, text, cue);
    }

    // --- places ----------------------------------------------------------------------------

    /**
     * The places among the mentions, in text order: places and regions of the gazetteer (a capital
     * only where it is read as a place, not as its government), a state's name or demonym read as a
     * place (its country), and an institution named as where something happens ("in the Kremlin": its
     * country). A state that joined an institution or role ({@code consumed}) names no place.
     */
    private List<Found> places(List<Mention> mentions, List<Mention> actorMentions, Map<Mention, Roles.Reading> readings,
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

    // --- tags and salience -----------------------------------------------------------------

    private record Tally(Found first, List<Found> all) {
    }

    private static Map<String, Tally> tally(List<Found> found) {
        Map<String, Tally> out = new LinkedHashMap<>();
        for (Found f : found) {
            out.computeIfAbsent(f.id(), k -> new Tally(f, new ArrayList<>())).all().add(f);
        }
        return out;
    }

    /** Each mention of a tag with the cue that gave it its role. */
    private static List<RoleCue> roleCues(Tally t) {
        return t.all().stream().map(f -> new RoleCue(f.text(), f.cue())).toList();
    }

    private static double salience(Tally t, int maxMentions, int length, List<Sentence> sentences) {
        double mentions = (double) t.all().size() / Math.max(1, maxMentions);
        double position = 1.0 - (double) t.first().start() / Math.max(1, length);
        double lead = !sentences.isEmpty() && t.first().start() < sentences.get(0).end() ? 1.0 : 0.0;
        return Math.round((0.5 * mentions + 0.4 * position + 0.1 * lead) * 1000) / 1000.0;
    }

    private static List<ActorTag> actorTags(List<Found> found, int length, List<Sentence> sentences, boolean explain) {
        Map<String, Tally> tallies = tally(found);
        int max = tallies.values().stream().mapToInt(t -> t.all().size()).max().orElse(1);
        List<ActorTag> out = new ArrayList<>();
        for (Tally t : tallies.values()) {
            Found f = t.first();
            out.add(new ActorTag(f.id(), f.type(), f.name(), f.country(), f.organisation(), f.role(), t.all().size(),
                    salience(t, max, length, sentences), explain ? t.all().stream().map(Found::text).toList() : List.of(),
                    explain ? roleCues(t) : List.of()));
        }
        out.sort(Comparator.comparingDouble(ActorTag::salience).reversed());
        return out;
    }

    /**
     * Region tags ranked for the subject: a place below country level weighs more than a country's
     * name (which is often the actor: "Russia calls for…"), and the speaker's own country counts half,
     * since a statement is about somewhere else more often than about its author's home.
     */
    private List<RegionTag> regionTags(List<Found> found, int length, List<Sentence> sentences, boolean explain,
                                       String speakerCountry) {
        Map<String, Tally> tallies = tally(found);
        int max = tallies.values().stream().mapToInt(t -> t.all().size()).max().orElse(1);
        List<RegionTag> out = new ArrayList<>();
        for (Tally t : tallies.values()) {
            Found f = t.first();
            double weight = (f.type().equals("country") ? 0.6 : 1.0) * (f.country() != null && f.country().equals(speakerCountry) ? 0.5 : 1.0);
            double salience = Math.round(salience(t, max, length, sentences) * weight * 1000) / 1000.0;
            out.add(new RegionTag(f.id(), f.type(), f.name(), f.country(), path(f), rollup(f), t.all().size(),
                    salience, explain ? t.all().stream().map(Found::text).toList() : List.of(), explain ? roleCues(t) : List.of()));
        }
        out.sort(Comparator.comparingDouble(RegionTag::salience).reversed());
        return out;
    }

    // --- speakers and counterparts ---------------------------------------------------------

    private List<Attribution> speakers(List<Sentence> sentences, List<List<Cues.Hit>> hits, List<List<Found>> actors,
                                       Map<String, ActorTag> tags) {
        Map<String, Double> weight = new LinkedHashMap<>();
        Map<String, Found> best = new LinkedHashMap<>();
        Map<String, String> sentenceOf = new LinkedHashMap<>();
        for (Sentence s : sentences) {
            List<Found> in = actors.get(s.index());
            if (in.isEmpty()) {
                continue;
            }
            // news puts the speaker in the lead: the first sentence counts double, later ones less and less
            double w = s.index() == 0 ? 2.0 : 1.0 / (1.0 + s.index());
            for (Cues.Hit hit : hits.get(s.index())) {
                switch (hit.category()) {
                    case SPEECH -> {
                        Found subject = appositiveHead(in, lastBefore(in, hit.start()), s.text(), s.start());
                        credit(subject != null ? subject : firstAfter(in, hit.end(), 60), w, s, weight, best, sentenceOf);
                    }
                    case SPEAKER_FOLLOWS -> credit(firstAfter(in, hit.end(), 80), w, s, weight, best, sentenceOf);
                    // "X held a phone conversation with Y": X speaks for the call, at half weight
                    case COUNTERPART -> credit(lastBefore(in, hit.start()), w / 2, s, weight, best, sentenceOf);
                    default -> {
                        // kinds and pairs do not name a speaker
                    }
                }
            }
        }
        List<String> sides = new ArrayList<>(weight.keySet());
        sides.sort(Comparator.comparingDouble((String side) -> weight.get(side)).reversed());
        List<Attribution> out = new ArrayList<>();
        for (String side : sides) {
            Found f = best.get(side);
            out.add(new Attribution(tags.get(f.id()), side, sentenceOf.get(side)));
        }
        return out;
    }

    /** The items (sorted by start) that lie within each sentence, in one sweep. */
    private static <T> List<List<T>> bySentence(List<T> items, List<Sentence> sentences,
                                                java.util.function.ToIntFunction<T> start, java.util.function.ToIntFunction<T> end) {
        List<List<T>> out = new ArrayList<>(sentences.size());
        int i = 0;
        for (Sentence s : sentences) {
            List<T> in = new ArrayList<>();
            while (i < items.size() && start.applyAsInt(items.get(i)) < s.start()) {
                i++;
            }
            int j = i;
            while (j < items.size() && start.applyAsInt(items.get(j)) < s.end()) {
                if (end.applyAsInt(items.get(j)) <= s.end()) {
                    in.add(items.get(j));
                }
                j++;
            }
            out.add(in);
        }
        return out;
    }

    /**
     * The head of an appositive: in "Moussa Abu Marzouk, deputy head of Hamas' political wing, told",
     * the subject is the official, not the organisation inside his title.
     */
    private static Found appositiveHead(List<Found> in, Found subject, String sentence, int offset) {
        if (subject == null) {
            return null;
        }
        Found head = subject;
        for (Found f : in) {
            if (f.end() <= subject.start() && subject.start() - f.end() < 80 && f.rank() > subject.rank()
                    && f.side() != null && f.side().equals(subject.side())
                    && sentence.substring(f.end() - offset, subject.start() - offset).startsWith(",")) {
                head = f;
            }
        }
        return head;
    }

    private static void credit(Found actor, double w, Sentence s, Map<String, Double> weight, Map<String, Found> best,
                               Map<String, String> sentenceOf) {
        if (actor == null || actor.side() == null) {
            return;
        }
        weight.merge(actor.side(), w, Double::sum);
        Found before = best.get(actor.side());
        if (before == null || actor.rank() > before.rank()) {
            best.put(actor.side(), actor);
            sentenceOf.put(actor.side(), s.text());
        }
    }

    private List<Attribution> counterparts(List<Sentence> sentences, List<List<Cues.Hit>> hits, List<List<Found>> actors,
                                           String speakerSide, Map<String, ActorTag> tags) {
        Map<String, Found> bySide = new LinkedHashMap<>();
        Map<String, String> sentenceOf = new LinkedHashMap<>();
        for (Sentence s : sentences) {
            List<Found> in = actors.get(s.index());
            if (in.stream().noneMatch(f -> speakerSide.equals(f.side()))) {
                continue;
            }
            for (Cues.Hit hit : hits.get(s.index())) {
                if (hit.category() == Cues.Category.COUNTERPART) {
                    addCounterpart(specific(in, firstAfter(in, hit.end(), 100)), speakerSide, s, bySide, sentenceOf);
                } else if (hit.category() == Cues.Category.COUNTERPART_PAIR) {
                    for (Found f : in) {
                        if (f.start() >= hit.end()) {
                            addCounterpart(specific(in, f), speakerSide, s, bySide, sentenceOf);
                        }
                    }
                }
            }
        }
        List<Attribution> out = new ArrayList<>();
        bySide.forEach((side, f) -> out.add(new Attribution(tags.get(f.id()), side, sentenceOf.get(side))));
        return out;
    }

    private static void addCounterpart(Found f, String speakerSide, Sentence s, Map<String, Found> bySide,
                                       Map<String, String> sentenceOf) {
        if (f == null || f.side() == null || f.side().equals(speakerSide)) {
            return;
        }
        Found before = bySide.get(f.side());
        if (before == null || f.rank() > before.rank()) {
            bySide.put(f.side(), f);
            sentenceOf.put(f.side(), s.text());
        }
    }

    /** A state or demonym right before an official or institution of the same side stands for them ("Palestinian President Mahmoud Abbas"). */
    private static Found specific(List<Found> in, Found f) {
        if (f == null || f.rank() > 1) {
            return f;
        }
        for (Found o : in) {
            if (o.start() > f.start() && o.start() - f.end() < 40 && o.rank() > f.rank() && f.side().equals(o.side())) {
                return o;
            }
        }
        return f;
    }

    private static Found lastBefore(List<Found> in, int at) {
        Found out = null;
        for (Found f : in) {
            if (f.end() <= at) {
                out = f;
            }
        }
        return out;
    }

    private static Found firstAfter(List<Found> in, int at, int within) {
        for (Found f : in) {
            if (f.start() >= at && f.start() - at <= within) {
                return f;
            }
        }
        return null;
    }

    // --- kind and sentences ----------------------------------------------------------------

    private String kind(List<Sentence> sentences, List<List<Cues.Hit>> hits) {
        Map<String, Double> score = new LinkedHashMap<>();
        for (Sentence s : sentences) {
            for (Cues.Hit hit : hits.get(s.index())) {
                if (hit.category() == Cues.Category.KIND) {
                    score.merge(hit.kind(), cues.kindWeights.get(hit.kind()) / (1.0 + 0.3 * s.index()), Double::sum);
                }
            }
        }
        String best = null;
        double bestScore = 0;
        for (Map.Entry<String, Double> e : score.entrySet()) {
            if (e.getValue() > bestScore) {
                best = e.getKey();
                bestScore = e.getValue();
            }
        }
        return bestScore >= 1.0 ? best : null;
    }

    private static List<Sentence> sentences(String text) {
        List<Sentence> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = text.substring(start, end);
            // a paragraph break always ends a sentence (titles have no full stop)
            int offset = start;
            for (String part : s.split("\n\n", -1)) {
                if (!part.isBlank()) {
                    out.add(new Sentence(out.size(), offset, offset + part.length(), part));
                }
                offset += part.length() + 2;
            }
        }
        return out;
    }
}
