package org.dipwatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.CorpusIndex;
import org.dipwatch.corpus.IndexCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code migrate-store --to jdbc:postgresql://…}: copies the home's H2 index into a PostgreSQL
 * database, which the same migrations prepare first; the user then points {@code dipwatch.index.url} at it.
 */
@Command(name = "migrate-store", mixinStandardHelpOptions = true,
        description = {"Copy the home's H2 index (articles, arrivals, tags, stories, the outbox and its delivery log,",
                "source state and items: every table) into a PostgreSQL database, which the packaged migrations prepare",
                "first. The password is DIPWATCH_INDEX_PASSWORD's; the H2 file is opened with dipwatch.index.password of",
                "dipwatch.properties (default empty). Stop the daemon first. Refused when the target holds rows (unless",
                "--replace). Prints a JSON summary (rows per table); then set dipwatch.index.url to the target."})
public final class MigrateStoreCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "JDBC_URL", description = "The target: jdbc:postgresql://host:port/database.")
    String to;

    @Option(names = "--user", paramLabel = "USER", description = "The target's database user (default: dipwatch.index.user).")
    String user;

    @Option(names = "--replace", description = "Delete the rows the target holds before copying.")
    boolean replace;

    @Mixin
    Home home;

    @Override
    public Integer call() throws Exception {
        Settings settings = home.settings();
        if (!CorpusIndex.isPostgres(to)) {
            throw new ParameterException(home.commandLine(), "--to must name a PostgreSQL database: jdbc:postgresql://host:port/database");
        }
        if (CorpusIndex.isPostgres(settings.require("dipwatch.index.url"))) {
            throw new IllegalStateException("migrate-store: the home's index is on PostgreSQL already (dipwatch.index.url="
                    + settings.get("dipwatch.index.url") + "); to copy it elsewhere use dipwatch backup and restore");
        }
        home.requireNoDaemon("migrate-store", ", so that nothing is stored after the copy");
        String password = System.getenv().getOrDefault(Settings.envName("dipwatch.index.password"), "");
        // the H2 file's own password: DIPWATCH_INDEX_PASSWORD is the target's here
        String h2Password = Settings.of(settings.home(), Map.of()).get("dipwatch.index.password");
        long start = System.nanoTime();
        Map<String, Long> rows;
        try (CorpusIndex from = BackupCommand.homeIndex(settings, h2Password);
             CorpusIndex into = CorpusIndex.open(to, user == null ? settings.get("dipwatch.index.user") : user, password, 2)) {
            rows = IndexCopy.copy(from.dataSource(), into.dataSource(), replace);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("to", to);
        out.put("rows", rows);
        out.put("seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
        home.printJson(out);
        home.err().println("migrate-store: done; set dipwatch.index.url=" + to
                + " (and dipwatch.index.user, DIPWATCH_INDEX_PASSWORD) for this home, then start the daemon");
        return 0;
    }
}
