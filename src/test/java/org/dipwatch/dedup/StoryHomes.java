package org.dipwatch.dedup;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.classify.Classifier;
import org.dipwatch.config.Settings;
import org.dipwatch.observe.Metrics;

/** Opens pipelines on test homes with one classifier loaded once, so that a test can open many homes. */
final class StoryHomes {

    private static Classifier classifier;

    private StoryHomes() {
    }

    /** The pipeline of a home, with some settings overridden. */
    static synchronized Pipeline open(Path home, Map<String, String> overrides) {
        Settings settings = Settings.of(home, new HashMap<>(overrides));
        if (classifier == null) {
            classifier = Pipeline.classifier(settings);
        }
        return Pipeline.open(settings, new Metrics(new SimpleMeterRegistry()), classifier);
    }

    /** The pipeline of a home on the shipped defaults. */
    static Pipeline open(Path home) {
        return open(home, Map.of());
    }
}
