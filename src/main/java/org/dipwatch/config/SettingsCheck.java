package org.dipwatch.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates settings against the documented keys, every key in one pass: a {@code dipwatch.*} key
 * must be one dipwatch knows (else the nearest known keys are named), a key whose default is a
 * whole or decimal number must be one too, a key whose default is {@code true} or {@code false}
 * must be one of those, an enumerated key ({@link #CHOICES}) one of its values, and the HTTP port
 * a port. Each problem names the key, its value and where it was set, with the line when it was
 * set in {@code dipwatch.properties}.
 */
public final class SettingsCheck {

    /** The keys that take one of a few values, and those values (compared without regard to case). */
    public static final Map<String, List<String>> CHOICES = Map.of(
            "dipwatch.mail.security", List.of("none", "starttls", "tls"),
            "dipwatch.log.level", List.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL"));

    private SettingsCheck() {
    }

    /** The problems found, empty when the settings are valid. */
    public static List<ConfigProblem> problems(Settings settings) {
        Map<String, String> known = Settings.defaults();
        Path file = settings.home().resolve(Settings.FILE_NAME);
        Map<String, Integer> lines = lines(file);
        List<ConfigProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : settings.asMap().entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("dipwatch.") || key.equals("dipwatch.home")) {
                continue;
            }
            Where where = where(settings, key, file, lines);
            String value = e.getValue().trim();
            String message = null;
            String expected = known.get(key);
            if (expected == null) {
                String near = NearestNames.didYouMean(key, known.keySet());
                message = "is not a dipwatch setting" + (near.isEmpty() ? "; see dipwatch-defaults.properties in the README for the keys" : near);
            } else if (expected.matches("-?\\d+") && !value.matches("-?\\d+")) {
                message = "'" + value + "' must be a whole number (like " + expected + ")";
            } else if (expected.matches("-?\\d+\\.\\d+") && !value.matches("-?\\d+(\\.\\d+)?")) {
                message = "'" + value + "' must be a number (like " + expected + ")";
            } else if ((expected.equals("true") || expected.equals("false")) && !value.equals("true") && !value.equals("false")) {
                message = "'" + value + "' must be true or false";
            } else if (CHOICES.containsKey(key) && CHOICES.get(key).stream().noneMatch(c -> c.equalsIgnoreCase(value))) {
                message = "'" + value + "' must be one of " + String.join(", ", CHOICES.get(key))
                        + NearestNames.didYouMean(value, CHOICES.get(key));
            } else if (key.equals("dipwatch.http.port") && (value.length() > 5 || Long.parseLong(value) < 1 || Long.parseLong(value) > 65535)) {
                message = value + " is not a port (1-65535)";
            } else if (key.equals("dipwatch.ingest.max-bytes") && value.length() < 19 && Long.parseLong(value) < 1) {
                message = value + " must be at least 1";
            } else if (key.equals("dipwatch.pipeline.backlog-heap-free") && !isFreeRatios(value)) {
                message = "'" + value + "' must be MIN-MAX in percent with MIN <= MAX <= 100 (like " + expected + "), or off";
            }
            if (message != null) {
                problems.add(new ConfigProblem(where.file(), where.line(), key, message + where.suffix()));
            }
        }
        return problems;
    }

    /** {@code off}, or {@code MIN-MAX} percent with {@code MIN <= MAX <= 100}: what {@link HeapFreeRatios#parse} takes. */
    private static boolean isFreeRatios(String value) {
        try {
            HeapFreeRatios.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Where a key was set: the properties file and line, or (in the message) the environment variable or system property. */
    private record Where(String file, Integer line, String suffix) {
    }

    private static Where where(Settings settings, String key, Path file, Map<String, Integer> lines) {
        String origin = settings.origin(key);
        if (file.toString().equals(origin)) {
            return new Where(origin, lines.get(key), "");
        }
        return new Where(null, null, " (from " + origin + ")");
    }

    /** The line each key is set on in a properties file (the last one wins, as in {@link java.util.Properties}). */
    static Map<String, Integer> lines(Path file) {
        Map<String, Integer> out = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return out;
        }
        boolean continued = false;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).stripLeading();
            boolean startsKey = !continued && !line.isEmpty() && line.charAt(0) != '#' && line.charAt(0) != '!';
            if (startsKey) {
                String key = line.split("[=:\\s]", 2)[0];
                out.put(key, i + 1);
            }
            continued = endsWithOddBackslashes(text.get(i)) && (continued || startsKey);
        }
        return out;
    }

    private static boolean endsWithOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
