package org.dipwatch.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * The earlier reports of a story that an alert names ("also reported by"): a few of them, and how
 * many there are. The story model supplies them (its first report and its latest ones), so that
 * neither the alert nor the work of making it grows with the story.
 *
 * @param shown the reports to name, oldest first: usually the story's first report and its latest ones
 * @param total how many earlier reports the story has, the shown ones included (at least {@code shown.size()})
 */
public record StoryReports(List<Report> shown, int total) {

    /** No earlier reports: the first report of a story, or an article without one. */
    public static final StoryReports NONE = new StoryReports(List.of(), 0);

    /**
     * One earlier report.
     *
     * @param outlet who published it: the URL's host, else the source it came from
     * @param title  its title, or {@code null}
     * @param file   its file in {@code seeds/}
     */
    public record Report(String outlet, String title, String file) {
    }

    public StoryReports {
        shown = List.copyOf(shown);
        if (total < shown.size()) {
            throw new IllegalArgumentException("alert: a story cannot have fewer earlier reports (" + total
                    + ") than it names (" + shown.size() + ")");
        }
    }

    /** All the earlier reports of a story, oldest first, each named (for a caller that holds them all). */
    public static StoryReports all(List<Report> reports) {
        return new StoryReports(reports, reports.size());
    }

    /**
     * At most {@code max} of the reports: the first (the story's lead) and the latest {@code max - 1},
     * oldest first; the total is kept. With {@code max < 1} none is named.
     */
    public StoryReports atMost(int max) {
        if (shown.size() <= max) {
            return this;
        }
        return new StoryReports(firstAndLatest(shown, max), total);
    }

    /** How many earlier reports are counted but not named. */
    public int unnamed() {
        return total - shown.size();
    }

    /** The first element and the last {@code max - 1} of a list, in its order; the list itself when it is short enough. */
    static <T> List<T> firstAndLatest(List<T> all, int max) {
        if (all.size() <= max) {
            return all;
        }
        if (max < 1) {
            return List.of();
        }
        List<T> out = new ArrayList<>(max);
        out.add(all.get(0));
        out.addAll(all.subList(all.size() - (max - 1), all.size()));
        return out;
    }
}
