package org.dipwatch.normalize;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes a line that holds nothing but a publication date, as news pages print it under a
 * headline, and returns that date.
 *
 * <p>Accepted forms (English month names, full or three-letter, in any letter case; white space
 * around and between the parts may be any run of spaces, tabs or no-break spaces):
 * {@code 04 July 2023}, {@code 4 Jul 2023}, {@code May 12, 2021}, {@code May 12 2021},
 * {@code 2021-05-12} and {@code 12.05.2021} (day, month, year). Slashed dates such as
 * {@code 12/05/2021} are refused because the order of day and month cannot be told; so are dates
 * without a year, lines with any other text, and days that do not exist ({@code 31 February 2023}).
 */
public final class DateLine {

    private static final String SPACE = "[\\s\\p{Z}]+";
    private static final Pattern DAY_MONTH_YEAR =
            Pattern.compile("(\\d{1,2})" + SPACE + "(\\p{Alpha}+)" + SPACE + "(\\d{4})");
    private static final Pattern MONTH_DAY_YEAR =
            Pattern.compile("(\\p{Alpha}+)" + SPACE + "(\\d{1,2}),?" + SPACE + "(\\d{4})");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");
    private static final Pattern EDGES = Pattern.compile("^[\\s\\p{Z}]+|[\\s\\p{Z}]+$");

    private static final Map<String, Integer> MONTHS = monthNames();

    private DateLine() {
    }

    /**
     * The date that the whole line states, or empty when the line is not exactly one date in an
     * accepted form.
     *
     * @param line one line of text, without its line end
     * @return the date, or empty
     */
    public static Optional<LocalDate> parse(String line) {
        Objects.requireNonNull(line, "line");
        String text = EDGES.matcher(line).replaceAll("");
        Matcher m = DAY_MONTH_YEAR.matcher(text);
        if (m.matches()) {
            return date(m.group(3), month(m.group(2)), m.group(1));
        }
        m = MONTH_DAY_YEAR.matcher(text);
        if (m.matches()) {
            return date(m.group(3), month(m.group(1)), m.group(2));
        }
        m = ISO.matcher(text);
        if (m.matches()) {
            return date(m.group(1), Integer.parseInt(m.group(2)), m.group(3));
        }
        m = DOTTED.matcher(text);
        if (m.matches()) {
            return date(m.group(3), Integer.parseInt(m.group(2)), m.group(1));
        }
        return Optional.empty();
    }

    private static int month(String name) {
        return MONTHS.getOrDefault(name.toLowerCase(Locale.ROOT), 0);
    }

    private static Optional<LocalDate> date(String year, int month, String day) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day)));
        } catch (DateTimeException notADay) {
            // month 0 (an unknown name), 31 February, day 00: not a date a page would print
            return Optional.empty();
        }
    }

    private static Map<String, Integer> monthNames() {
        Map<String, Integer> names = new HashMap<>();
        for (Month month : Month.values()) {
            String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            names.put(full, month.getValue());
            names.put(full.substring(0, 3), month.getValue());
        }
        return Map.copyOf(names);
    }
}
