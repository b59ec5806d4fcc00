package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dipwatch.corpus.CorpusIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subscriptions API: without a token it only reads; with one, reading and writing both need
 * it; secrets are never shown; the file stays valid.
 */
class AlertApiTest {

    @TempDir
    Path dir;
    private CorpusIndex index;
    private Path file;
    private Subscriptions subscriptions;

    @BeforeEach
    void open() {
        index = CorpusIndex.open("jdbc:h2:mem:api" + System.nanoTime(), "sa", "", 2);
        file = dir.resolve("subscriptions.yaml");
        subscriptions = new Subscriptions(file, Map.<String, String>of()::get, false);
    }

    @AfterEach
    void close() {
        index.close();
    }

    private AlertApi api(String token) {
        return new AlertApi(subscriptions, new Outbox(index.dataSource()), file, new ApiToken(token));
    }

    private static final String DESK = """
            {"id": "desk", "filter": {"regions": ["Middle East"], "keywords": ["ceasefire"]},
             "webhook": {"url": "https://hooks.example.org/desk", "secret": "whsec_c2VjcmV0"}}""";

    @Test
    void withoutATokenTheApiIsReadOnly() {
        AlertApi api = api("");
        assertThat(api.subscriptions("GET", null, null, null).status()).isEqualTo(200);
        assertThat(api.deliveries("desk", null).status()).isEqualTo(200);
        assertThat(api.dead(null).status()).isEqualTo(200);
        AlertApi.Answer post = api.subscriptions("POST", null, "Bearer anything", DESK);
        assertThat(post.status()).isEqualTo(403);
        assertThat(post.body().toString()).contains("DIPWATCH_API_TOKEN");
        assertThat(file).doesNotExist();
    }

    @Test
    void withATokenSetEveryReadNeedsItToo() throws Exception {
        Files.writeString(file, """
                subscriptions:
                  - id: desk
                    webhook: { url: "https://hooks.example.org/desk", secret: "whsec_c2VjcmV0" }
                """);
        AlertApi api = api("t0ken");
        for (String authorization : new String[] {null, "", "Bearer wrong", "t0ken-and-more", "Basic dDBrZW4="}) {
            assertThat(api.subscriptions("GET", null, authorization, null).status()).as(authorization).isEqualTo(401);
            assertThat(api.subscriptions("GET", "desk", authorization, null).status()).as(authorization).isEqualTo(401);
            assertThat(api.deliveries("desk", authorization).status()).as(authorization).isEqualTo(401);
            assertThat(api.dead(authorization).status()).as(authorization).isEqualTo(401);
        }
        AlertApi.Answer denied = api.subscriptions("GET", null, null, null);
        assertThat(denied.body().toString()).contains("Authorization: Bearer").doesNotContain("hooks.example.org");
        assertThat(api.subscriptions("GET", null, "Bearer t0ken", null).body().toString()).contains("https://hooks.example.org/desk");
        assertThat(api.subscriptions("GET", "desk", "bearer  t0ken", null).status()).isEqualTo(200);
        assertThat(api.deliveries("desk", "Bearer t0ken").status()).isEqualTo(200);
        assertThat(api.dead("Bearer t0ken").status()).isEqualTo(200);
    }

    @Test
    void theSecretAndAUrlPasswordAreNeverShown() throws Exception {
        Files.writeString(file, """
                subscriptions:
                  - id: desk
                    webhook: { url: "https://desk:hunter2@hooks.example.org/desk?team=7", secret: "whsec_c2VjcmV0" }
                """);
        String shown = api("").subscriptions("GET", "desk", null, null).body().toString();
        assertThat(shown).contains("url=https://desk:***@hooks.example.org/desk?team=7", "secret=(set)")
                .doesNotContain("hunter2").doesNotContain("whsec_c2VjcmV0");
        assertThat(AlertApi.withoutPassword("https://hooks.example.org/a@b")).isEqualTo("https://hooks.example.org/a@b");
        assertThat(AlertApi.withoutPassword("https://user@hooks.example.org/")).isEqualTo("https://user@hooks.example.org/");
    }

    @Test
    void aSubscriptionIsShownAsJsonWithTheFilterKeysInTheirOrder() throws Exception {
        Files.writeString(file, """
                subscriptions:
                  - id: desk
                    filter: { actors: [RUS], speaker: [MFA], regions: [Middle East], sources: [mid-ru], keywords: [Ceasefire],
                              language: [ru], verdicts: [new] }
                    email: { to: [desk@example.org] }
                """);
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                api("").subscriptions("GET", "desk", null, null).body());
        assertThat(json).contains("""
                {"id":"desk","mode":"immediate","filter":{"actors":["rus"],"speaker":["mfa"],"regions":["middle east"],\
                "sources":["mid-ru"],"keywords":["ceasefire"],"language":["ru"],"verdicts":["new"]},"sourceHealth":false,\
                "email":{"to":["desk@example.org"]}}""");
    }

    @Test
    void theChatChannelsSecretsAreNeverShown() throws Exception {
        Files.writeString(file, """
                subscriptions:
                  - id: desk-chat
                    slack: { url: "${env:SLACK_WEBHOOK_URL}" }
                    telegram: { token: "${env:TELEGRAM_BOT_TOKEN}", chat: "-1001234567890" }
                    ntfy: { url: "https://ntfy.example.org/dipwatch-desk", token: "${env:NTFY_TOKEN}" }
                    camel: { uri: "kafka:alerts?brokers=localhost:9092&saslJaasConfig=secret-jaas" }
                """);
        subscriptions = new Subscriptions(file, Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/hook-secret",
                "TELEGRAM_BOT_TOKEN", "123456:bot-secret", "NTFY_TOKEN", "tk_secret")::get, false);
        String shown = api("").subscriptions("GET", "desk-chat", null, null).body().toString();
        assertThat(shown).contains("slack={", "host=hooks.slack.com:443", "url=(set)", "chat=-1001234567890", "token=(set)",
                        "url=https://ntfy.example.org/dipwatch-desk", "uri=kafka:alerts")
                .doesNotContain("hook-secret").doesNotContain("bot-secret").doesNotContain("tk_secret").doesNotContain("secret-jaas");
    }

    @Test
    void withTheTokenSubscriptionsAreCreatedUpdatedAndDeletedInTheFile() {
        AlertApi api = api("t0ken");
        assertThat(api.subscriptions("POST", null, "Bearer wrong", DESK).status()).isEqualTo(401);
        assertThat(api.subscriptions("POST", null, "Bearer t0ken", DESK).status()).isEqualTo(201);
        assertThat(subscriptions.current()).extracting(Subscription::id).containsExactly("desk");
        assertThat(api.subscriptions("POST", null, "Bearer t0ken", DESK).status()).isEqualTo(409);
        AlertApi.Answer shown = api.subscriptions("GET", "desk", "Bearer t0ken", null);
        assertThat(shown.body().toString()).contains("(set)").doesNotContain("whsec_c2VjcmV0");
        assertThat(api.subscriptions("PUT", "desk", "Bearer t0ken", """
                {"filter": {"actors": ["RUS"]}, "email": {"to": ["desk@example.org"]}}""").status()).isEqualTo(200);
        assertThat(subscriptions.current().get(0).email().to()).containsExactly("desk@example.org");
        assertThat(subscriptions.current().get(0).filter().actors()).containsExactly("rus");
        assertThat(api.subscriptions("DELETE", "desk", "Bearer t0ken", null).status()).isEqualTo(200);
        assertThat(subscriptions.current()).isEmpty();
        assertThat(api.subscriptions("DELETE", "desk", "Bearer t0ken", null).status()).isEqualTo(404);
    }

    @Test
    void anInvalidChangeIsRefusedWithItsProblemsAndTheFileIsUntouched() throws Exception {
        AlertApi api = api("t0ken");
        api.subscriptions("POST", null, "Bearer t0ken", DESK);
        String before = Files.readString(file);
        AlertApi.Answer bad = api.subscriptions("POST", null, "Bearer t0ken", """
                {"id": "meta", "webhook": {"url": "http://169.254.169.254/latest", "secret": "s"}}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().toString()).contains("link-local");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(api.subscriptions("POST", null, "Bearer t0ken", "{not json").status()).isEqualTo(400);
    }

    @Test
    void aPostWithAMistypedKeyIsRefusedNamingTheKeyAndTheNearestOne() throws Exception {
        AlertApi api = api("t0ken");
        AlertApi.Answer bad = api.subscriptions("POST", null, "Bearer t0ken", """
                {"id": "typo", "filter": {"actor": ["RUS"]}, "email": {"to": ["desk@example.org"]}}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo(Map.of("error", "subscription 'typo' is not valid", "problems", List.of(Map.of(
                "key", "subscriptions[0].filter.actor", "message", "subscription 'typo': 'actor' is not a key of filter; did you mean 'actors'?"))));
        assertThat(file).doesNotExist();
        assertThat(subscriptions.current()).isEmpty();
    }

    @Test
    void anotherSubscriptionsProblemDoesNotStopAValidChange() throws Exception {
        Files.writeString(file, """
                subscriptions:
                  - id: unset
                    webhook: { url: "https://hooks.example.org/unset", secret: "${env:NOT_SET_ANYWHERE}" }
                """);
        AlertApi api = api("t0ken");
        assertThat(api.subscriptions("POST", null, "Bearer t0ken", DESK).status()).isEqualTo(201);
        assertThat(subscriptions.current()).extracting(Subscription::id).containsExactly("desk");
        assertThat(subscriptions.problems()).extracting(org.dipwatch.config.ConfigProblem::key).containsExactly("subscriptions[0].webhook.secret");
        assertThat(Files.readString(file)).contains("unset").contains("desk");
    }

    @Test
    void deadLettersAreListedAndReplayedWithTheToken() {
        AlertApi api = api("t0ken");
        assertThat(api.dead("Bearer t0ken").status()).isEqualTo(200);
        assertThat(api.replay("12", null).status()).isEqualTo(401);
        assertThat(api.replay("12", "Bearer t0ken").status()).isEqualTo(404);
        assertThat(api.replay("x", "Bearer t0ken").status()).isEqualTo(400);
        assertThat(api.deliveries("desk", "Bearer t0ken").body().toString()).contains("deliveries=" + List.of());
    }
}
