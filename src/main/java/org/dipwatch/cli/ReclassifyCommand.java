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

/** {@code reclassify}: re-runs the classifier over the whole corpus, after a dictionary change. */
@Command(name = "reclassify", mixinStandardHelpOptions = true,
        description = {"Classify every article in seeds/ again with the current dictionaries and store the tags",
                "in the index (run it after editing the files in the home's classify/ folder). Prints a JSON summary."})
public final class ReclassifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        try (Pipeline pipeline = Pipeline.open(Settings.load(), new Metrics(new SimpleMeterRegistry()))) {
            Corpus.SyncReport report = pipeline.corpus().reindex();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("reclassified", report.files() - report.unreadable());
            out.put("unreadable", report.unreadableFiles());
            out.put("seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(out));
            return 0;
        }
    }
}
