package org.dipwatch.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dipwatch.classify.Entry.Type;
import org.dipwatch.classify.Matcher.Mention;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Article;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;

/**
 * Tags an article with who acts and where, explainably: the entry point of the stage, which applies
 * its rules in the order the {@linkplain org.dipwatch.classify package documentation} states — the
 * language ({@link LanguageGuess}), the names ({@link Matcher}, {@link LanguageIndex}), the mentions
 * kept (here), the roles ({@link Roles}), actors ({@link Actors}), places and their roll-up
 * ({@link Places}), salience ({@link Tally}), the speaker and counterparts ({@link Speakers}) and the
 * kind of statement ({@link StatementKind}). With {@code explain}, every tag carries each mention and
 * the cue that gave it its role.
 */
public final class Classifier {

    private final Dictionaries dictionaries;
    private final Matcher matcher;
    private final Cues cues;
    private final LanguageGuess languages;
    private final Actors actors;
    private final Places places;
    private final StatementKind kinds;
    /** Each language's names and cues, analyzed when its first article comes (empty: the language has no index). */
    private final Map<String, java.util.Optional<LanguageIndex>> indexes = new java.util.concurrent.ConcurrentHashMap<>();

    /** A classifier over loaded dictionaries, telling languages among the given ISO 639-1 codes. */
    public Classifier(Dictionaries dictionaries, List<String> languages) {
        this.dictionaries = dictionaries;
        this.cues = dictionaries.cues();
        this.matcher = new Matcher(dictionaries.entries(), cues.titleWords());
        this.actors = new Actors(dictionaries);
        this.places = new Places(dictionaries);
        this.kinds = new StatementKind(cues.kindWeights());
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
        List<Sentence> sentences = Sentence.of(text);
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
        List<Found> actorsFound = actors.find(text, actorKept, article.published(), readings, consumed);
        List<Found> placesFound = places.find(placeKept, actorKept, readings, consumed);

        List<ActorTag> actorTags = Actors.tags(actorsFound, text.length(), sentences, explain);
        Map<String, ActorTag> tagById = new LinkedHashMap<>();
        actorTags.forEach(t -> tagById.put(t.id(), t));

        List<List<Cues.Hit>> hits = Sentence.bySentence(allHits, sentences, Cues.Hit::start, Cues.Hit::end);
        List<Found> actorsInOrder = new ArrayList<>(actorsFound);
        actorsInOrder.sort(Comparator.comparingInt(Found::start));
        List<List<Found>> actorsBySentence = Sentence.bySentence(actorsInOrder, sentences, Found::start, Found::end);
        List<Attribution> speakers = Speakers.of(sentences, hits, actorsBySentence, tagById);
        Attribution speaker = speakers.isEmpty() ? null : speakers.get(0);
        List<Attribution> counterparts = speaker == null ? List.of()
                : Speakers.counterparts(sentences, hits, actorsBySentence, speaker.side(), tagById);
        List<RegionTag> regionTags = places.tags(placesFound, text.length(), sentences, explain,
                speaker == null ? null : speaker.actor().country());
        String primaryRegion = regionTags.isEmpty() ? null : regionTags.get(0).id();
        String kind = kinds.of(sentences, hits, speaker != null);
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
}
