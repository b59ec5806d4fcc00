package org.dipwatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.CorpusBackup;
import org.dipwatch.corpus.CorpusIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restore DIR}: puts a backup written by {@code backup} into the home's index (H2 or PostgreSQL) and {@code seeds/}. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a backup written by dipwatch backup into this home: every table into the index its settings",
                "name (H2 or PostgreSQL: either store's backup restores into either) and the files into seeds/.",
                "Stop the daemon (every node) first. Refused when the index holds rows (unless --replace) or seeds/",
                "holds article files the backup does not. Prints a JSON summary like backup's."})
public final class RestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder dipwatch backup wrote.")
    Path dir;

    @Option(names = "--replace", description = "Delete the rows the index holds before restoring.")
    boolean replace;

    @Mixin
    Home home;

    @Override
    public Integer call() throws IOException {
        home.requireNoDaemon("restore", "");
        Settings settings = home.settings();
        Path source = dir.toAbsolutePath().normalize();
        try (CorpusIndex index = BackupCommand.homeIndex(settings, settings.get("dipwatch.index.password"))) {
            CorpusBackup.Copied copied = CorpusBackup.restore(source, index, settings.home().resolve("seeds"), replace);
            home.printJson(BackupCommand.summary(copied, source));
        }
        return 0;
    }
}
