package org.dipwatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dipwatch.TestHome;

/** Synthetic articles for the benchmarks: the originals' paragraphs recombined, each file distinct. */
final class BenchCorpus {

    private BenchCorpus() {
    }

    /** The paragraphs of the five originals. */
    static List<String> paragraphs() throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : TestHome.ORIGINALS) {
            for (String line : Files.readString(TestHome.original(name)).split("\n")) {
                String p = line.replace("\u00a0", " ").strip();
                if (p.length() > 40) {
                    out.add(p.replaceFirst("^date \\d{4}-\\d{2}-\\d{2} ", ""));
                }
            }
        }
        return out;
    }

    /** The statements of one language (ISO 639-1) in {@code classify/devset-languages.yaml}, as paragraphs. */
    static List<String> statements(String language) throws IOException {
        List<String> out = new ArrayList<>();
        try (java.io.InputStream in = BenchCorpus.class.getResourceAsStream("/classify/devset-languages.yaml")) {
            com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(in);
            for (com.fasterxml.jackson.databind.JsonNode s : doc.path("statements")) {
                if (language.equals(s.path("language").asText())) {
                    out.add(s.path("text").asText());
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("bench: no statements in '" + language + "' in classify/devset-languages.yaml");
        }
        return out;
    }

    /** Writes {@code count} distinct articles of 4-8 paragraphs (about 2-4 KB) in shape 2 into {@code dir}. */
    static List<Path> write(Path dir, int count, long seed) throws IOException {
        List<String> paragraphs = paragraphs();
        Random random = new Random(seed);
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder("Statement " + i + " on the situation in the Middle East\n\n");
            text.append(String.format("%02d March 2024%n%n", 1 + random.nextInt(28)));
            int n = 4 + random.nextInt(5);
            for (int p = 0; p < n; p++) {
                text.append(paragraphs.get(random.nextInt(paragraphs.size()))).append(" (").append(i).append('.').append(p)
                        .append(")\n\n");
            }
            Path file = dir.resolve("statement-" + i + ".txt");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            files.add(file);
        }
        return files;
    }
}
