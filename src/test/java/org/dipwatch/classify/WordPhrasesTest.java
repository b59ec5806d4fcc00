package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.dipwatch.text.Runs;
import org.junit.jupiter.api.Test;

class WordPhrasesTest {

    @Test
    void findsPhrasesWordByWordInAnyCaseWithHyphensOrSpacesBetween() {
        WordPhrases<String> phrases = new WordPhrases<>(Map.of("war torn", List.of("W"), "in", List.of("IN"), "Türkiye", List.of("T")));
        List<String> found = new ArrayList<>();
        String text = "The war-torn region, in TÜRKIYE, against war torn";
        phrases.find(text, (s, e, v) -> found.add(text.substring(s, e) + "=" + v));
        assertThat(found).containsExactly("war-torn=W", "in=IN", "TÜRKIYE=T", "war torn=W");
    }

    @Test
    void findsWhatCuttingOutAndLoweringEveryWordFound() {
        Random random = new Random(11);
        String[] keys = {"in", "to", "war torn", "in the", "on behalf of", "Türkiye", "İstanbul", "ΟΔΟΣ", "中国", "中国 外交部", "g7",
            "al-sharaa", "u.s.", "said", "SAID to"};
        String[] filler = {" ", "-", ", ", ". ", "\n", "the ", "into ", "against ", "İ", "ς", "Σ", "\uD83D\uDE00", "x", "–", "ﬁ"};
        Map<String, List<String>> byKey = new java.util.HashMap<>();
        for (String k : keys) {
            byKey.put(k, List.of(k.toUpperCase(Locale.ROOT), "#" + k));
        }
        WordPhrases<String> phrases = new WordPhrases<>(byKey);
        Reference reference = new Reference(byKey);
        for (int round = 0; round < 5000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(25); n > 0; n--) {
                String[] from = random.nextBoolean() ? keys : filler;
                String piece = from[random.nextInt(from.length)];
                text.append(random.nextInt(3) == 0 ? piece.toUpperCase(Locale.ROOT) : random.nextInt(3) == 0
                        ? piece.toLowerCase(Locale.ROOT) : piece);
            }
            String t = text.toString();
            List<String> got = new ArrayList<>();
            phrases.find(t, (s, e, v) -> got.add(s + ":" + e + ":" + v));
            List<String> want = new ArrayList<>();
            reference.find(t, (s, e, v) -> want.add(s + ":" + e + ":" + v));
            assertThat(got).as(t).containsExactlyElementsOf(want);
        }
    }

    /** The way phrases were found before: every word cut out of the text and lowered, looked up in a map. */
    private static final class Reference {
        private final Map<String, List<String[]>> byFirstWord = new java.util.HashMap<>();
        private final Map<String[], String> values = new java.util.IdentityHashMap<>();

        Reference(Map<String, List<String>> phrases) {
            for (Map.Entry<String, List<String>> e : phrases.entrySet()) {
                List<String> words = new ArrayList<>();
                String folded = Matcher.fold(e.getKey()).toLowerCase(Locale.ROOT);
                Runs.of(folded, Character::isLetterOrDigit, (start, end) -> words.add(folded.substring(start, end)));
                for (String value : e.getValue()) {
                    String[] w = words.toArray(String[]::new);
                    values.put(w, value);
                    byFirstWord.computeIfAbsent(words.get(0), k -> new ArrayList<>()).add(w);
                }
            }
        }

        void find(String text, WordTrie.Hit<String> hit) {
            List<int[]> words = new ArrayList<>();
            Runs.of(text, Character::isLetterOrDigit, (start, end) -> words.add(new int[] {start, end}));
            String[] lower = new String[words.size()];
            for (int i = 0; i < lower.length; i++) {
                lower[i] = text.substring(words.get(i)[0], words.get(i)[1]).toLowerCase(Locale.ROOT);
            }
            for (int i = 0; i < lower.length; i++) {
                for (String[] p : byFirstWord.getOrDefault(lower[i], List.of())) {
                    int n = p.length;
                    if (i + n <= lower.length && follows(text, words, lower, i, p)) {
                        hit.hit(words.get(i)[0], words.get(i + n - 1)[1], values.get(p));
                    }
                }
            }
        }

        private static boolean follows(String text, List<int[]> words, String[] lower, int first, String[] phrase) {
            for (int j = 1; j < phrase.length; j++) {
                if (!lower[first + j].equals(phrase[j])) {
                    return false;
                }
                for (int c = words.get(first + j - 1)[1]; c < words.get(first + j)[0]; c++) {
                    if (Matcher.fold(text.charAt(c)) != ' ' && !Character.isWhitespace(text.charAt(c))) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
