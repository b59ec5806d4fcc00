package org.dipwatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates settings against the documented keys: every {@code dipwatch.*} key must be one
 * dipwatch knows, a key whose default is a whole or decimal number must be one too, and the HTTP port must be
 * a port. Each problem names the key, its value and where it was set.
 */
public final class SettingsCheck {

    private SettingsCheck() {
    }

    /** The problems found, empty when the settings are valid. */
    public static List<String> problems(Settings settings) {
        Map<String, String> known = Settings.defaults();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : settings.asMap().entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("dipwatch.") || key.equals("dipwatch.home")) {
                continue;
            }
            String where = settings.origin(key);
            if (!known.containsKey(key)) {
                problems.add(key + " (from " + where + ") is not a dipwatch setting; see dipwatch-defaults.properties "
                        + "in the README for the keys");
                continue;
            }
            if (known.get(key).matches("-?\\d+") && !e.getValue().trim().matches("-?\\d+")) {
                problems.add(key + "=" + e.getValue() + " (from " + where + ") must be a whole number");
            }
            if (known.get(key).matches("-?\\d+\\.\\d+") && !e.getValue().trim().matches("-?\\d+(\\.\\d+)?")) {
                problems.add(key + "=" + e.getValue() + " (from " + where + ") must be a number (like " + known.get(key) + ")");
            }
        }
        String port = settings.get("dipwatch.http.port");
        if (port != null && port.trim().matches("\\d+")) {
            int p = Integer.parseInt(port.trim());
            if (p < 1 || p > 65535) {
                problems.add("dipwatch.http.port=" + p + " (from " + settings.origin("dipwatch.http.port") + ") is not a port (1-65535)");
            }
        }
        String maxBytes = settings.get("dipwatch.ingest.max-bytes");
        if (maxBytes != null && maxBytes.trim().matches("-?\\d+") && Long.parseLong(maxBytes.trim()) < 1) {
            problems.add("dipwatch.ingest.max-bytes=" + maxBytes + " must be at least 1");
        }
        return problems;
    }
}
