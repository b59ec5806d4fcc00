package org.dipwatch.normalize;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dipwatch.model.Draft;

/**
 * Reads a plain-text article, a seed file or a file a person dropped in, into a {@link Draft}:
 * its title, its publication date and its paragraphs.
 *
 * <p>It reads the three shapes of SEED-FORMAT.md and tolerates CRLF or CR line ends, tabs, a
 * missing final newline, runs of blank lines, a leading byte order mark, and lines that hold only
 * no-break spaces or zero-width characters (such a line counts as blank). The rules, in order:
 * <ol>
 *   <li><b>Lines.</b> The text is split into lines, each line is cleaned as
 *       {@link Normalizer} cleans a paragraph, and blank lines separate <em>blocks</em>.</li>
 *   <li><b>Date header.</b> When the first line starts with {@code date YYYY-MM-DD} (the
 *       {@code " date 2021-05-12 "} header of shape 1, leading and extra spaces tolerated), that
 *       date is the publication date and the rest of the line is the first line of the body.</li>
 *   <li><b>Date line.</b> Otherwise the first of the first {@value #DATE_LINE_REACH} non-blank lines
 *       that is entirely a date ({@link DateLine}) is the publication date, and that line is
 *       removed. A date inside a sentence ({@code MOSCOW, May 12. /TASS/.}) is not a date line.</li>
 *   <li><b>Paragraphs.</b> In a text whose blocks are separated by blank lines, a block of several
 *       lines is one hard-wrapped paragraph, its lines joined with a space, when every line but its
 *       last is <em>full</em>: at most {@value #MAX_WRAP_WIDTH} characters, and with a space and
 *       the first word of the next line it would pass {@value #FULL_PERCENT}% of the wrap width.
 *       The wrap width is the longest such line in the text; under {@value #MIN_WRAP_WIDTH} it is
 *       no wrapping but a list. The slack is there because tools like {@code fmt} aim below the
 *       width they are given.
 *       Every other non-blank line is a paragraph of its own, so a text without blank lines has one
 *       paragraph per line, and a block of credits ({@code Photo: …} over
 *       {@code Based on materials from …}) stays two paragraphs. A line that starts with
 *       {@code , ; : ) ]} cannot start a paragraph: it continues the line before it, without a
 *       space.</li>
 *   <li><b>Title.</b> The first paragraph is the title when it comes from a single line, is at
 *       most {@value #MAX_TITLE_LENGTH} characters long, does not end with sentence punctuation
 *       ({@code . ! ? … : ;}, also followed by closing quotes), and other paragraphs follow it.</li>
 * </ol>
 * The draft has no URL; its paragraphs are cleaned line by line, and {@link Normalizer} finishes
 * the job.
 */
public final class SeedText {

    static final int DATE_LINE_REACH = 3;
    static final int MAX_WRAP_WIDTH = 100;
    static final int MIN_WRAP_WIDTH = 40;
    static final int FULL_PERCENT = 85;
    static final int MAX_TITLE_LENGTH = 200;

    private static final Pattern DATE_HEADER = Pattern.compile("date (\\d{4}-\\d{2}-\\d{2})(?: (.*))?");
    private static final String CONTINUATION_STARTS = ",;:)]";
    private static final String SENTENCE_ENDS = ".!?…:;";
    private static final String CLOSING_QUOTES = "\"'”’»›";

    private SeedText() {
    }

    /**
     * The draft that the text holds, following the rules of the class documentation.
     *
     * @param text the whole file, as read
     * @return title (or {@code null}), publication date (or {@code null}) and paragraphs; the
     *     paragraphs are empty when the text holds no words
     */
    public static Draft parse(String text) {
        Objects.requireNonNull(text, "text");
        // cleaned lines; "" marks a blank line
        List<String> lines = new ArrayList<>();
        for (String line : lines(text)) {
            lines.add(Normalizer.clean(line));
        }
        LocalDate published = takeDateHeader(lines);
        if (published == null) {
            published = takeDateLine(lines);
        }
        List<List<String>> blocks = blocks(lines);
        List<Paragraph> paragraphs = paragraphs(blocks);

        String title = null;
        if (paragraphs.size() > 1 && paragraphs.get(0).isTitle()) {
            title = paragraphs.remove(0).text();
        }
        List<String> texts = new ArrayList<>(paragraphs.size());
        for (Paragraph paragraph : paragraphs) {
            texts.add(paragraph.text());
        }
        return new Draft(title, published, texts, null);
    }

    /**
     * The lines of a text, split at {@code \r\n}, {@code \r} or {@code \n}, a last empty line kept (as
     * {@code split("\r\n|\r|\n", -1)} gives them, without a regular expression: every seed is read
     * again for its alert).
     */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        boolean returns = text.indexOf('\r') >= 0;
        int start = 0;
        while (true) {
            int end = text.indexOf('\n', start);
            if (returns) {
                int r = text.indexOf('\r', start);
                if (r >= 0 && (end < 0 || r < end)) {
                    out.add(text.substring(start, r));
                    start = r + 1 < text.length() && text.charAt(r + 1) == '\n' ? r + 2 : r + 1;
                    continue;
                }
            }
            if (end < 0) {
                out.add(text.substring(start));
                return out;
            }
            out.add(text.substring(start, end));
            start = end + 1;
        }
    }

    /** Shape 1: the date from a {@code date YYYY-MM-DD} header, which leaves the rest of its line. */
    private static LocalDate takeDateHeader(List<String> lines) {
        int first = firstNonBlank(lines, 0);
        if (first < 0) {
            return null;
        }
        Matcher m = DATE_HEADER.matcher(lines.get(first));
        if (!m.matches()) {
            return null;
        }
        Optional<LocalDate> date = DateLine.parse(m.group(1));
        if (date.isEmpty()) {
            return null;
        }
        lines.set(first, m.group(2) == null ? "" : m.group(2));
        return date.get();
    }

    /** Shape 2: the date from a line near the top that holds only a date, which is removed. */
    private static LocalDate takeDateLine(List<String> lines) {
        int index = -1;
        for (int seen = 0; seen < DATE_LINE_REACH; seen++) {
            index = firstNonBlank(lines, index + 1);
            if (index < 0) {
                return null;
            }
            Optional<LocalDate> date = DateLine.parse(lines.get(index));
            if (date.isPresent()) {
                lines.set(index, "");
                return date.get();
            }
        }
        return null;
    }

    private static int firstNonBlank(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static List<List<String>> blocks(List<String> lines) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                    block = new ArrayList<>();
                }
            } else {
                block.add(line);
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        return blocks;
    }

    private static List<Paragraph> paragraphs(List<List<String>> blocks) {
        int wrapWidth = blocks.size() > 1 ? wrapWidth(blocks) : 0;
        List<Paragraph> paragraphs = new ArrayList<>();
        for (List<String> block : blocks) {
            if (block.size() > 1 && wrapWidth >= MIN_WRAP_WIDTH && isWrapped(block, wrapWidth)) {
                String joined = block.get(0);
                for (String line : block.subList(1, block.size())) {
                    joined = join(joined, line);
                }
                paragraphs.add(new Paragraph(joined, false));
                continue;
            }
            Paragraph last = null;
            for (String line : block) {
                if (last != null && CONTINUATION_STARTS.indexOf(line.charAt(0)) >= 0) {
                    last = new Paragraph(join(last.text(), line), false);
                    paragraphs.set(paragraphs.size() - 1, last);
                } else {
                    last = new Paragraph(line, true);
                    paragraphs.add(last);
                }
            }
        }
        return paragraphs;
    }

    /** The widest line that is followed by another line of its block, up to the wrap limit. */
    private static int wrapWidth(List<List<String>> blocks) {
        int width = 0;
        for (List<String> block : blocks) {
            for (String line : block.subList(0, block.size() - 1)) {
                if (line.length() <= MAX_WRAP_WIDTH) {
                    width = Math.max(width, line.length());
                }
            }
        }
        return width;
    }

    private static boolean isWrapped(List<String> block, int wrapWidth) {
        for (int i = 0; i < block.size() - 1; i++) {
            String line = block.get(i);
            String next = block.get(i + 1);
            int space = next.indexOf(' ');
            int nextWord = space < 0 ? next.length() : space;
            if (line.length() > MAX_WRAP_WIDTH
                    || (line.length() + 1 + nextWord) * 100 <= wrapWidth * FULL_PERCENT) {
                return false;
            }
        }
        return true;
    }

    private static String join(String line, String next) {
        return CONTINUATION_STARTS.indexOf(next.charAt(0)) >= 0 ? line + next : line + " " + next;
    }

    /** A paragraph in the making; {@code singleLine} says whether it may be a title. */
    private record Paragraph(String text, boolean singleLine) {

        boolean isTitle() {
            if (!singleLine || text.length() > MAX_TITLE_LENGTH) {
                return false;
            }
            int end = text.length();
            while (end > 0 && CLOSING_QUOTES.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            return end > 0 && SENTENCE_ENDS.indexOf(text.charAt(end - 1)) < 0;
        }
    }
}
