package org.dipwatch.corpus;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one article file in {@code seeds/}: {@code NNN_HHHHHHHHHHHHHHHH.txt}, a sequence
 * number zero-padded to at least three digits and 16 lower-case hex digits that identify it.
 *
 * @param seq the sequence number, never reused
 * @param id  16 lower-case hex digits
 */
public record SeedFile(long seq, String id) {

    private static final Pattern NAME = Pattern.compile("(\\d{3,})_([0-9a-f]{16})\\.txt");
    /** Compiled once: a start makes one of these for each of the files in {@code seeds/}. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    public SeedFile {
        if (seq < 0 || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a seed file name: " + seq + "_" + id);
        }
    }

    /** The seed file a name denotes, or empty when the name is not in the seed format. */
    public static Optional<SeedFile> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SeedFile(Long.parseLong(m.group(1)), m.group(2)));
    }

    /** The file name, e.g. {@code 005_0123456789abcdef.txt}. */
    public String fileName() {
        return String.format("%03d_%s.txt", seq, id);
    }
}
