package org.dipwatch;

/** Reads samples out of the Prometheus text of {@code GET /metrics}, as a scraper would. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** The sum of a metric's samples whose labels contain {@code having} (empty: all of them); 0 when it has none. */
    public static double sum(String metrics, String name, String having) {
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).filter(l -> l.contains(having))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
