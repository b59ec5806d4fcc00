package org.dipwatch.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The packaged YAML dictionaries read at build time: each file's tree written beside it as JSON
 * ({@code classify/states.yaml.json}) with the SHA-256 of the YAML it came from. Parsing the JSON
 * takes half the time of parsing the YAML at every start and every command; the YAML stays the
 * file a user reads and copies, and a JSON that does not match its YAML (edited since the build) is
 * not used.
 */
public final class PackagedDictionaries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PackagedDictionaries() {
    }

    /** Writes the JSON of every packaged YAML dictionary under {@code args[0]} (the build's classes folder). */
    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        for (String file : Dictionaries.FILES) {
            Path yaml = classes.resolve("classify").resolve(file);
            byte[] bytes = Files.readAllBytes(yaml);
            ObjectNode out = JSON.createObjectNode();
            out.put("yamlSha256", sha256(bytes));
            out.set("tree", YAML.readTree(bytes));
            JSON.writeValue(yaml.resolveSibling(file + ".json").toFile(), out);
        }
    }

    /**
     * The tree of a packaged YAML dictionary from its build-time JSON, when that JSON was made from
     * exactly these YAML bytes; empty otherwise (run from sources, or the YAML edited since).
     */
    static Optional<JsonNode> tree(String file, byte[] yaml) {
        try (InputStream in = PackagedDictionaries.class.getResourceAsStream("/classify/" + file + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            JsonNode doc = JSON.readTree(in);
            return sha256(yaml).equals(doc.path("yamlSha256").asText()) ? Optional.ofNullable(doc.get("tree")) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
