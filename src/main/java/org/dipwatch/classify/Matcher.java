package org.dipwatch.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds every alias of every dictionary entry that is not tied to one language (those are found
 * by their language's {@link LanguageIndex}) in a text in one pass (a {@link WordTrie} of the
 * folded, lower-cased aliases), then keeps the matches that pass their alias' rules: whole words,
 * letter case, and for ambiguous aliases the context. Typographic apostrophes equal straight
 * ones and hyphens equal spaces, so "Abu-Marzook" matches "Abu Marzook" and "Israel’s" is
 * "Israel" with a possessive.
 */
final class Matcher {

    /** One alias of one entry that the trie's keyword stands for. */
    record Ref(Entry entry, Alias alias) {
    }

    /** A match in the text: the entry, the alias, and where ({@code end} exclusive). */
    record Mention(Entry entry, Alias alias, int start, int end, String text) {
        int length() {
            return end - start;
        }

        boolean overlaps(Mention o) {
            return start < o.end && o.start < end;
        }
    }

    private final WordTrie<List<Ref>> trie;
    private final java.util.Set<String> titleWords;

    Matcher(Iterable<Entry> entries, java.util.Set<String> titleWords) {
        Map<String, List<Ref>> byKeyword = new HashMap<>();
        for (Entry e : entries) {
            for (Alias a : e.aliases()) {
                if (a.language() != null) {
                    // looked for by its language's index, inflected forms included
                    continue;
                }
                String key = fold(a.text()).toLowerCase(Locale.ROOT).strip();
                if (!key.isEmpty()) {
                    byKeyword.computeIfAbsent(key, k -> new ArrayList<>()).add(new Ref(e, a));
                }
            }
        }
        Map<String, List<Ref>> frozen = new HashMap<>();
        byKeyword.forEach((k, refs) -> frozen.put(k, List.copyOf(refs)));
        this.trie = new WordTrie<>(frozen);
        this.titleWords = titleWords;
    }

    /** Every mention in the text that passes its alias' rules, overlapping ones included, in text order. */
    List<Mention> find(String text) {
        String folded = fold(text);
        List<Mention> out = new ArrayList<>();
        trie.find(folded, (start, end, refs) -> {
            String matched = folded.substring(start, end);
            for (Ref ref : refs) {
                if (ref.alias().caseMatches(matched)) {
                    out.add(new Mention(ref.entry(), ref.alias(), start, end, text.substring(start, end)));
                }
            }
        });
        out.sort(Comparator.comparingInt(Mention::start).thenComparing(m -> -m.length()));
        return out;
    }

    /**
     * Removes mentions of ambiguous aliases that their context shows to mean something else: a
     * word of {@code unless_near} within five words, or a capitalized word right beside them that
     * no other mention covers and that is not a title word ("Michael Jordan", "Jordan Bardella").
     */
    List<Mention> dropAmbiguous(String text, List<Mention> mentions) {
        List<Mention> out = new ArrayList<>();
        for (Mention m : mentions) {
            if (!m.alias().ambiguous() || contextAllows(text, m, mentions)) {
                out.add(m);
            }
        }
        return out;
    }

    private boolean contextAllows(String text, Mention m, List<Mention> all) {
        String before = words(text.substring(Math.max(0, m.start() - 80), m.start()), true);
        String after = words(text.substring(m.end(), Math.min(text.length(), m.end() + 80)), false);
        for (String w : m.alias().unlessNear()) {
            if (containsWord(before, w) || containsWord(after, w)) {
                return false;
            }
        }
        int next = skipPossessiveAndSpace(text, m.end());
        if (next < text.length() && Character.isUpperCase(text.charAt(next)) && text.charAt(m.end()) == ' '
                && !coveredByOther(next, m, all) && !titleWords.contains(word(text, next))) {
            return false;
        }
        int prevEnd = m.start() - 1;
        if (prevEnd > 0 && text.charAt(prevEnd) == ' ') {
            int prevStart = prevEnd;
            while (prevStart > 0 && Character.isLetter(text.charAt(prevStart - 1))) {
                prevStart--;
            }
            boolean sentenceStart = prevStart == 0 || isSentenceEnd(text, prevStart - 1);
            String prev = text.substring(prevStart, prevEnd);
            if (!prev.isEmpty() && Character.isUpperCase(prev.charAt(0)) && !sentenceStart
                    && !coveredByOther(prevStart, m, all) && !titleWords.contains(prev)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSentenceEnd(String text, int i) {
        int j = i;
        while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '"' || text.charAt(j) == '\u201C')) {
            j--;
        }
        return j < 0 || ".!?:\n".indexOf(text.charAt(j)) >= 0;
    }

    private static boolean coveredByOther(int pos, Mention self, List<Mention> all) {
        for (Mention o : all) {
            if (o != self && !o.alias().ambiguous() && o.start() <= pos && pos < o.end()) {
                return true;
            }
        }
        return false;
    }

    private static int skipPossessiveAndSpace(String text, int i) {
        if (i + 1 < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '\u2019') && text.charAt(i + 1) == 's') {
            i += 2;
        }
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String word(String text, int start) {
        int end = start;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /** Up to five words of a snippet: the last five before a mention, or the first five after it. */
    private static String words(String snippet, boolean last) {
        String[] w = SPACES.split(snippet.strip());
        int from = last ? Math.max(0, w.length - 5) : 0;
        int to = last ? w.length : Math.min(w.length, 5);
        return " " + String.join(" ", java.util.Arrays.copyOfRange(w, from, to)) + " ";
    }

    private static boolean containsWord(String words, String w) {
        int i = words.indexOf(w);
        while (i >= 0) {
            boolean startOk = i == 0 || !Character.isLetter(words.charAt(i - 1));
            int end = i + w.length();
            boolean endOk = end >= words.length() || !Character.isLetter(words.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            i = words.indexOf(w, i + 1);
        }
        return false;
    }

    /**
     * Keeps the longest of overlapping mentions (then the earliest); a mention of another entry at
     * the same span stays, unless both are states: one word names one country, the one whose name
     * is nearest the word's length ("ولبنان" is Lebanon, "لبنان", not Benin, "بنين", after two prefixes).
     */
    static List<Mention> longestFirst(List<Mention> mentions) {
        List<Mention> sorted = new ArrayList<>(mentions);
        sorted.sort(Comparator.comparingInt(Mention::length).reversed().thenComparingInt(Mention::start)
                .thenComparingInt(m -> Math.abs(m.length() - m.alias().text().length())));
        // the kept mentions are apart but for ones at one span: one that covers no kept character is
        // free; one that does is kept only beside those at its own span (rare: scanned)
        java.util.BitSet covered = new java.util.BitSet();
        List<Mention> kept = new ArrayList<>();
        for (Mention m : sorted) {
            int hit = covered.nextSetBit(m.start());
            if (hit >= 0 && hit < m.end()) {
                List<Mention> overlapping = new ArrayList<>(2);
                for (Mention k : kept) {
                    if (k.overlaps(m)) {
                        overlapping.add(k);
                    }
                }
                if (!fitsBeside(overlapping, m)) {
                    continue;
                }
            }
            covered.set(m.start(), m.end());
            kept.add(m);
        }
        kept.sort(Comparator.comparingInt(Mention::start));
        return kept;
    }

    /** Whether {@code m} may stand beside every one of {@code kept}: apart from them, or another entry at the same span. */
    private static boolean fitsBeside(List<Mention> kept, Mention m) {
        for (Mention k : kept) {
            boolean sameSpan = m.start() == k.start() && m.end() == k.end();
            boolean twoStates = m.entry().type() == Entry.Type.STATE && k.entry().type() == Entry.Type.STATE;
            // another entry at the same span stays ("Moscow": the state and the city); the same entry twice does not
            if (m.overlaps(k) && (!sameSpan || twoStates || k.entry().id().equals(m.entry().id()))) {
                return false;
            }
        }
        return true;
    }

    /** The character the matcher compares: typographic apostrophes as ', hyphens and dashes as spaces, NBSP as space. */
    static char fold(char c) {
        return switch (c) {
            case '\u2019', '\u2018', '\u02BC', '`', '\u00B4' -> '\'';
            case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u00A0' -> ' ';
            default -> c;
        };
    }

    /** The text with {@link #fold(char)} applied to each character; same length, so offsets stay valid. */
    static String fold(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = fold(chars[i]);
        }
        return new String(chars);
    }
}
