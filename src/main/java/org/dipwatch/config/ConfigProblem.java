package org.dipwatch.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One problem in a user's configuration, where a user can find and fix it: the file (or where the
 * value came from: an environment variable, a system property), the line when known, the key and
 * what is wrong. {@code check-config --json} prints these fields as they are; the log and
 * {@code /health} use {@link #text()}.
 *
 * @param file    the file, or where the value was set ({@code environment DIPWATCH_X}, {@code system property});
 *                {@code null} when the problem has no place
 * @param line    the line in {@code file}, from 1, or {@code null} when not known
 * @param key     the key or path of the value ({@code dipwatch.mail.security},
 *                {@code subscriptions[0].filter.actor}), or {@code null} for the whole file
 * @param message what is wrong and what to do about it
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ConfigProblem(String file, Integer line, String key, String message) {

    public ConfigProblem {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a configuration problem needs a message");
        }
    }

    /** {@code file:line: key: message}, leaving out what is not known. */
    public String text() {
        StringBuilder out = new StringBuilder();
        if (file != null) {
            out.append(file);
            if (line != null) {
                out.append(':').append(line);
            }
            out.append(": ");
        }
        if (key != null) {
            out.append(key).append(": ");
        }
        return out.append(message).toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
