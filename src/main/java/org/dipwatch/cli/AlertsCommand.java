package org.dipwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dipwatch.Pipeline;
import org.dipwatch.alert.Outbox;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.CorpusIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code alerts}: the outbox from the command line: counts, dead letters, replay, delivery log. */
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

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Settings settings = Settings.load();
        // the outbox alone: no dictionaries, corpus or story memory to load for a look at it
        try (CorpusIndex index = Pipeline.index(settings)) {
            Outbox outbox = new Outbox(index.dataSource());
            switch (action == null ? "" : action) {
                case "" -> out.println(JSON.writeValueAsString(outbox.counts()));
                case "dead" -> {
                    for (Outbox.Row row : outbox.dead(limit)) {
                        out.println(JSON.writeValueAsString(row.summary()));
                    }
                }
                case "replay" -> {
                    if (args.isEmpty()) {
                        spec.commandLine().getErr().println("alerts replay: name the ids of the dead letters (see: alerts dead)");
                        return 2;
                    }
                    for (String id : args) {
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("id", id);
                        line.put("replayed", id.matches("\\d+") && outbox.replay(Long.parseLong(id)));
                        out.println(JSON.writeValueAsString(line));
                    }
                }
                case "log" -> {
                    if (args.size() != 1) {
                        spec.commandLine().getErr().println("alerts log: name one subscription id");
                        return 2;
                    }
                    for (Outbox.Attempt a : outbox.log(args.get(0), limit)) {
                        out.println(JSON.writeValueAsString(a));
                    }
                }
                default -> {
                    spec.commandLine().getErr().println("alerts: unknown action '" + action + "'; use dead, replay or log");
                    return 2;
                }
            }
        }
        return 0;
    }
}
