package org.dipwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.dipwatch.config.Settings;
import org.dipwatch.daemon.RunningDaemon;
import org.dipwatch.observe.Metrics;
import org.dipwatch.pipeline.Pipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The home a command works on, and where it prints: a picocli mixin ({@code @Mixin Home home}) that
 * adds no option. It loads the home's settings once, finds the daemon running on the home (which
 * carries out the commands that use the index while it runs), opens the command's own pipeline
 * when none runs, and prints JSON lines on the command's output. ({@code @Command} with no attribute
 * is what makes picocli take a class with no option as a mixin; it adds nothing to the usage help.)
 */
@Command
final class Home {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private Settings settings;

    /** The home's settings ({@code -Ddipwatch.home}, {@code DIPWATCH_HOME} or the working directory), loaded at the first call. */
    Settings settings() {
        if (settings == null) {
            settings = Settings.load();
        }
        return settings;
    }

    /** The daemon running on the home, if one runs; one that is starting is waited for ({@link CommandApi#START_WAIT}). */
    Optional<RunningDaemon> daemon() {
        return RunningDaemon.find(settings().home(), CommandApi.START_WAIT);
    }

    /**
     * Refuses {@code name} while a daemon runs on the home: the command needs the index to itself.
     *
     * @param why what stopping the daemon first ensures, appended to the message (or empty)
     */
    void requireNoDaemon(String name, String why) {
        daemon().ifPresent(d -> {
            throw new IllegalStateException(name + ": a daemon (pid " + d.pid() + ") runs on " + settings().home()
                    + "; stop it first" + why);
        });
    }

    /** The command's own pipeline on the home, its metrics kept in memory; the caller closes it. */
    Pipeline pipeline() {
        return Pipeline.open(settings(), new Metrics(new SimpleMeterRegistry()));
    }

    /**
     * Prints a JSON line for each file: the running daemon's answer to {@code name} asked with the
     * request made for the file's absolute path, else what {@code line} makes of it with the
     * command's own pipeline. A file that is not a regular file is not sent: {@code line} is given
     * no pipeline and says so.
     */
    void eachFile(List<Path> files, String name, Function<Path, Map<String, Object>> request,
                  BiFunction<Pipeline, Path, Map<String, Object>> line) throws IOException {
        Optional<RunningDaemon> daemon = daemon();
        if (daemon.isPresent()) {
            for (Path file : files) {
                printJson(Files.isRegularFile(file)
                        ? CommandApi.asked(daemon.get(), name, request.apply(file.toAbsolutePath()), file)
                        : line.apply(null, file));
            }
            return;
        }
        try (Pipeline pipeline = pipeline()) {
            for (Path file : files) {
                printJson(line.apply(pipeline, file));
            }
        }
    }

    /** The command line of the command, for its usage errors. */
    CommandLine commandLine() {
        return command.commandLine();
    }

    /** Where the command prints its result. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** Where the command says what went wrong or what to do next. */
    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** Prints a value as one line of JSON, at once. */
    void printJson(Object value) throws IOException {
        out().println(JSON.writeValueAsString(value));
        out().flush();
    }
}
