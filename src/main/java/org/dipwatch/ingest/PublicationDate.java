package org.dipwatch.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the calendar date a document states (a meta tag, a JSON-LD value, a mail header, a
 * forwarded message's "Date:" line) as the date written there.
 *
 * <p>A timestamp with an offset yields the date in that offset, which is the date as written:
 * {@code 2024-04-02T23:30:00-05:00} is 2 April and {@code Tue, 04 Jul 2023 00:15:00 +0300} is 4 July,
 * whatever the zone of the machine. Forms tried, the earliest match in the text winning among the
 * last three: ISO ({@code 2024-04-02}, {@code 2024/04/02}, {@code 20240402}), then
 * {@code 4 July 2023} / {@code 04 Jul 23} (RFC 5322), {@code July 4, 2023} (Gmail, Outlook),
 * {@code 04.07.2023} (day first) and Russian genitive months ({@code 4 июля 2023}).
 */
final class PublicationDate {

    private static final Pattern ISO =
            Pattern.compile("^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?![\\d])|^(\\d{4})(\\d{2})(\\d{2})(?=$|T)");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(?<![\\d\\p{L}])(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(?:of\\s+)?(\\p{L}{3,})\\.?,?\\s+(\\d{4}|\\d{2})(?!\\d)");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "(?<!\\p{L})(\\p{L}{3,})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)");
    private static final Pattern DOTTED = Pattern.compile("(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?![\\d])");

    private static final Map<String, Integer> RUSSIAN_MONTHS = Map.ofEntries(
            Map.entry("января", 1), Map.entry("февраля", 2), Map.entry("марта", 3), Map.entry("апреля", 4),
            Map.entry("мая", 5), Map.entry("июня", 6), Map.entry("июля", 7), Map.entry("августа", 8),
            Map.entry("сентября", 9), Map.entry("октября", 10), Map.entry("ноября", 11), Map.entry("декабря", 12));

    private static final String[] ENGLISH_MONTHS = {"january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december"};

    private PublicationDate() {
    }

    /**
     * The date the text states, or {@code null} when it states none that exists in the calendar.
     *
     * @param text a date or timestamp as found in the document, possibly with words around it
     */
    static LocalDate parse(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        Matcher iso = ISO.matcher(value);
        if (iso.find()) {
            int base = iso.group(1) != null ? 1 : 4;
            return date(iso.group(base), iso.group(base + 1), iso.group(base + 2));
        }
        Found dayFirst = withMonthName(DAY_MONTH_YEAR, value, Integer.MAX_VALUE, 1, 2);
        Found monthFirst = withMonthName(MONTH_DAY_YEAR, value, dayFirst == null ? Integer.MAX_VALUE : dayFirst.start(), 2, 1);
        Found best = monthFirst != null ? monthFirst : dayFirst;
        Matcher dotted = DOTTED.matcher(value);
        if (dotted.find() && dotted.start() < (best == null ? Integer.MAX_VALUE : best.start())) {
            LocalDate date = date(dotted.group(3), dotted.group(2), dotted.group(1));
            if (date != null) {
                return date;
            }
        }
        return best == null ? null : best.date();
    }

    /** A date found in a text, and where its match starts. */
    private record Found(LocalDate date, int start) {
    }

    /**
     * The first date with a month's name that {@code pattern} finds in {@code value} starting before
     * {@code before}: the day and the month in the groups named, the year in group 3.
     */
    private static Found withMonthName(Pattern pattern, String value, int before, int dayGroup, int monthGroup) {
        Matcher m = pattern.matcher(value);
        while (m.find() && m.start() < before) {
            Integer month = month(m.group(monthGroup));
            LocalDate date = month == null ? null : date(year(m.group(3)), month, Integer.parseInt(m.group(dayGroup)));
            if (date != null) {
                return new Found(date, m.start());
            }
        }
        return null;
    }

    /** The month a word names (English, full or abbreviated to at least three letters, or Russian genitive). */
    private static Integer month(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        Integer russian = RUSSIAN_MONTHS.get(lower);
        if (russian != null) {
            return russian;
        }
        for (int i = 0; i < ENGLISH_MONTHS.length; i++) {
            String full = ENGLISH_MONTHS[i];
            if (full.startsWith(lower) || (lower.equals("sept") && i == 8)) {
                return i + 1;
            }
        }
        return null;
    }

    /** A two-digit year as RFC 5322 reads it: up to 49 is this century, from 50 the last. */
    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (digits.length() == 2) {
            return year < 50 ? 2000 + year : 1900 + year;
        }
        return year;
    }

    private static LocalDate date(String year, String month, String day) {
        return date(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
    }

    private static LocalDate date(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
