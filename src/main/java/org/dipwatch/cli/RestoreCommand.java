package org.dipwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.CorpusBackup;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.daemon.RunningDaemon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Settings settings = Settings.load();
        RunningDaemon.find(settings.home(), CommandApi.START_WAIT).ifPresent(d -> {
            throw new IllegalStateException("restore: a daemon (pid " + d.pid() + ") runs on " + settings.home() + "; stop it first");
        });
        Path source = dir.toAbsolutePath().normalize();
        try (CorpusIndex index = BackupCommand.homeIndex(settings, settings.get("dipwatch.index.password"))) {
            CorpusBackup.Copied copied = CorpusBackup.restore(source, index, settings.home().resolve("seeds"), replace);
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(BackupCommand.summary(copied, source)));
        }
        return 0;
    }
}
