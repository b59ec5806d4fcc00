package org.dipwatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.dedup.StoryMatcher;
import org.dipwatch.ingest.UnreadableDocumentException;
import org.dipwatch.model.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code similar FILE...}: the corpus articles nearest to each file, with their scores and the
 * level each would give it, and the verdict {@code ingest} would give; nothing is stored. The
 * running daemon of the home judges it when one runs (it holds the index), the command alone otherwise.
 */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = {"Print, for each file, the verdict ingest would give it (new, duplicate, near_duplicate, same_story)",
                "and the nearest corpus articles: similarity (estimated Jaccard of the texts), story score, and the",
                "level each would give (near_duplicate, same_story, new) with the signals behind it. Stores nothing."})
public final class SimilarCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to compare with the corpus.")
    List<Path> files;

    @Option(names = "--top", defaultValue = "5", description = "How many nearest articles to print (default ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    Home home;

    @Override
    public Integer call() throws Exception {
        home.eachFile(files, "similar", file -> Map.of("file", file.toString(), "top", top), (pipeline, file) -> line(pipeline, file, top));
        return 0;
    }

    /**
     * What {@code similar} prints for one file, judged by this pipeline (the CLI's own, or the
     * running daemon's when it asks): the verdict and the {@code top} nearest corpus articles.
     */
    static Map<String, Object> line(Pipeline pipeline, Path file, int top) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("file", file.toString());
        if (!Files.isRegularFile(file)) {
            fields.put("verdict", Verdict.FAILED.label());
            fields.put("reason", file + " does not exist or is not a regular file; check the path.");
            return fields;
        }
        Pipeline.Similar s;
        try {
            s = pipeline.similar(file, "cli");
        } catch (UnreadableDocumentException e) {
            fields.put("verdict", Verdict.FAILED.label());
            fields.put("reason", e.getMessage());
            return fields;
        }
        StoryMatcher.Judgement j = s.judgement();
        if (s.duplicate() != null) {
            fields.put("verdict", Verdict.DUPLICATE.label());
            fields.put("duplicateOf", s.duplicate());
        } else {
            fields.put("verdict", j.verdict().label());
            if (j.verdict() == Verdict.NEAR_DUPLICATE) {
                fields.put("duplicateOf", j.of());
            }
            if (j.similarity() != null) {
                fields.put("similarity", j.similarity());
            }
            if (j.story() != null) {
                fields.put("story", j.story());
            }
        }
        List<Map<String, Object>> nearest = new ArrayList<>();
        List<StoryMatcher.Neighbour> sorted = j.nearestFirst();
        for (StoryMatcher.Neighbour n : sorted.subList(0, Math.min(top, sorted.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("article", n.file());
            if (n.title() != null) {
                m.put("title", n.title());
            }
            m.put("outlet", n.outlet());
            m.put("story", n.story());
            m.put("similarity", n.similarity());
            m.put("storyScore", n.storyScore());
            m.put("level", n.level().label());
            if (!n.why().isEmpty()) {
                m.put("why", n.why());
            }
            nearest.add(m);
        }
        fields.put("nearest", nearest);
        return fields;
    }
}
