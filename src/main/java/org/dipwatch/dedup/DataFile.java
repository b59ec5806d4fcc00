package org.dipwatch.dedup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A packaged data file of dedup ({@code dedup/boilerplate.txt}, {@code dedup/stopwords.txt}): one entry a line. */
final class DataFile {

    private DataFile() {
    }

    /** The lines of a class-path resource, stripped, without blank lines and {@code #} comments. */
    static List<String> lines(String resource) {
        List<String> out = new ArrayList<>();
        try (InputStream in = DataFile.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("dedup: " + resource + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("dedup: cannot read " + resource + ": " + e.getMessage(), e);
        }
        return out;
    }
}
