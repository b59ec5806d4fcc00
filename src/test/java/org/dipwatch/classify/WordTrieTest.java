package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WordTrieTest {

    private final WordTrie<String> trie = new WordTrie<>(Map.of("oman", "OMN", "mali", "MLI", "south sudan", "SSD",
            "sudan", "SDN", "us", "USA"));

    @Test
    void findsWholeWordsInAnyCaseWithTheTextsOffsets() {
        assertThat(trie.findAll("Oman and MALI met in Muscat.")).containsExactly("Oman", "MALI");
    }

    @Test
    void aNameInsideAnotherWordIsNotFound() {
        assertThat(trie.findAll("Romania and Somalia, Bamako")).isEmpty();
        assertThat(trie.findAll("USA")).isEmpty();
    }

    @Test
    void overlappingPhrasesAreAllReportedForTheCallerToChoose() {
        assertThat(trie.findAll("South Sudan")).containsExactlyInAnyOrder("South Sudan", "Sudan");
    }

    @Test
    void findsWhatTheAutomatonAloneFoundInTheOrderOfTheirEnds() {
        java.util.Random random = new java.util.Random(7);
        String[] pieces = {"us", "uk", "in", "th", "oman", "mali", "sudan", "south sudan", "g7", "u.s.", "al-sharaa", "以色列",
            "中国", "哈马斯", "new york", "york", "é", "iran", "irán", "ru", "1967", "s", "new", "new delhi", "(un)", "a中", "al-", "u.s",
            "south", "-x", "south sudan's"};
        String[] filler = {" ", ", ", ".", "-", "the ", "Romania ", "thus ", "US ", "U.S. ", "敦促", "和", "Ünïcode ", "\uD83D\uDE00", "x", "(", ")", "'s ", "a", "中"};
        Map<String, String> keys = new java.util.HashMap<>();
        for (String p : pieces) {
            keys.put(p, p.toUpperCase(java.util.Locale.ROOT));
        }
        WordTrie<String> split = new WordTrie<>(keys);
        com.hankcs.algorithm.AhoCorasickDoubleArrayTrie<String> all = new com.hankcs.algorithm.AhoCorasickDoubleArrayTrie<>();
        all.build(new java.util.TreeMap<>(keys));
        for (int round = 0; round < 5000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(30); n > 0; n--) {
                String[] from = random.nextBoolean() ? pieces : filler;
                String piece = from[random.nextInt(from.length)];
                text.append(random.nextInt(3) == 0 ? piece.toUpperCase(java.util.Locale.ROOT) : piece);
            }
            String t = text.toString();
            java.util.List<String> got = new java.util.ArrayList<>();
            int[] lastEnd = {-1};
            split.find(t, (start, end, v) -> {
                assertThat(end).as("hits in the order of their ends in %s", t).isGreaterThanOrEqualTo(lastEnd[0]);
                lastEnd[0] = end;
                got.add(end + ":" + start + ":" + v);
            });
            char[] lower = new char[t.length()];
            for (int i = 0; i < lower.length; i++) {
                lower[i] = Character.toLowerCase(t.charAt(i));
            }
            java.util.List<String> want = new java.util.ArrayList<>();
            all.parseText(lower, (start, end, v) -> {
                if ((start == 0 || !joins(lower[start - 1], lower[start])) && (end == lower.length || !joins(lower[end], lower[end - 1]))) {
                    want.add(end + ":" + start + ":" + v);
                }
            });
            assertThat(got).as(t).containsExactlyInAnyOrderElementsOf(want);
        }
    }

    private static boolean joins(char neighbour, char edge) {
        return Character.isLetterOrDigit(neighbour) && !Character.isIdeographic(neighbour) && !Character.isIdeographic(edge);
    }
}
