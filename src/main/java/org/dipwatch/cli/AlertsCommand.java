package org.dipwatch.cli;

import org.dipwatch.daemon.RunningDaemon;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.alert.Outbox;
import org.dipwatch.corpus.CorpusIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alerts}: the outbox from the command line: counts, dead letters, replay, delivery log; read
 * through the running daemon of the home when one runs (it holds the index), by the command alone otherwise.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Show the alert outbox and act on it (one JSON object per line):",
                "  alerts                  counts by status (pending, delivered, dead)",
                "  alerts dead             the dead letters, newest first",
                "  alerts replay ID...     put dead letters back in the queue (the daemon delivers them)",
                "  alerts log SUBSCRIPTION the delivery log of a subscription, newest first"})
public final class AlertsCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", description = "dead, replay or log (default: counts)")
    String action;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARG", description = "ids for replay, a subscription for log")
    List<String> args = List.of();

    @Option(names = "--limit", defaultValue = "100", description = "At most this many lines (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    Home home;

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Override
    public Integer call() throws Exception {
        String act = action == null ? "" : action;
        String usage = switch (act) {
            case "", "dead" -> null;
            case "replay" -> args.isEmpty() ? "alerts replay: name the ids of the dead letters (see: alerts dead)" : null;
            case "log" -> args.size() != 1 ? "alerts log: name one subscription id" : null;
            default -> "alerts: unknown action '" + action + "'; use dead, replay or log";
        };
        if (usage != null) {
            home.err().println(usage);
            return 2;
        }
        Optional<RunningDaemon> daemon = home.daemon();
        List<?> lines;
        if (daemon.isPresent()) {
            lines = (List<?>) daemon.get().ask("alerts", Map.of("action", act, "args", args, "limit", limit)).get("lines");
        } else {
            // the outbox alone: no dictionaries, corpus or story memory to load for a look at it
            try (CorpusIndex index = Pipeline.index(home.settings())) {
                lines = lines(new Outbox(index.dataSource()), act, args, limit);
            }
        }
        for (Object line : lines) {
            home.out().println(JSON.writeValueAsString(line));
        }
        return 0;
    }

    /**
     * What {@code alerts ACTION ARG...} prints, one element a line, read from this outbox (the
     * CLI's own, or the running daemon's when it asks); the action and its arguments are checked before.
     */
    static List<Object> lines(Outbox outbox, String action, List<String> args, int limit) {
        List<Object> lines = new ArrayList<>();
        switch (action) {
            case "dead" -> lines.addAll(outbox.dead(limit).stream().map(Outbox.Row::summary).toList());
            case "replay" -> {
                for (String id : args) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("id", id);
                    line.put("replayed", id.matches("\\d+") && outbox.replay(Long.parseLong(id)));
                    lines.add(line);
                }
            }
            case "log" -> lines.addAll(outbox.log(args.get(0), limit));
            default -> lines.add(outbox.counts());
        }
        return lines;
    }
}
