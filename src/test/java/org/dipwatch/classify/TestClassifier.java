package org.dipwatch.classify;

import java.util.List;

/** One classifier on the packaged dictionaries, shared by the tests (building it loads every dictionary). */
final class TestClassifier {

    private static Classifier instance;

    private TestClassifier() {
    }

    static synchronized Classifier get() {
        if (instance == null) {
            Dictionaries dictionaries = Dictionaries.load(null);
            if (!dictionaries.problems().isEmpty()) {
                throw new AssertionError("the packaged dictionaries have problems:\n" + String.join("\n", dictionaries.problems()));
            }
            instance = new Classifier(dictionaries, List.of("en", "ru", "ar", "fr", "de", "es", "zh", "he", "tr", "fa", "uk"));
        }
        return instance;
    }
}
