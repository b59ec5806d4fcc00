package org.dipwatch.config;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Lists the files of one folder packaged with dipwatch (in its jar, or its classes folder when run
 * from a build) by reading the jar's directory, once, instead of asking a library to scan the
 * class path for them: a scan of the fat jar's entries by Camel or Flyway takes seconds at every start.
 */
public final class PackagedFiles {

    private PackagedFiles() {
    }

    /**
     * The names ({@code folder/name}) of the packaged files directly in {@code folder} whose name ends
     * with {@code suffix}, sorted.
     *
     * @throws IOException when the jar or classes folder cannot be read
     */
    public static List<String> in(String folder, String suffix) throws IOException {
        Path location;
        try {
            location = Path.of(PackagedFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot tell where dipwatch's classes are: " + e, e);
        }
        String prefix = folder + "/";
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            if (Files.isDirectory(location.resolve(folder))) {
                try (Stream<Path> files = Files.list(location.resolve(folder))) {
                    files.map(f -> f.getFileName().toString()).forEach(names::add);
                }
            }
        } else {
            try (ZipFile jar = new ZipFile(location.toFile())) {
                jar.stream().map(ZipEntry::getName).filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0)
                        .map(n -> n.substring(prefix.length())).forEach(names::add);
            }
        }
        return names.stream().filter(n -> n.endsWith(suffix) && n.length() > suffix.length()).sorted().map(n -> prefix + n).toList();
    }
}
