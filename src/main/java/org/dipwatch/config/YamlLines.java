package org.dipwatch.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where each key and value of a YAML text is: its line by JSON pointer ({@code /subscriptions/1/filter/actor}),
 * read with Jackson's YAML parser and its token locations, so that a problem found in the tree
 * Jackson reads can name its line. Also the keys given twice in one mapping, which Jackson's
 * tree keeps only the last of, silently.
 *
 * @param lines      the line, from 1, of each pointer (a key's line for a key, an element's for a list element)
 * @param duplicates the pointers of keys given more than once in their mapping, in order, with the line of the repeat
 */
public record YamlLines(Map<String, Integer> lines, Map<String, Integer> duplicates) {

    private static final YAMLFactory YAML = new YAMLFactory();

    public YamlLines {
        lines = Map.copyOf(lines);
        duplicates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(duplicates));
    }

    /** The lines of a YAML text; throws Jackson's exception, with its location, when it is not YAML. */
    public static YamlLines of(String yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        Set<String> keys = new HashSet<>();
        Map<String, Integer> duplicates = new java.util.LinkedHashMap<>();
        try (JsonParser p = YAML.createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
                    continue;
                }
                String pointer = p.getParsingContext().pathAsPointer().toString();
                if (t == JsonToken.FIELD_NAME && !keys.add(pointer)) {
                    duplicates.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
                }
                lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
            }
        }
        return new YamlLines(lines, duplicates);
    }

    /** The line of a pointer, or of the nearest enclosing one that has a line; {@code null} when none has. */
    public Integer lineOf(String pointer) {
        for (String p = pointer; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null && line > 0) {
                return line;
            }
        }
        return null;
    }

    /**
     * A pointer as a user reads a key: {@code /subscriptions/1/filter/actors/0} →
     * {@code subscriptions[1].filter.actors[0]}; {@code /0/templatedRoute} → {@code [0].templatedRoute}.
     */
    public static String key(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            if (part.matches("\\d+")) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }
}
