package org.dipwatch.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.dipwatch.source.SourceSpec;
import org.dipwatch.source.SourceSpec.Parameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The source templates the daemon loads ({@link Daemon#SOURCE_TEMPLATES}, two Kamelets) against the
 * one declaration of their parameters, {@link SourceSpec.Parameter}: the parameters Camel reads from
 * each, required or with their default, the kamelet-style {@code type} and {@code example} a user
 * reads, and the header by which each reaches the poller. A parameter added, renamed or given another
 * default in one place and not the other fails here.
 */
class SourceTemplatesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, RouteTemplateDefinition> LOADED = new HashMap<>();

    @BeforeAll
    static void loadAsTheDaemonDoes() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            for (String location : Daemon.SOURCE_TEMPLATES.split(",")) {
                PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, location));
            }
            for (RouteTemplateDefinition t : context.getCamelContextExtension().getContextPlugin(ModelCamelContext.class)
                    .getRouteTemplateDefinitions()) {
                LOADED.put(t.getId(), t);
            }
        }
    }

    private static List<Parameter> declared(String template) {
        return Arrays.stream(Parameter.values()).filter(p -> p.of(template)).toList();
    }

    private static JsonNode kamelet(String template) throws Exception {
        try (InputStream in = SourceTemplatesTest.class.getResourceAsStream("/dipwatch/" + template + ".kamelet.yaml")) {
            assertThat(in).as("dipwatch/" + template + ".kamelet.yaml").isNotNull();
            return YAML.readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"feed", "page"})
    void camelReadsExactlyTheDeclaredParametersWithTheirDefaults(String template) {
        assertThat(LOADED).containsOnlyKeys("feed", "page");
        Map<String, String> loaded = new LinkedHashMap<>();
        Set<String> required = new java.util.TreeSet<>();
        for (RouteTemplateParameterDefinition p : LOADED.get(template).getTemplateParameters()) {
            loaded.put(p.getName(), p.getDefaultValue());
            if (p.isRequired()) {
                required.add(p.getName());
            }
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        declared(template).forEach(p -> wanted.put(p.key(), p.defaultValue()));
        assertThat(loaded).isEqualTo(wanted);
        assertThat(required).isEqualTo(declared(template).stream().filter(Parameter::required).map(Parameter::key)
                .collect(Collectors.toCollection(java.util.TreeSet::new)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"feed", "page"})
    void eachParameterHasTheDeclaredTypeATitleADescriptionAndAnExampleThatIsValid(String template) throws Exception {
        JsonNode definition = kamelet(template).path("spec").path("definition");
        Map<String, String> examples = new LinkedHashMap<>();
        for (Parameter p : declared(template)) {
            JsonNode property = definition.path("properties").path(p.key());
            assertThat(property.path("type").asText()).as(template + " " + p.key() + " type").isEqualTo(p.type());
            assertThat(property.path("title").asText()).as(template + " " + p.key() + " title").isNotBlank();
            assertThat(property.path("description").asText()).as(template + " " + p.key() + " description").isNotBlank();
            assertThat(property.path("example").isMissingNode()).as(template + " " + p.key() + " example").isFalse();
            examples.put(p.key(), property.path("example").asText());
        }
        // a source made of the examples is one check-config takes
        assertThat(SourceSpec.problems(template, examples)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"feed", "page"})
    void theRouteHandsEveryDeclaredParameterToThePollerAsAHeader(String template) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode step : kamelet(template).path("spec").path("template").path("route").path("from").path("steps")) {
            if (step.has("setHeader")) {
                headers.put(step.path("setHeader").path("name").asText(), step.path("setHeader").path("constant").asText());
            }
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("sourceKind", template);
        declared(template).forEach(p -> wanted.put(p.key(), "{{" + p.key() + "}}"));
        assertThat(headers).isEqualTo(wanted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"feed", "page"})
    void aSourceGivenOnlyTheRequiredParametersTakesTheDeclaredDefaults(String template) {
        Map<String, String> given = new HashMap<>();
        given.put("name", "mfa");
        given.put("url", "https://mfa.example/news");
        if (template.equals("page")) {
            given.put("itemSelector", "ul.news li");
            given.put("linkSelector", "a[href]");
        }
        Map<String, String> withDefaults = new HashMap<>(given);
        for (RouteTemplateParameterDefinition p : LOADED.get(template).getTemplateParameters()) {
            if (p.getDefaultValue() != null) {
                withDefaults.put(p.getName(), p.getDefaultValue());
            }
        }
        // what the route hands over when Camel fills in the defaults, and what the spec makes of the parameters alone
        assertThat(SourceSpec.of(template, withDefaults)).isEqualTo(SourceSpec.of(template, given));
        assertThat(SourceSpec.of(template, given).routeId()).isEqualTo(SourceSpec.ROUTE_ID_PREFIX + "mfa");
        assertThat(new ArrayList<>(SourceSpec.problems(template, given))).isEmpty();
    }
}
