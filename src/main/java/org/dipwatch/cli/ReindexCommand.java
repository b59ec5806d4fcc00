package org.dipwatch.cli;

import org.dipwatch.daemon.RunningDaemon;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.Corpus;
import org.dipwatch.observe.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code reindex} (also {@code reclassify}): rebuilds the index from the text files in
 * {@code seeds/}, classification included, so the same command serves after a dictionary change.
 */
@Command(name = "reindex", aliases = "reclassify", mixinStandardHelpOptions = true,
        description = {"Rebuild the index from the text files in seeds/: every field derived from the text is read again",
                "and every article classified again with the current dictionaries (so run it, as reindex or reclassify,",
                "after editing the home's classify/ folder); where each article came from is kept, new files are added,",
                "vanished files are marked missing. Prints a JSON summary. The running daemon of the home does it when one runs."})
public final class ReindexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load();
        Optional<RunningDaemon> daemon = RunningDaemon.find(settings.home(), CommandApi.START_WAIT);
        Map<String, Object> summary;
        if (daemon.isPresent()) {
            summary = daemon.get().ask("reindex", Map.of());
        } else {
            try (Pipeline pipeline = Pipeline.open(settings, new Metrics(new SimpleMeterRegistry()))) {
                summary = summary(pipeline);
            }
        }
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(summary));
        return 0;
    }

    /** Rebuilds the index of this pipeline (the CLI's own, or the running daemon's when it asks) and sums up what it did. */
    static Map<String, Object> summary(Pipeline pipeline) {
        long start = System.nanoTime();
        Corpus.SyncReport report = pipeline.reindex();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("files", report.files());
        out.put("added", report.added());
        out.put("updated", report.updated());
        out.put("missing", report.missing());
        out.put("reclassified", report.files() - report.unreadable());
        out.put("unreadable", report.unreadableFiles());
        out.put("seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
        return out;
    }
}
