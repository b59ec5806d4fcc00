/**
 * Classify: tags an article with who acts and where, from dictionaries a user can read and edit
 * ({@code classify/*.yaml}, {@code countries.csv}, {@code names-cldr.csv}).
 * {@link org.dipwatch.classify.Classifier} is the entry point and applies the rules in this order,
 * each in its own class:
 * <ol>
 *   <li>the language ({@code LanguageGuess}): the script of the first letters, then the source's
 *       declared one when it is written in that script, else Lingua among the languages of that
 *       script;</li>
 *   <li>names ({@code Matcher}, {@code LanguageIndex}): every name of the dictionaries found in one
 *       pass, English through an Aho-Corasick trie on folded text, other languages through the same
 *       Lucene analyzer for the text and for the names (Snowball, Morfologik, the Arabic and Persian
 *       normalizers and stemmers; Chinese on characters); of these, the mentions whose case and
 *       context fit are kept, those inside a phrase to ignore ("The Times of Israel") dropped, the
 *       longest of overlaps kept, and a longer name of the other kind wins ("Taiwan Strait" is no
 *       actor, "Israel Defense Forces" no place) ({@code Classifier});</li>
 *   <li>roles ({@code Roles}): each mention of a country's name, capital or demonym read as its state
 *       acting or being a party (an actor), as a place (a region) or both, from the country-role cues
 *       of its language in {@code statements.yaml} ("Beijing said": an actor; "talks in Moscow",
 *       "visited Chad, Egypt and Tunisia": regions; "arming Taiwan": both);</li>
 *   <li>actors ({@code Actors}): states read as actors, organisations, institutions (a state's name
 *       beside a generic institution makes that state's: "Russian Foreign Ministry", "Ministry of
 *       Foreign Affairs of Russia"; a bare "the Foreign Ministry" is the one named before) and
 *       officials (a role with no name resolves to its holder on the article's date);</li>
 *   <li>places ({@code Places}): the gazetteer's (a capital only when read as a place), countries read
 *       as places, and the country of an institution named as where something happens ("in the
 *       Kremlin"), each resolved up to its country and rolled up to its sub-region, continent and
 *       the common regions that contain it;</li>
 *   <li>salience ({@code Tally}): by mentions and the first one's position, so the subject outranks a
 *       passing mention; among regions a country's name weighs 0.6 of a place's and the speaker's own
 *       country half;</li>
 *   <li>the speaker and counterparts ({@code Speakers}) from the statement cues of the article's
 *       language: the subject of a speech verb or the actor after "according to", early sentences
 *       weighing more, summed per side; counterparts after "a telephone conversation with", "told",
 *       "between", in a sentence where the speaker's side appears;</li>
 *   <li>the kind of statement ({@code StatementKind}: call, meeting, visit, briefing …) by weighted
 *       cue phrases, early sentences counting more; an article in which someone speaks and no other
 *       kind shows is a statement.</li>
 * </ol>
 * Every tag can carry each mention and the cue that gave it its role ({@code classify --explain}).
 */
package org.dipwatch.classify;
