package org.dipwatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.CorpusBackup;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.daemon.RunningDaemon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code backup DIR}: a consistent copy of the home's index and {@code seeds/} in a new folder, for
 * either store (see {@link CorpusBackup}); the running daemon of an H2 home writes it, since it holds the file.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Write a consistent copy of the index and seeds/ into a new folder DIR: DIR/index.mv.db (an H2 file",
                "with every table, whichever database the index is) and DIR/seeds/ (the files that index names).",
                "Safe while the daemon runs: the index is read in one snapshot (the running daemon of an H2 home does it).",
                "Prints a JSON summary: the folder, rows per table, files. Restore it with dipwatch restore DIR."})
public final class BackupCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A new folder for the backup.")
    Path dir;

    @Mixin
    Home home;

    @Override
    public Integer call() throws IOException {
        Settings settings = home.settings();
        Path target = dir.toAbsolutePath().normalize();
        Map<String, Object> summary;
        Optional<RunningDaemon> daemon = CorpusIndex.isPostgres(settings.get("dipwatch.index.url")) ? Optional.empty() : home.daemon();
        if (daemon.isPresent()) {
            summary = daemon.get().ask("backup", Map.of("dir", target.toString()));
        } else {
            try (CorpusIndex index = homeIndex(settings, settings.get("dipwatch.index.password"))) {
                summary = summary(CorpusBackup.write(index, settings.home().resolve("seeds"), target), target);
            }
        }
        home.printJson(summary);
        return 0;
    }

    /** What {@code backup} prints: the backup of this index (the CLI's own, or the running daemon's when it asks). */
    static Map<String, Object> summary(CorpusBackup.Copied copied, Path dir) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dir", dir.toString());
        out.put("rows", copied.rows());
        out.put("files", copied.files());
        out.put("missingFiles", copied.missingFiles());
        return out;
    }

    /** The home's index as its settings name it, opened with {@code password} (migrated to the packaged schema). */
    static CorpusIndex homeIndex(Settings settings, String password) {
        return CorpusIndex.open(settings.require("dipwatch.index.url"), settings.get("dipwatch.index.user"), password, 2);
    }
}
