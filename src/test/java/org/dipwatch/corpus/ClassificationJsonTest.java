package org.dipwatch.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dipwatch.classify.Classifier;
import org.dipwatch.classify.Dictionaries;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;
import org.junit.jupiter.api.Test;

class ClassificationJsonTest {

    @Test
    void theStoredFormIsAsciiAndReadsBackAsTheClassificationWas() {
        Classifier classifier = new Classifier(Dictionaries.load(null), List.of("en", "tr", "zh"));
        Classification c = classifier.classify(new Article("Erdoğan calls Putin", null, List.of(
                "ANKARA. Türkiye's President Recep Tayyip Erdoğan said on Tuesday: “Istanbul is ready to host the talks.”",
                "中国外交部发言人表示欢迎。"), null), false);
        assertThat(c.actors()).isNotEmpty();
        String stored = ClassificationJson.write(c);
        assertThat(stored.chars().allMatch(ch -> ch < 0x80)).as(stored).isTrue();
        assertThat(stored).contains("Erdo\\u011Fan"); // the ğ of Erdoğan, escaped
        assertThat(ClassificationJson.read(stored)).isEqualTo(c);
    }
}
