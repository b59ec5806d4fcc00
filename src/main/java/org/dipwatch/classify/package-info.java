/**
 * Classify: tags an article with who acts and where, from dictionaries a user can read and edit
 * ({@code classify/*.yaml}, {@code countries.csv}, {@code names-cldr.csv}). Rules apply in this
 * order: (1) the language: the script of the first letters, then the source's
 * declared one when it is written in that script, else Lingua among the languages of that script
 * ({@code LanguageGuess}); (2) every name of the
 * dictionaries found in one pass, English through an Aho-Corasick trie on folded text, other
 * languages through the same Lucene analyzer for the text and for the names (Snowball, Morfologik,
 * the Arabic and Persian normalizers and stemmers; Chinese on characters); (3) roles: each mention
 * of a country's name, capital or demonym read as its state acting (an actor), as a place (a
 * region) or both, from the country-role cues of its language ({@code Roles});
 * (4) actors: states read as actors, organisations, institutions (a state's name beside a ministry
 * makes that state's ministry) and officials (a role with no name resolves to its holder on the
 * article's date); (5) places: the gazetteer's, and countries read as places, resolved up to their
 * country, sub-region, continent and common regions; (6) salience by mentions
 * and the first one's position; (7) the speaker and counterparts from statement cues of the
 * article's language; (8) the kind of statement (call, meeting, visit, briefing …) by weighted cue
 * phrases. {@link org.dipwatch.classify.Classifier} is the entry point; every tag can carry each
 * mention and the cue that gave it its role ({@code classify --explain}).
 */
package org.dipwatch.classify;
