package org.dipwatch.cli;

import org.dipwatch.daemon.RunningDaemon;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.corpus.Corpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    Home home;

    @Override
    public Integer call() throws Exception {
        Optional<RunningDaemon> daemon = home.daemon();
        Map<String, Object> summary;
        if (daemon.isPresent()) {
            summary = daemon.get().ask("reindex", Map.of());
        } else {
            try (Pipeline pipeline = home.pipeline()) {
                summary = summary(pipeline);
            }
        }
        home.printJson(summary);
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
