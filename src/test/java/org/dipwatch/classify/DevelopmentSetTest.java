package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;
import org.dipwatch.normalize.Normalizer;
import org.dipwatch.normalize.SeedText;
import org.junit.jupiter.api.Test;

/**
 * The labelled development set in {@code classify/devset/}: articles on many conflicts and
 * regions with the countries a reader finds acting in them and those named as places, by the role
 * rules in {@code expected.yaml}. Fails below 0.9 micro-F1 for either; prints precision, recall, F1
 * and the misses so that a regression is easy to see.
 */
class DevelopmentSetTest {

    @Test
    void actorAndRegionCountriesReachMicroF1OfAtLeast09() throws IOException {
        JsonNode expected = new ObjectMapper(new YAMLFactory()).readTree(resource("expected.yaml"));
        Classifier classifier = TestClassifier.get();
        CountryScore actors = new CountryScore();
        CountryScore regions = new CountryScore();
        int speakers = 0;
        int speakersRight = 0;
        int kinds = 0;
        int kindsRight = 0;
        int articles = 0;
        List<String> speakerMisses = new ArrayList<>();
        for (JsonNode item : expected.path("articles")) {
            String file = item.path("file").asText();
            String text = new String(resource(file).readAllBytes(), StandardCharsets.UTF_8);
            Classification c = classifier.classify(Normalizer.normalize(SeedText.parse(text)), false);
            articles++;
            actors.add(file, CountryScore.countries(c.actors().stream().map(ActorTag::country).toList()), set(item.path("actor_countries")));
            regions.add(file, CountryScore.countries(c.regions().stream().map(RegionTag::country).toList()), set(item.path("region_countries")));
            if (item.hasNonNull("speaker")) {
                speakers++;
                String want = item.path("speaker").asText();
                boolean right = speakerIs(c, want);
                speakersRight += right ? 1 : 0;
                if (!right) {
                    speakerMisses.add(file + ": want " + want + ", got " + (c.speaker() == null ? null : c.speaker().side()));
                }
            }
            if (item.hasNonNull("kind")) {
                kinds++;
                boolean right = item.path("kind").asText().equals(c.kind());
                kindsRight += right ? 1 : 0;
                if (!right) {
                    speakerMisses.add(file + ": kind " + item.path("kind").asText() + ", got " + c.kind());
                }
            }
        }
        System.out.println("[devset] " + articles + " articles");
        System.out.println("[devset] actor countries:  " + actors);
        System.out.println("[devset] region countries: " + regions);
        System.out.printf("[devset] speaker side right in %d of %d; statement kind right in %d of %d%n",
                speakersRight, speakers, kindsRight, kinds);
        actors.misses.forEach(m -> System.out.println("[devset] actors  " + m));
        regions.misses.forEach(m -> System.out.println("[devset] regions " + m));
        speakerMisses.forEach(m -> System.out.println("[devset] speaker " + m));
        assertThat(articles).isGreaterThanOrEqualTo(40);
        assertThat(actors.f1()).as("actor countries: " + actors).isGreaterThanOrEqualTo(0.9);
        assertThat(regions.f1()).as("region countries: " + regions).isGreaterThanOrEqualTo(0.9);
    }

    /** Whether the classification's speaker is the labelled one: its side, its country, or the organisation a body of it belongs to. */
    static boolean speakerIs(Classification c, String want) {
        // a body of an organisation speaks for it: the Security Council for the UN
        return c.speaker() != null && (want.equals(c.speaker().side()) || want.equals(c.speaker().actor().country())
                || c.speaker().actor().organisation() != null && want.equals(c.speaker().actor().organisation().id()));
    }

    static Set<String> set(JsonNode list) {
        Set<String> out = new TreeSet<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    static InputStream resource(String name) {
        InputStream in = DevelopmentSetTest.class.getResourceAsStream("/classify/devset/" + name);
        if (in == null) {
            throw new AssertionError("missing test resource classify/devset/" + name);
        }
        return in;
    }
}
