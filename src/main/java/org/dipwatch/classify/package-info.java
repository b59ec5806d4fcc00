/**
 * Classify: tags an article with who acts and where, from dictionaries a user can read and edit
 * ({@code classify/*.yaml}, {@code countries.csv}, {@code names-cldr.csv}). Rules apply in this
 * order: (1) the language: the script of the first letters, then the source's
 * declared one when it is written in that script, else Lingua among the languages of that script
 * ({@code LanguageGuess}); (2) every name of the
 * dictionaries found in one pass, English through an Aho-Corasick trie on folded text, other
 * languages through the same Lucene analyzer for the text and for the names (Snowball, Morfologik,
 * the Arabic and Persian normalizers and stemmers; Chinese on characters); (3) actors: states,
 * organisations, institutions (a state's name beside a ministry makes that state's ministry) and
 * officials (a role with no name resolves to its holder on the article's date); (4) places,
 * resolved up to their country, sub-region, continent and common regions; (5) salience by mentions
 * and the first one's position; (6) the speaker and counterparts from statement cues of the
 * article's language; (7) the kind of statement (call, meeting, visit, briefing …) by weighted cue
 * phrases. {@link org.dipwatch.classify.Classifier} is the entry point; every tag can carry the
 * text and cue that gave it ({@code classify --explain}).
 */
package org.dipwatch.classify;
