package org.dipwatch.cli;

import org.dipwatch.daemon.RunningDaemon;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.ClassificationJson;
import org.dipwatch.model.IngestResult;
import org.dipwatch.observe.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ingest FILE...}: pushes files through the pipeline once and prints one JSON object per
 * file: through the running daemon's pipeline when one runs on the home (it holds the index), else
 * through the CLI's own.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Push files through the pipeline once and print one JSON object per file (the running daemon",
                "of the home does it when one runs, the command alone otherwise):",
                "file, verdict (new, duplicate, near_duplicate, same_story, failed), article (the corpus file), duplicateOf,",
                "similarity and story, reason (for failed),",
                "and the classification: actors, speaker, counterparts, regions, kind, language.",
                "A folder stands for the files in it. The files themselves are left where they are."})
public final class IngestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files or folders to ingest.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Settings settings = Settings.load();
        ObjectMapper json = new ObjectMapper();
        PrintWriter out = spec.commandLine().getOut();
        Optional<RunningDaemon> daemon = RunningDaemon.find(settings.home(), CommandApi.START_WAIT);
        if (daemon.isPresent()) {
            for (Path file : expand(files)) {
                Map<String, Object> fields = Files.isRegularFile(file)
                        ? CommandApi.asked(daemon.get(), "ingest", Map.of("file", file.toAbsolutePath().toString()), file)
                        : line(null, file);
                out.println(json.writeValueAsString(fields));
                out.flush();
            }
            return 0;
        }
        try (Pipeline pipeline = Pipeline.open(settings, new Metrics(new SimpleMeterRegistry()))) {
            for (Path file : expand(files)) {
                out.println(json.writeValueAsString(line(pipeline, file)));
                out.flush();
            }
        }
        return 0;
    }

    /**
     * What {@code ingest} prints for one file, once this pipeline (the CLI's own, or the running
     * daemon's when it asks) has processed it: the result's fields and the classification.
     */
    static Map<String, Object> line(Pipeline pipeline, Path file) {
        IngestResult result;
        if (!Files.isRegularFile(file)) {
            result = IngestResult.failed(file.toString(), "cli", file + " does not exist or is not a regular file; "
                    + "check the path.");
        } else {
            result = pipeline.ingestFile(file, "cli");
        }
        Map<String, Object> fields = result.fields();
        if (result.tags() != null) {
            fields.putAll(ClassificationJson.fields(result.tags()));
        }
        return fields;
    }

    private static List<Path> expand(List<Path> args) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : args) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
