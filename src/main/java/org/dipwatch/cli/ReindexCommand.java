package org.dipwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dipwatch.Pipeline;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.Corpus;
import org.dipwatch.observe.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code reindex}: rebuilds the index from the text files in {@code seeds/}. */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = {"Rebuild the index from the text files in seeds/: every field derived from the text is read again,",
                "where each article came from is kept, new files are added, vanished files are marked missing.",
                "Prints a JSON summary."})
public final class ReindexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Pipeline pipeline = Pipeline.open(Settings.load(), new Metrics(new SimpleMeterRegistry()))) {
            Corpus.SyncReport report = pipeline.corpus().reindex();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("files", report.files());
            out.put("added", report.added());
            out.put("updated", report.updated());
            out.put("missing", report.missing());
            out.put("unreadable", report.unreadableFiles());
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(out));
            return 0;
        }
    }
}
