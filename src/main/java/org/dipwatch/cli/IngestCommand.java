package org.dipwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.corpus.ClassificationJson;
import org.dipwatch.model.IngestResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

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

    @Mixin
    Home home;

    @Override
    public Integer call() throws IOException {
        home.settings(); // a home whose settings are wrong is named before any folder is listed
        home.eachFile(expand(files), "ingest", file -> Map.of("file", file.toString()), IngestCommand::line);
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
