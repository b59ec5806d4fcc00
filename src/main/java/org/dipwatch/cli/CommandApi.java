package org.dipwatch.cli;

import org.dipwatch.daemon.CliCommands;
import org.dipwatch.daemon.RunningDaemon;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.alert.AlertApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands that use the index, carried out by the running daemon for the CLI of the same home
 * ({@code POST /api/cli/COMMAND}, see {@link RunningDaemon}): {@code ingest} and {@code similar}
 * of one file, {@code reindex}, {@code backup}, {@code alerts}, and {@code hello}, by which the CLI tells the daemon
 * from a process that took the id of one killed. Each answers what the command alone would print,
 * computed by the same code against the daemon's pipeline. A request needs the key of the daemon's
 * {@code data/daemon.run}; the API token does not open it.
 */
public final class CommandApi implements CliCommands {

    /** How long the CLI waits for a daemon that is starting to listen before it asks it. */
    static final Duration START_WAIT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(CommandApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pipeline pipeline;
    private final Path home;
    private final byte[] key;

    /** The commands of this daemon's pipeline, on this home, for requests that carry this key (its {@link RunningDaemon#key()}). */
    public CommandApi(Pipeline pipeline, Path home, String key) {
        if (key == null || key.length() < 32) {
            throw new IllegalArgumentException("cli: the daemon's key must be a random one of 32 characters or more");
        }
        this.pipeline = pipeline;
        this.home = home;
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code POST /api/cli/{command}}: 401 without the key, 400 for a request that is not JSON, 404 for an unknown command. */
    @Override
    public AlertApi.Answer answer(String command, String authorization, String body) {
        String given = authorization == null ? "" : authorization.replaceFirst("(?i)^Bearer\\s+", "").strip();
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), key)) {
            return error(401, "this API is the CLI's on the daemon's machine: it needs the key of data/" + RunningDaemon.FILE_NAME);
        }
        Map<String, Object> request;
        try {
            request = body == null || body.isBlank() ? Map.of()
                    : JSON.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return error(400, "send the command's request as a JSON object: " + e.getOriginalMessage());
        }
        try {
            return switch (command == null ? "" : command) {
                case "hello" -> new AlertApi.Answer(200, Map.of("home", home.toString(), "pid", ProcessHandle.current().pid()));
                case "ingest" -> new AlertApi.Answer(200, IngestCommand.line(pipeline, file(request)));
                case "similar" -> new AlertApi.Answer(200, SimilarCommand.line(pipeline, file(request),
                        ((Number) request.getOrDefault("top", 5)).intValue()));
                case "reindex" -> new AlertApi.Answer(200, ReindexCommand.summary(pipeline));
                case "backup" -> new AlertApi.Answer(200, backup(file(request, "dir")));
                case "alerts" -> new AlertApi.Answer(200, Map.of("lines", AlertsCommand.lines(pipeline.stages().outbox(),
                        String.valueOf(request.getOrDefault("action", "")), strings(request.get("args")),
                        ((Number) request.getOrDefault("limit", 100)).intValue())));
                default -> error(404, "no command '" + command + "' here; the CLI asks for hello, ingest, similar, reindex, backup, alerts");
            };
        } catch (ClassCastException | IllegalArgumentException e) {
            return error(400, "the request for " + command + " is not the CLI's: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("cli: {} asked by the CLI failed: {}", command, e.toString());
            return error(500, command + " failed in the daemon: " + e.getMessage());
        }
    }

    /** The request's {@code file}: an absolute path, as the CLI sends it. */
    private static Path file(Map<String, Object> request) {
        return file(request, "file");
    }

    /** The request's path in {@code field}: an absolute path, as the CLI sends it. */
    private static Path file(Map<String, Object> request, String field) {
        Object file = request.get(field);
        if (!(file instanceof String name) || !Path.of(name).isAbsolute()) {
            throw new IllegalArgumentException("'" + field + "' must be an absolute path");
        }
        return Path.of(name);
    }

    /** {@code backup}: this daemon's index, read in one snapshot while it keeps storing, and the files it names. */
    private Map<String, Object> backup(Path dir) {
        try {
            return BackupCommand.summary(org.dipwatch.corpus.CorpusBackup.write(pipeline.stages().corpus().index(), pipeline.stages().corpus().seeds(), dir), dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
    }

    private static List<String> strings(Object list) {
        return list == null ? List.of() : ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static AlertApi.Answer error(int status, String message) {
        return new AlertApi.Answer(status, Map.of("error", message));
    }

    /**
     * The CLI's side: what the daemon printed for {@code file}, asked with {@code request}; the
     * {@code file} field as the user typed it (the daemon was sent its absolute path).
     */
    static Map<String, Object> asked(RunningDaemon daemon, String command, Map<String, Object> request, Path file) throws IOException {
        Map<String, Object> line = daemon.ask(command, request);
        line.put("file", file.toString());
        return line;
    }
}
