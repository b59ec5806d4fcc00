package org.dipwatch.corpus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import org.dipwatch.model.Classification;

/** The JSON form of a classification, as the index stores it and the commands print it: empty fields left out. */
public final class ClassificationJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_EMPTY).build();
    /**
     * As stored: every character beyond ASCII written as a JSON escape (a backslash, "u" and four
     * hex digits), which a JSON reader gives back as it was. The stored text is then one byte a
     * character in memory and in the index: a name such as "Türkiye" or a quoted sentence's curly
     * quotes made the whole 3-4 KB of an article's classification two bytes a character, in the
     * queue, in H2's pages and where an alert reads it back.
     */
    private static final ObjectMapper STORED = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private ClassificationJson() {
    }

    /** The classification as the index stores it: a JSON object in ASCII. */
    public static String write(Classification c) {
        try {
            return STORED.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a classification cannot be written as JSON", e);
        }
    }

    /** A classification read back from its stored JSON; {@code null} for {@code null}. */
    public static Classification read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return READ.readValue(json, Classification.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored classification cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private static final ObjectMapper READ = JsonMapper.builder()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The classification as the fields of a JSON object (to merge into another object). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fields(Classification c) {
        return JSON.convertValue(c, Map.class);
    }
}
