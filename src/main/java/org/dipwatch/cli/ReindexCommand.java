package org.dipwatch.cli;

import org.dipwatch.daemon.RunningDaemon;
import java.util.List;
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

    /**
     * What a reindex did, as the command prints it.
     *
     * @param files        the article files in {@code seeds/}
     * @param added        files the index did not know, added
     * @param updated      rows read again from their file
     * @param missing      rows whose file vanished, marked missing
     * @param reclassified files read and classified again
     * @param unreadable   the files that could not be read
     * @param seconds      how long it took, to the hundredth
     */
    record Summary(int files, int added, int updated, int missing, int reclassified, List<String> unreadable, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        Optional<RunningDaemon> daemon = home.daemon();
        Object summary;
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
    static Summary summary(Pipeline pipeline) {
        long start = System.nanoTime();
        Corpus.SyncReport report = pipeline.reindex();
        return new Summary(report.files(), report.added(), report.updated(), report.missing(), report.files() - report.unreadable(),
                report.unreadableFiles(), Math.round((System.nanoTime() - start) / 1e7) / 100.0);
    }
}
