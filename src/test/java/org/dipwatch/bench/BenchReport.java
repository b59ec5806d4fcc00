package org.dipwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The figures of one benchmark: each line to standard output with "[bench]" and, as they come, to {@code target/bench/NAME}. */
final class BenchReport {

    private final Path file;
    private final List<String> lines = new ArrayList<>();

    BenchReport(String name) {
        this.file = Path.of("target", "bench", name);
    }

    void say(String line) throws IOException {
        System.out.println("[bench] " + line);
        lines.add(line);
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }
}
