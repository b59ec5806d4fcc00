package org.dipwatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dipwatch.classify.Classifier;
import org.dipwatch.config.Settings;
import org.dipwatch.corpus.ClassificationJson;
import org.dipwatch.ingest.DocumentReader;
import org.dipwatch.ingest.UnreadableDocumentException;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;
import org.dipwatch.normalize.Normalizer;
import org.dipwatch.normalize.SeedText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code classify FILE...}: prints what the classifier finds in files, without ingesting them. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Print the classification of files without ingesting them, one JSON object per file:",
                "actors, speaker, speakers, counterparts, regions, primaryRegion, kind, language.",
                "With --explain every tag carries the text that matched (evidence) and, for each",
                "mention, the cue that made it an actor or a place (cues)."})
public final class ClassifyCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to classify (any format ingest reads).")
    List<Path> files;

    @Option(names = "--explain", description = "Add to each tag the matched text of every mention (evidence) and the cue that gave "
            + "it its role (cues: mention and cue).")
    boolean explain;

    @Mixin
    Home home;

    @Override
    public Integer call() throws Exception {
        Settings settings = home.settings();
        // the classifier alone: no index, and nothing that logs (Log4j is half of a short command's start)
        Classifier classifier = Classifier.of(settings);
        DocumentReader reader = new DocumentReader(SeedText::parse, settings.longValue("dipwatch.ingest.max-bytes"));
        for (Path file : files) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("file", file.toString());
            try {
                if (!Files.isRegularFile(file)) {
                    throw new UnreadableDocumentException(file + " does not exist or is not a regular file; check the path.");
                }
                Article article = Normalizer.normalize(reader.read(file));
                Classification tags = classifier.classify(article, explain);
                if (article.title() != null) {
                    fields.put("title", article.title());
                }
                if (article.published() != null) {
                    fields.put("date", article.published().toString());
                }
                fields.putAll(ClassificationJson.fields(tags));
            } catch (UnreadableDocumentException | IllegalArgumentException e) {
                fields.put("verdict", "failed");
                fields.put("reason", e.getMessage());
            }
            home.printJson(fields);
        }
        return 0;
    }
}
