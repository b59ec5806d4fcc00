package org.dipwatch.config;

/**
 * The value of {@code dipwatch.pipeline.backlog-heap-free}: a pair of the JVM's
 * {@code MinHeapFreeRatio} and {@code MaxHeapFreeRatio}, in percent, written {@code MIN-MAX}
 * ({@code 40-70}), or {@code off}. {@link SettingsCheck} checks a value with {@link #parse}, and the
 * pipeline's {@code HeapRoom} sets the ratios it names.
 */
public record HeapFreeRatios(int min, int max) {

    public HeapFreeRatios {
        if (min < 0 || max > 100 || min > max) {
            throw new IllegalArgumentException("heap free ratios must be 0 <= min <= max <= 100, not " + min + "-" + max);
        }
    }

    /**
     * {@code "40-70"}; {@code null} for {@code off} or an empty value.
     *
     * @throws IllegalArgumentException for anything else, naming the setting and what it takes
     */
    public static HeapFreeRatios parse(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("off")) {
            return null;
        }
        String[] parts = value.strip().split("\\s*-\\s*");
        try {
            if (parts.length == 2) {
                return new HeapFreeRatios(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dipwatch.pipeline.backlog-heap-free=" + value + ": " + e.getMessage()
                    + "; it takes MIN-MAX in percent, e.g. 40-70, or off");
        }
        throw new IllegalArgumentException("dipwatch.pipeline.backlog-heap-free=" + value
                + ": it takes MIN-MAX in percent, e.g. 40-70, or off");
    }

    @Override
    public String toString() {
        return min + "-" + max + " %";
    }
}
