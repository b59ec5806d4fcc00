package org.dipwatch.page;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dipwatch.corpus.CorpusIndex.DayCount;

/**
 * One chart of the status page: articles per day by tag (actor or region) over the last days, the
 * most frequent tags each a series and the rest summed as {@code other}, as uPlot draws it (x: the
 * days as Unix seconds, one array of counts per series) and as a table shows it without JavaScript.
 *
 * @param title  what it counts ("Articles per day by actor")
 * @param days   the days, oldest first, as Unix seconds of their UTC midnight
 * @param series the series, the most frequent tag first
 */
public record ActivityChart(String title, List<Long> days, List<Series> series) {

    /** The most tags drawn as series of their own. */
    static final int MAX_SERIES = 6;

    /**
     * One line of the chart.
     *
     * @param tag    the tag's id ({@code RUS}), or {@code other}
     * @param counts articles per day, one per day of the chart
     * @param total  articles over all the days
     */
    public record Series(String tag, List<Long> counts, long total) {
    }

    /** The chart of these counts over the {@code length} days that end with {@code today}. */
    static ActivityChart of(String title, List<DayCount> counts, LocalDate today, int length) {
        LocalDate first = today.minusDays(length - 1L);
        List<Long> days = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            days.add(first.plusDays(i).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        }
        Map<String, long[]> byTag = new HashMap<>();
        for (DayCount c : counts) {
            int i = (int) (c.day().toEpochDay() - first.toEpochDay());
            if (i >= 0 && i < length) {
                byTag.computeIfAbsent(c.tag(), t -> new long[length])[i] += c.articles();
            }
        }
        List<Map.Entry<String, long[]>> ranked = new ArrayList<>(byTag.entrySet());
        ranked.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -sum(e.getValue())).thenComparing(Map.Entry::getKey));
        Map<String, long[]> drawn = new LinkedHashMap<>();
        long[] other = new long[length];
        boolean anyOther = false;
        for (int r = 0; r < ranked.size(); r++) {
            if (r < MAX_SERIES) {
                drawn.put(ranked.get(r).getKey(), ranked.get(r).getValue());
            } else {
                anyOther = true;
                for (int i = 0; i < length; i++) {
                    other[i] += ranked.get(r).getValue()[i];
                }
            }
        }
        if (anyOther) {
            drawn.put("other", other);
        }
        List<Series> series = new ArrayList<>();
        drawn.forEach((tag, values) -> series.add(new Series(tag, java.util.Arrays.stream(values).boxed().toList(), sum(values))));
        return new ActivityChart(title, List.copyOf(days), List.copyOf(series));
    }

    /** Whether no article of these days carries a tag. */
    public boolean empty() {
        return series.isEmpty();
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
