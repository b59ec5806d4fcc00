package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The webhook body: a CloudEvent whose JSON the published schema accepts, and a schema that can say no. */
class AlertPayloadTest {

    private static final Path SCHEMA_FILE = Path.of("docs", "schemas", "alert-v1.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // format is only an annotation in 2020-12 unless asked for: ask, so a bad date or time fails
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private static JsonNode schemaNode;
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schemaNode = JSON.readTree(SCHEMA_FILE.toFile());
        schema = FACTORY.getSchema(schemaNode, CONFIG);
    }

    @Test
    void theSchemaFileIsAValid2020_12Schema() {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG);
        assertThat(meta.validate(schemaNode)).isEmpty();
        assertThat(schemaNode.path("$id").asText()).isEqualTo(AlertPayload.DATA_SCHEMA);
    }

    @Test
    void aRealisticAlertValidates() throws IOException {
        assertThat(schema.validate(payload(TestAlerts.russiaCallsHamas()))).isEmpty();
    }

    @Test
    void aLaterReportOfALongStoryNamesFiveCountsAllAndValidates() throws IOException {
        AlertContent c = TestAlerts.russiaCallsHamas();
        List<String> named = List.of("tass.com: a (000_0000000000000001.txt)", "mid.ru: b (196_0000000000000002.txt)",
                "mid.ru: c (197_0000000000000003.txt)", "mid.ru: d (198_0000000000000004.txt)", "mid.ru: e (199_0000000000000005.txt)");
        AlertContent later = AlertContent.ofArticle(c.messageId(), c.createdAt(), c.subscriptionId(), "same_story", c.articleFile(),
                c.articleId(), c.title(), c.published(), c.url(), c.source(), c.paragraphs(), c.tags(), "st-0000000000000001",
                c.why(), named, 199, false);
        JsonNode json = payload(later);
        assertThat(schema.validate(json)).isEmpty();
        assertThat(json.path("data").path("alsoReportedBy")).hasSize(5);
        assertThat(json.path("data").path("alsoReportedCount").asInt()).isEqualTo(199);
        // an alert written before the count existed still reads, and counts what it names
        String old = Outbox.write(later).replace(",\"alsoReportedCount\":199", "");
        assertThat(old).doesNotContain("alsoReportedCount");
        assertThat(Outbox.read(old).alsoReportedCount()).isEqualTo(5);
    }

    @Test
    void anArticlesAlertIsKeptWithoutItsTagsAndReadWithThoseOfTheArticlesRow() {
        AlertContent c = TestAlerts.russiaCallsHamas();
        // the tags as the index's article row keeps them (empty fields left out), the alert without them
        String row = org.dipwatch.corpus.ClassificationJson.write(c.tags());
        String kept = Outbox.write(c.withTags(null));
        assertThat(kept).doesNotContain("Bogdanov\",\"type\"").hasSizeLessThan(Outbox.write(c).length() / 2);
        assertThat(Outbox.read(kept, row)).isEqualTo(c);
        // with nothing in its lists, as a statement without a place or a counterpart is
        AlertContent bare = TestAlerts.content("A note", List.of("A note of the ministry."), TestAlerts.noTags());
        assertThat(Outbox.read(Outbox.write(bare.withTags(null)), org.dipwatch.corpus.ClassificationJson.write(bare.tags())))
                .isEqualTo(bare);
        // an alert written with its tags keeps them
        assertThat(Outbox.read(Outbox.write(c), "{}")).isEqualTo(c);
    }

    @Test
    void anAlertWithNothingUnknownLeftOutValidates() throws IOException {
        AlertContent bare = AlertContent.ofArticle("msg_1", java.time.Instant.parse("2025-03-04T09:15:02Z"), "all", "new",
                "006_fedcba9876543210.txt", "fedcba9876543210", null, null, null, "inbox", List.of(),
                TestAlerts.noTags(), null, "every article matches the subscription all", List.of(), 0, false);
        JsonNode json = payload(bare);

        assertThat(schema.validate(json)).isEmpty();
        JsonNode article = json.path("data").path("article");
        assertThat(article.get("title").isNull()).isTrue();
        assertThat(article.get("date").isNull()).isTrue();
        assertThat(article.get("url").isNull()).isTrue();
        assertThat(article.get("excerpt").asText()).isEmpty();
        assertThat(json.path("data").get("tags")).isEqualTo(JSON.createObjectNode());
    }

    @Test
    void carriesTheCloudEventAttributesInOrder() throws IOException {
        JsonNode json = payload(TestAlerts.russiaCallsHamas());
        assertThat(json.fieldNames()).toIterable().containsExactly("specversion", "id", "source", "type", "subject",
                "time", "datacontenttype", "dataschema", "data");
        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("id").asText()).isEqualTo("msg_2NQ5fd3cmTrnw7iF0YQn1xYVvWb");
        assertThat(json.get("source").asText()).isEqualTo("urn:dipwatch");
        assertThat(json.get("type").asText()).isEqualTo("org.dipwatch.alert.v1");
        assertThat(json.get("subject").asText()).isEqualTo("005_0123456789abcdef.txt");
        assertThat(json.get("time").asText()).isEqualTo("2025-03-04T09:15:02Z");
        assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.get("dataschema").asText()).isEqualTo("https://dipwatch.org/schemas/alert-v1.json");
    }

    @Test
    void carriesTheArticleWhyAndSubscription() throws IOException {
        AlertContent c = TestAlerts.russiaCallsHamas();
        JsonNode data = payload(c).get("data");
        assertThat(data.get("subscription").asText()).isEqualTo("gaza-watch");
        assertThat(data.get("verdict").asText()).isEqualTo("new");
        assertThat(data.has("story")).isTrue();
        assertThat(data.get("story").isNull()).isTrue();
        assertThat(data.get("why").asText()).isEqualTo("region Middle East and actor HAMAS match the subscription gaza-watch");

        JsonNode article = data.get("article");
        assertThat(article.get("id").asText()).isEqualTo("0123456789abcdef");
        assertThat(article.get("file").asText()).isEqualTo("005_0123456789abcdef.txt");
        assertThat(article.get("title").asText()).startsWith("Russia calls for de-escalation");
        assertThat(article.get("date").asText()).isEqualTo("2025-03-04");
        assertThat(article.get("url").asText()).isEqualTo("https://mid.ru/en/foreign_policy/news/1999999/");
        assertThat(article.get("source").asText()).isEqualTo("mid-ru");
        assertThat(article.get("text").asText()).isEqualTo(String.join("\n\n", c.paragraphs()));
        // the four short paragraphs fit in the excerpt's 600 characters
        assertThat(article.get("excerpt").asText()).isEqualTo(article.get("text").asText());
    }

    @Test
    void carriesTheTagsAsTheClassifierGivesThemWithoutEmptyFields() throws IOException {
        JsonNode tags = payload(TestAlerts.russiaCallsHamas()).path("data").path("tags");
        assertThat(tags.path("speaker").path("side").asText()).isEqualTo("RUS");
        assertThat(tags.path("speaker").path("actor").path("id").asText()).isEqualTo("mikhail-bogdanov");
        assertThat(tags.path("counterparts").get(0).path("side").asText()).isEqualTo("HAMAS");
        assertThat(tags.path("counterparts").get(0).path("actor").path("organisation").path("name").asText())
                .isEqualTo("Hamas");
        assertThat(tags.path("actors")).hasSize(4);
        assertThat(tags.path("regions").get(0).path("path").toString()).isEqualTo("[\"gaza-strip\",\"PSE\"]");
        assertThat(tags.path("regions").get(0).path("rollup").get(1).toString())
                .isEqualTo("{\"code\":\"MIDDLE_EAST\",\"name\":\"Middle East\",\"kind\":\"region\"}");
        assertThat(tags.path("primaryRegion").asText()).isEqualTo("gaza-strip");
        assertThat(tags.path("kind").asText()).isEqualTo("phone_call");
        assertThat(tags.path("language").asText()).isEqualTo("en");
        // empty evidence and a state's missing organisation and role are left out
        JsonNode hamas = tags.path("actors").get(1);
        assertThat(hamas.fieldNames()).toIterable()
                .containsExactly("id", "type", "name", "country", "mentions", "salience");
    }

    static Stream<Arguments> brokenPayloads() {
        return Stream.of(
                Arguments.of("data.article.file missing", (Consumer<ObjectNode>) e -> article(e).remove("file")),
                Arguments.of("data.why missing", (Consumer<ObjectNode>) e -> data(e).remove("why")),
                Arguments.of("another version", (Consumer<ObjectNode>) e -> e.put("type", "org.dipwatch.alert.v2")),
                Arguments.of("a time that is not one", (Consumer<ObjectNode>) e -> e.put("time", "4 March 2025")),
                Arguments.of("a date that is not one", (Consumer<ObjectNode>) e -> article(e).put("date", "2025-13-40")),
                Arguments.of("an article id that is not 16 hex digits",
                        (Consumer<ObjectNode>) e -> article(e).put("id", "0123")),
                Arguments.of("a field the schema does not describe",
                        (Consumer<ObjectNode>) e -> data(e).put("score", 0.9)),
                Arguments.of("an actor type the model does not have",
                        (Consumer<ObjectNode>) e -> ((ObjectNode) data(e).path("tags").path("actors").get(0))
                                .put("type", "person")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPayloads")
    void theSchemaRejects(String what, Consumer<ObjectNode> breakIt) throws IOException {
        ObjectNode json = (ObjectNode) payload(TestAlerts.russiaCallsHamas());
        breakIt.accept(json);
        Set<ValidationMessage> errors = schema.validate(json);
        assertThat(errors).as(what).isNotEmpty();
    }

    @Test
    void aMissingFileIsReportedAtTheArticle() throws IOException {
        ObjectNode json = (ObjectNode) payload(TestAlerts.russiaCallsHamas());
        article(json).remove("file");
        assertThat(schema.validate(json)).extracting(ValidationMessage::getMessage)
                .containsExactly("/data/article: required property 'file' not found");
    }

    @Test
    void anAlertWithoutAMessageIdIsRefusedWithItsArticle() {
        AlertContent c = TestAlerts.russiaCallsHamas();
        AlertContent noId = AlertContent.ofArticle(null, c.createdAt(), c.subscriptionId(), c.verdict(), c.articleFile(),
                c.articleId(), c.title(), c.published(), c.url(), c.source(), c.paragraphs(), c.tags(), c.story(), c.why(), List.of(), 0, false);
        assertThatThrownBy(() -> AlertPayload.json(noId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("005_0123456789abcdef.txt").hasMessageContaining("messageId");
    }

    private static JsonNode payload(AlertContent c) throws IOException {
        return JSON.readTree(AlertPayload.json(c));
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    private static ObjectNode article(ObjectNode event) {
        return (ObjectNode) data(event).get("article");
    }
}
