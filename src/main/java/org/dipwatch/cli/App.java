package org.dipwatch.cli;

import org.dipwatch.cli.AlertsCommand;
import org.dipwatch.cli.CheckConfigCommand;
import org.dipwatch.cli.ClassifyCommand;
import org.dipwatch.cli.IngestCommand;
import org.dipwatch.cli.ReindexCommand;
import org.dipwatch.cli.RunCommand;
import org.dipwatch.cli.SimilarCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dipwatch} command line: {@code run} (the daemon), {@code ingest FILE...}, {@code similar FILE...},
 * {@code reindex}, {@code check-config}, {@code backup DIR}, {@code restore DIR} and {@code migrate-store --to URL}. Every command works on the home folder named by
 * {@code -Ddipwatch.home} or {@code DIPWATCH_HOME} (default: the working directory).
 */
@Command(name = "dipwatch", mixinStandardHelpOptions = true, versionProvider = App.Version.class,
        description = "Watches diplomatic statements: ingest, normalize, deduplicate, store, alert.",
        subcommands = {RunCommand.class, IngestCommand.class, SimilarCommand.class, ClassifyCommand.class, ReindexCommand.class,
                AlertsCommand.class, CheckConfigCommand.class, BackupCommand.class, RestoreCommand.class, MigrateStoreCommand.class,
                CommandLine.HelpCommand.class})
public final class App {

    /** Runs the command named on the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command and returns its exit status (0: done, 1: the command failed, 2: bad usage). */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs a command with its output and errors going to the given writers. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new App());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("dipwatch: " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                line.getErr().println("  caused by: " + cause.getMessage());
            }
            return 1;
        });
        if (args.length == 0) {
            cli.usage(cli.getOut());
            return 2;
        }
        return cli.execute(args);
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = App.class.getPackage().getImplementationVersion();
            return new String[] {"dipwatch " + (v == null ? "development" : v)};
        }
    }
}
