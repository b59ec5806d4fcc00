package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Article;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The classic traps of dictionary tagging ({@code classify/traps.yaml}), each a sentence with the exact countries it names. */
class TrapsTest {

    static Stream<Arguments> traps() throws IOException {
        try (InputStream in = TrapsTest.class.getResourceAsStream("/classify/traps.yaml")) {
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(Objects.requireNonNull(in, "classify/traps.yaml"));
            List<Arguments> out = new ArrayList<>();
            for (JsonNode t : doc.path("traps")) {
                out.add(Arguments.of(t.path("text").asText(), DevelopmentSetTest.set(t.path("actor_countries")),
                        DevelopmentSetTest.set(t.path("region_countries")), t.path("note").asText("")));
            }
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{3}: {0}")
    @MethodSource("traps")
    void findsExactlyTheCountriesTheSentenceNames(String text, Set<String> actors, Set<String> regions, String note) {
        Classification c = TestClassifier.get().classify(new Article(null, null, List.of(text), null), true);
        assertThat(countries(c.actors().stream().map(ActorTag::country))).as("actors of: " + text + " " + c.actors()).isEqualTo(actors);
        assertThat(countries(c.regions().stream().map(RegionTag::country))).as("regions of: " + text + " " + c.regions()).isEqualTo(regions);
    }

    private static Set<String> countries(Stream<String> codes) {
        Set<String> out = new TreeSet<>();
        codes.filter(Objects::nonNull).forEach(out::add);
        return out;
    }
}
