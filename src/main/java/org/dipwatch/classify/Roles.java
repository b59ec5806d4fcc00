package org.dipwatch.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.dipwatch.classify.Cues.Category;
import org.dipwatch.classify.Cues.Hit;
import org.dipwatch.classify.Cues.RoleWords;
import org.dipwatch.classify.Entry.Type;
import org.dipwatch.classify.Matcher.Mention;

/**
 * Reads each mention of a country's own name, capital or demonym as its state acting or being a
 * party (an actor), as a place (a region: where, whither, whence, what about, an origin) or as both,
 * from the country-role cues of {@code statements.yaml} around it. The first that applies decides:
 * <ol>
 *   <li>a dateline at the head of a paragraph ("MOSCOW, July 17. /TASS/."): a region;</li>
 *   <li>a phrase right after the list the name ends ("Guyana's territory", "UK and US warships",
 *       "the Sudan conference"; a possessive between is fine except before an about-phrase);</li>
 *   <li>a phrase right before the name, only fillers between ("in the Sudan"): of several the one
 *       ending nearest, then the longest ("support from", actor, over "from", region); none for a
 *       name followed by a possessive ("in Russia's view" is about the view);</li>
 *   <li>a prefix or suffix of the name's own word that marks a place ("בלבנון", "Ukrayna'daki");</li>
 *   <li>the phrase right before the list the name is in ("visited Chad, Egypt and Tunisia");</li>
 *   <li>none: an actor.</li>
 * </ol>
 * An institution named after its seat is also a place when a region phrase or prefix stands before
 * it ("in the Kremlin"); a place that shares its span with a capital ("Moscow") is read with it.
 */
final class Roles {

    /** A country mention's role. */
    enum Role { ACTOR, REGION, BOTH }

    /** How one mention is read, and the cue that shows it, for {@code --explain}. */
    record Reading(Role role, String cue) {

        boolean acts() {
            return role != Role.REGION;
        }

        boolean isPlace() {
            return role != Role.ACTOR;
        }
    }

    /** Upper-case words opening a paragraph, then a comma, a parenthesis or a dash: a wire dateline. */
    private static final Pattern DATELINE_HEAD = Pattern.compile("\\p{Lu}{2,}[\\p{Lu} .'\u2019-]*(?:,| \\(| [-\u2013\u2014])");
    private static final Pattern DATELINE_END = Pattern.compile("\\)|/\\.| -+ |\u2013|\u2014");
    private static final int DATELINE_MAX = 90;
    private static final int GAP_MAX = 40;

    private final String text;
    private final RoleWords words;
    private final List<Hit> before = new ArrayList<>();
    private final List<Hit> after = new ArrayList<>();

    private Roles(String text, List<Hit> hits, RoleWords words) {
        this.text = text;
        this.words = words;
        for (Hit h : hits) {
            switch (h.category()) {
                case REGION_BEFORE, ACTOR_BEFORE, BOTH_BEFORE -> before.add(h);
                case REGION_AFTER, ACTOR_AFTER, ABOUT_AFTER -> after.add(h);
                default -> {
                    // speech, counterpart and kind cues say nothing of a country's role
                }
            }
        }
        // by end, then the longest first: the phrase ending nearest before a name is found by a binary search
        before.sort(Comparator.comparingInt(Hit::end).thenComparingInt(Hit::start));
    }

    /**
     * The reading of every state and institution mention among {@code mentions} (in text order) and
     * of every place sharing its span with a state's: a state always has one, an institution only
     * when named as a place. Mentions are keys by identity.
     */
    static Map<Mention, Reading> read(String text, List<Mention> mentions, List<Hit> hits, RoleWords words) {
        return new Roles(text, hits, words).read(mentions);
    }

    private Map<Mention, Reading> read(List<Mention> mentions) {
        Map<Mention, Reading> out = new IdentityHashMap<>(mentions.size() * 2);
        List<int[]> datelines = datelines();
        // slots: mentions at one span (a capital is a state and a place), grouped into lists joined by commas and joiners
        List<List<Mention>> slots = slots(mentions);
        List<Join> joins = new ArrayList<>();
        for (int i = 0; i + 1 < slots.size(); i++) {
            joins.add(join(slots.get(i).get(0), slots.get(i + 1).get(0)));
        }
        int from = 0;
        while (from < slots.size()) {
            int to = from;
            while (to < joins.size() && listed(joins, to)) {
                to++;
            }
            Mention first = slots.get(from).get(0);
            Mention last = slots.get(to).get(0);
            Reading listAfter = afterCue(last);
            Reading listBefore = beforeCue(first);
            for (int i = from; i <= to; i++) {
                List<Mention> slot = slots.get(i);
                Mention m = slot.get(0);
                Reading r = reading(m, i == from, inDateline(m, datelines), listAfter, listBefore);
                boolean state = slot.stream().anyMatch(x -> x.entry().type() == Type.STATE);
                for (Mention same : slot) {
                    Reading own = readingOf(same, r, state);
                    if (own != null) {
                        out.put(same, own);
                    }
                }
            }
            from = to + 1;
        }
        return out;
    }

    /** The reading of one slot, before it is told apart by the kind of entry. */
    private Reading reading(Mention m, boolean first, boolean dateline, Reading listAfter, Reading listBefore) {
        if (dateline) {
            return new Reading(Role.REGION, "dateline");
        }
        if (listAfter != null) {
            // the noun the list of names stands before: "UK and US warships", "Ukrainian and Russian ports"
            return listAfter;
        }
        if (possessive(m)) {
            return null;
        }
        if (first && listBefore != null) {
            return listBefore;
        }
        Reading affix = affix(m);
        if (affix != null) {
            return affix;
        }
        if (listBefore != null) {
            return new Reading(listBefore.role(), listBefore.cue() + " (the list it is in)");
        }
        return null;
    }

    /**
     * The reading of one mention of a slot: a state always has one, a place only when it shares its
     * span with a state (a capital), an institution only when named as a place.
     */
    private static Reading readingOf(Mention m, Reading slot, boolean withState) {
        Type type = m.entry().type();
        if (type == Type.STATE) {
            return slot != null ? slot : new Reading(Role.ACTOR, switch (m.alias().form()) {
                case METONYM -> "capital named for its government, no place cue";
                case DEMONYM -> "demonym of its state, no place cue";
                default -> "named as a state, no place cue";
            });
        }
        if (type == Type.PLACE && withState) {
            // a capital's place goes with the state at its span: "Moscow said" is no place
            return slot != null ? slot : new Reading(Role.ACTOR, "capital named for its government, no place cue");
        }
        if (type == Type.INSTITUTION && slot != null && slot.isPlace()) {
            return new Reading(Role.REGION, "seat of an institution, " + slot.cue());
        }
        return null;
    }

    /** Mentions grouped by span, in text order: a capital's state and place share one slot. */
    private static List<List<Mention>> slots(List<Mention> mentions) {
        List<List<Mention>> out = new ArrayList<>();
        for (Mention m : mentions) {
            List<Mention> lastSlot = out.isEmpty() ? null : out.get(out.size() - 1);
            if (lastSlot != null && lastSlot.get(0).start() == m.start() && lastSlot.get(0).end() == m.end()) {
                lastSlot.add(m);
            } else {
                List<Mention> slot = new ArrayList<>(2);
                slot.add(m);
                out.add(slot);
            }
        }
        return out;
    }

    // --- cues ------------------------------------------------------------------------------

    /** The phrase right after a mention (a possessive between unless it is an about-phrase), else {@code null}. */
    private Reading afterCue(Mention m) {
        int at = m.end();
        int possessiveEnd = possessiveEnd(at);
        Hit best = null;
        for (int i = firstFrom(after, at); i < after.size(); i++) {
            Hit h = after.get(i);
            if (h.start() - at > GAP_MAX) {
                break;
            }
            boolean bare = onlySpace(at, h.start());
            boolean possessed = possessiveEnd > at && onlySpace(possessiveEnd, h.start());
            boolean fits = h.category() == Category.ABOUT_AFTER ? bare : bare || possessed;
            if (fits && (best == null || h.start() < best.start()
                    || h.start() == best.start() && h.end() > best.end())) {
                best = h;
            }
        }
        if (best == null) {
            return null;
        }
        String cue = "'" + text.substring(best.start(), best.end()) + "' after it";
        return new Reading(best.category() == Category.ACTOR_AFTER ? Role.ACTOR : Role.REGION, cue);
    }

    /** The phrase right before a mention, only fillers between: the nearest, then the longest; else {@code null}. */
    private Reading beforeCue(Mention m) {
        // the last phrase ending at or before the name, then the first (longest) of those ending there
        int lo = 0;
        int hi = before.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before.get(mid).end() <= m.start()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0) {
            return null;
        }
        int i = lo - 1;
        while (i > 0 && before.get(i - 1).end() == before.get(lo - 1).end()) {
            i--;
        }
        Hit best = before.get(i);
        // a phrase ending earlier has the nearest one's gap inside its own: if that holds a word, so does its
        if (m.start() - best.end() > GAP_MAX || !onlyFillers(best.end(), m.start())) {
            return null;
        }
        Role role = switch (best.category()) {
            case ACTOR_BEFORE -> Role.ACTOR;
            case BOTH_BEFORE -> Role.BOTH;
            default -> Role.REGION;
        };
        return new Reading(role, "'" + text.substring(best.start(), best.end()) + "' before it");
    }

    /**
     * A prefix or suffix of the mention's own word that marks a place: the word begins with a
     * region prefix that its name does not begin with (after a joining prefix: "ובלבנון"), or ends,
     * after an apostrophe, in a region suffix ("Ukrayna'daki").
     */
    private Reading affix(Mention m) {
        if (words.regionPrefixes().isEmpty() && words.regionSuffixes().isEmpty()) {
            return null;
        }
        String word = m.text();
        String name = m.alias().text();
        String rest = word;
        for (String p : words.joinerPrefixes()) {
            if (rest.startsWith(p) && !name.startsWith(p)) {
                rest = rest.substring(p.length());
                break;
            }
        }
        for (String p : words.regionPrefixes()) {
            if (rest.startsWith(p) && !name.startsWith(p) && rest.length() > p.length()) {
                return new Reading(Role.REGION, "prefix '" + p + "'");
            }
        }
        // the suffix is in the matched word ("Ukrayna'daki") or right after a name matched as written ("Ankara" + "'da")
        int end = m.end();
        while (end < text.length() && (Character.isLetter(text.charAt(end)) || Matcher.fold(text.charAt(end)) == '\'')) {
            end++;
        }
        String whole = text.substring(m.start(), end);
        int apostrophe = Math.max(whole.lastIndexOf('\''), whole.lastIndexOf('\u2019'));
        if (apostrophe > 0) {
            String suffix = whole.substring(apostrophe + 1).toLowerCase(Locale.ROOT);
            if (words.regionSuffixes().contains(suffix)) {
                return new Reading(Role.REGION, "suffix '" + suffix + "'");
            }
        }
        return null;
    }

    /** The index of the first hit (sorted by start) that starts at or after {@code at}. */
    private static int firstFrom(List<Hit> hits, int at) {
        int lo = 0;
        int hi = hits.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (hits.get(mid).start() < at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // --- gaps ------------------------------------------------------------------------------

    /** How two neighbouring mentions are joined: not at all, by a comma alone, or by a joiner word or prefix. */
    private enum Join { NONE, COMMA, WORD }

    /**
     * Whether the join after slot {@code i} is inside a list: a joiner, or a comma that a joiner
     * follows before the list ends ("Bulgaria, Ukraine and Romania"); a comma alone ends a clause
     * as often ("fighting in Yemen, Downing Street said").
     */
    private static boolean listed(List<Join> joins, int i) {
        for (int j = i; j < joins.size(); j++) {
            switch (joins.get(j)) {
                case WORD -> {
                    return true;
                }
                case NONE -> {
                    return false;
                }
                default -> {
                    // a comma: look on for the joiner
                }
            }
        }
        return false;
    }

    /**
     * How two mentions are joined in a list of places or states: only commas, joiners and fillers
     * between, or a joining prefix on the second. Institutions, officials and organisations stand in
     * no such list, and a demonym lists only with demonyms ("Turkish and Iranian counterparts"): in
     * "Gaza and the Israeli escalation" it qualifies another noun.
     */
    private Join join(Mention a, Mention b) {
        if (b.start() < a.end() || b.start() - a.end() > GAP_MAX || !geographic(a) || !geographic(b)
                || (a.alias().form() == Alias.Form.DEMONYM) != (b.alias().form() == Alias.Form.DEMONYM)) {
            return Join.NONE;
        }
        String gap = Matcher.fold(text.substring(a.end(), b.start()));
        boolean comma = false;
        StringBuilder rest = new StringBuilder();
        for (String w : words(gap)) {
            if (!words.fillers().contains(w)) {
                rest.append(rest.isEmpty() ? "" : " ").append(w);
            }
        }
        for (int i = 0; i < gap.length(); i++) {
            comma |= isComma(gap.charAt(i));
        }
        if (rest.isEmpty()) {
            // "ولبنان": the joiner is the second name's prefix
            for (String p : words.joinerPrefixes()) {
                if (b.text().startsWith(p) && !b.alias().text().startsWith(p)) {
                    return Join.WORD;
                }
            }
            return comma ? Join.COMMA : Join.NONE;
        }
        return words.joiners().contains(rest.toString()) ? Join.WORD : Join.NONE;
    }

    private static boolean geographic(Mention m) {
        Type t = m.entry().type();
        return t == Type.STATE || t == Type.PLACE || t == Type.REGION;
    }

    /** Whether only white space and filler words stand between two places: no punctuation, no other word. */
    private boolean onlyFillers(int from, int to) {
        if (onlySpace(from, to)) {
            return true;
        }
        for (int i = from; i < to; i++) {
            char c = Matcher.fold(text.charAt(i));
            if (!Character.isLetter(c) && !Character.isWhitespace(c) && c != ' ' && c != '\'') {
                return false;
            }
        }
        for (String w : words(Matcher.fold(text.substring(from, to)))) {
            if (!words.fillers().contains(w)) {
                return false;
            }
        }
        return true;
    }

    /** The lower-cased words of a gap, split at white space and commas. */
    private static List<String> words(String gap) {
        List<String> out = new ArrayList<>(2);
        int start = -1;
        for (int i = 0; i <= gap.length(); i++) {
            boolean cut = i == gap.length() || Character.isWhitespace(gap.charAt(i)) || isComma(gap.charAt(i));
            if (cut && start >= 0) {
                out.add(gap.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            } else if (!cut && start < 0) {
                start = i;
            }
        }
        return out;
    }

    private static boolean isComma(char c) {
        return c == ',' || c == '\u060C' || c == '\uFF0C';
    }

    private boolean onlySpace(int from, int to) {
        for (int i = from; i < to; i++) {
            if (Matcher.fold(text.charAt(i)) != ' ' && !Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a possessive follows the mention ("Russia's"). */
    private boolean possessive(Mention m) {
        return possessiveEnd(m.end()) > m.end();
    }

    /** Where a possessive right at {@code at} ends, or {@code at} when there is none. */
    private int possessiveEnd(int at) {
        int best = at;
        for (String p : words.possessives()) {
            int end = at + p.length();
            if (end > best && end <= text.length() && startsWith(at, p)
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)) || Character.isIdeographic(text.charAt(end)))) {
                best = end;
            }
        }
        return best;
    }

    /** Whether the text at {@code at} is {@code lower} (lower case, apostrophes folded). */
    private boolean startsWith(int at, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            if (Character.toLowerCase(Matcher.fold(text.charAt(at + i))) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // --- datelines -------------------------------------------------------------------------

    /** The spans of wire datelines at the head of a paragraph. */
    private List<int[]> datelines() {
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start >= 0 && start < text.length(); ) {
            java.util.regex.Matcher head = DATELINE_HEAD.matcher(text).region(start, Math.min(text.length(), start + DATELINE_MAX));
            if (head.lookingAt()) {
                java.util.regex.Matcher end = DATELINE_END.matcher(text).region(start, Math.min(text.length(), start + DATELINE_MAX));
                if (end.find()) {
                    out.add(new int[] {start, end.end()});
                }
            }
            int next = text.indexOf("\n\n", start);
            start = next < 0 ? -1 : next + 2;
        }
        return out;
    }

    private static boolean inDateline(Mention m, List<int[]> datelines) {
        for (int[] d : datelines) {
            if (m.start() >= d[0] && m.end() <= d[1]) {
                return true;
            }
        }
        return false;
    }
}
