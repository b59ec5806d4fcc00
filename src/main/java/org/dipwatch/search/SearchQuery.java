package org.dipwatch.search;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A search of the corpus: words to rank by and filters to select by, and the page wanted. Each
 * filter that is set must match (and); within a filter any value may (or); values compare
 * without regard to case.
 *
 * @param words   the words to rank by in Lucene's classic syntax (words, {@code "a phrase"},
 *                {@code AND}, {@code OR}, {@code NOT}, {@code -word}, {@code title:word}); {@code null} or
 *                blank: none, the newest article first
 * @param filters by filter name ({@code actor}, {@code speaker}, {@code region}, {@code source},
 *                {@code language}, {@code verdict}, {@code story}), the values any of which may match
 * @param from    the earliest publication date, or {@code null}
 * @param to      the latest publication date, or {@code null}
 * @param offset  how many hits to skip
 * @param limit   how many hits to return
 */
public record SearchQuery(String words, Map<String, Set<String>> filters, LocalDate from, LocalDate to, int offset, int limit) {

    /** The filters a query may name. */
    public static final Set<String> FILTERS = Set.of("actor", "speaker", "region", "source", "language", "verdict", "story");

    public SearchQuery {
        words = words == null || words.isBlank() ? null : words.strip();
        filters = filters.entrySet().stream().filter(e -> !e.getValue().isEmpty()).collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> e.getValue().stream().map(v -> v.strip().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet())));
        for (String name : filters.keySet()) {
            if (!FILTERS.contains(name)) {
                throw new IllegalArgumentException("search: no filter '" + name + "'; the filters are " + new java.util.TreeSet<>(FILTERS));
            }
        }
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("search: offset and limit cannot be negative");
        }
    }
}
