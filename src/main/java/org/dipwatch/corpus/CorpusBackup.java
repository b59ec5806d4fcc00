package org.dipwatch.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A copy of a corpus in a folder: {@code index.mv.db}, an H2 file holding every table of the index
 * (made by the same migrations, whichever database the index is), and {@code seeds/}, the files the
 * copied index names. The same format for both stores: a backup of PostgreSQL restores into H2 and
 * the other way round. The index is read in one snapshot first, then exactly the files it lists
 * are copied (files are never changed once stored, so the pair is consistent while the daemon
 * keeps storing).
 */
public final class CorpusBackup {

    /** The backup's index, an H2 file: {@code DIR/index.mv.db}. */
    public static final String INDEX = "index";
    /** The H2 user of a backup's index (no password: the folder's permissions guard it). */
    private static final String USER = "dipwatch";

    private CorpusBackup() {
    }

    /** What a backup or a restore copied: the rows per table, and the article files. */
    public record Copied(Map<String, Long> rows, int files, List<String> missingFiles) {
    }

    /** The JDBC URL of the index in backup folder {@code dir}. */
    public static String indexUrl(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve(INDEX) + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Writes a backup of {@code index} and the files of {@code seeds} it names into {@code dir}
     * (created; refused when it holds a backup already). A file the index lists that is not in
     * seeds/ (deleted by hand, not yet marked missing) is named in {@link Copied#missingFiles()}.
     */
    public static Copied write(CorpusIndex index, Path seeds, Path dir) throws IOException {
        if (Files.exists(dir.resolve(INDEX + ".mv.db"))) {
            throw new IOException("backup: " + dir + " holds a backup already; name a new folder");
        }
        Files.createDirectories(dir.resolve("seeds"));
        Map<String, Long> rows;
        List<String> names;
        try (CorpusIndex copy = CorpusIndex.open(indexUrl(dir), USER, "", 2)) {
            rows = IndexCopy.copy(index.dataSource(), copy.dataSource(), false);
            names = presentFiles(copy);
        }
        List<String> missing = new ArrayList<>();
        int files = 0;
        for (String name : names) {
            Path file = seeds.resolve(name);
            if (Files.isRegularFile(file)) {
                Files.copy(file, dir.resolve("seeds").resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                files++;
            } else {
                missing.add(name);
            }
        }
        return new Copied(rows, files, missing);
    }

    /**
     * Restores the backup in {@code dir} into {@code index} and {@code seeds}. Refused when the
     * index holds rows (unless {@code replace}: they are deleted) or when seeds/ holds article
     * files the backup does not (they would be indexed again at the next start).
     */
    public static Copied restore(Path dir, CorpusIndex index, Path seeds, boolean replace) throws IOException {
        if (!Files.isRegularFile(dir.resolve(INDEX + ".mv.db"))) {
            throw new IOException("restore: " + dir + " holds no backup (no " + INDEX + ".mv.db); name the folder dipwatch backup wrote");
        }
        try (CorpusIndex copy = CorpusIndex.open(indexUrl(dir), USER, "", 2)) {
            List<String> names = presentFiles(copy);
            Set<String> backedUp = new HashSet<>(names);
            Files.createDirectories(seeds);
            List<String> strangers;
            try (Stream<Path> present = Files.list(seeds)) {
                strangers = present.map(p -> p.getFileName().toString())
                        .filter(n -> SeedFile.parse(n).isPresent() && !backedUp.contains(n)).sorted().toList();
            }
            if (!strangers.isEmpty()) {
                throw new IOException("restore: " + seeds + " holds " + strangers.size() + " article files the backup does not ("
                        + String.join(", ", strangers.subList(0, Math.min(3, strangers.size())))
                        + (strangers.size() > 3 ? ", …" : "") + "); move them away first, or restore into a new home");
            }
            Map<String, Long> rows = IndexCopy.copy(copy.dataSource(), index.dataSource(), replace);
            List<String> missing = new ArrayList<>();
            int files = 0;
            for (String name : names) {
                Path file = dir.resolve("seeds").resolve(name);
                if (Files.isRegularFile(file)) {
                    Files.copy(file, seeds.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    files++;
                } else {
                    missing.add(name);
                }
            }
            return new Copied(rows, files, missing);
        }
    }

    /** The article files an index lists as present in seeds/, by name. */
    private static List<String> presentFiles(CorpusIndex index) {
        return index.fileStates().entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).sorted().toList();
    }
}
