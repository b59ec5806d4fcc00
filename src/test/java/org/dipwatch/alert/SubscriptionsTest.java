package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dipwatch.config.ConfigProblem;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubscriptionsTest {

    @TempDir
    Path dir;

    private Subscriptions subscriptions(String yaml) throws IOException {
        Path file = dir.resolve("subscriptions.yaml");
        Files.writeString(file, yaml);
        return new Subscriptions(file, Map.of("HOOK_SECRET", "whsec_c2VjcmV0")::get, false);
    }

    /** Russia speaking on Gaza, to Hamas: what the classifier says of seed 000. */
    static final Classification RUSSIA_ON_GAZA = new Classification(
            List.of(new ActorTag("RUS-MFA", "institution", "Russian Foreign Ministry", "RUS", null, null, 2, 0.9, List.of()),
                    new ActorTag("mousa-abu-marzook", "official", "Mousa Abu Marzook", "PSE",
                            new ActorTag.Ref("HAMAS", "Hamas"), null, 2, 0.6, List.of())),
            new Attribution(new ActorTag("mikhail-bogdanov", "official", "Mikhail Bogdanov", "RUS",
                    new ActorTag.Ref("RUS-MFA", "Russian Foreign Ministry"), null, 1, 0.8, List.of()), "RUS", "Bogdanov said"),
            List.of(), List.of(),
            List.of(new RegionTag("gaza-strip", "place", "Gaza Strip", "PSE", List.of("gaza-strip", "PSE"),
                    List.of(new RegionTag.Ref("WESTERN_ASIA", "Western Asia", "subregion"),
                            new RegionTag.Ref("MIDDLE_EAST", "Middle East", "region")), 3, 0.9, List.of())),
            "gaza-strip", "phone_call", "en");

    @Test
    void readsTheIssuesExampleWithTheSecretFromTheEnvironment() throws IOException {
        Subscriptions s = subscriptions("""
                subscriptions:
                  - id: russia-on-gaza
                    filter: { actors: [RUS], regions: [PSE] }
                    webhook: { url: "https://example.org/hook", secret: "${env:HOOK_SECRET}" }
                  - id: desk
                    filter: { speaker: [HAMAS, PSE], keywords: ["ceasefire", "truce"] }
                    email: { to: [desk@example.org] }
                """);
        assertThat(s.problems()).isEmpty();
        assertThat(s.current()).extracting(Subscription::id).containsExactly("russia-on-gaza", "desk");
        assertThat(s.current().get(0).webhook().secret()).isEqualTo("whsec_c2VjcmV0");
        assertThat(s.current().get(1).email().to()).containsExactly("desk@example.org");
    }

    @Test
    void filtersMatchActorsRegionsUpTheHierarchySpeakerKeywordsAndVerdicts() {
        Subscription.Filter russiaOnGaza = filter(Set.of("RUS"), Set.of(), Set.of("PSE"), List.of());
        assertThat(russiaOnGaza.why("new", "inbox", "text", RUSSIA_ON_GAZA)).isEqualTo(
                "actor RUS-MFA (RUS); region Gaza Strip (PSE)");
        assertThat(filter(Set.of(), Set.of(), Set.of("Middle East"), List.of()).why("new", "inbox", "t", RUSSIA_ON_GAZA)).isNotNull();
        assertThat(filter(Set.of(), Set.of(), Set.of("middle_east"), List.of()).why("new", "inbox", "t", RUSSIA_ON_GAZA)).isNotNull();
        assertThat(filter(Set.of(), Set.of(), Set.of("PRK"), List.of()).why("new", "inbox", "t", RUSSIA_ON_GAZA)).isNull();
        assertThat(filter(Set.of("HAMAS"), Set.of(), Set.of(), List.of()).why("new", "inbox", "t", RUSSIA_ON_GAZA))
                .isEqualTo("actor mousa-abu-marzook (PSE)");
        assertThat(filter(Set.of(), Set.of("RUS"), Set.of(), List.of()).why("new", "inbox", "t", RUSSIA_ON_GAZA)).isNotNull();
        assertThat(filter(Set.of(), Set.of("HAMAS"), Set.of(), List.of()).why("new", "inbox", "t", RUSSIA_ON_GAZA)).isNull();
        Subscription.Filter truce = filter(Set.of(), Set.of(), Set.of(), List.of("humanitarian truce"));
        assertThat(truce.why("new", "inbox", "Calls for a Humanitarian Truce grew.", RUSSIA_ON_GAZA)).isEqualTo("keyword \"humanitarian truce\"");
        assertThat(truce.why("new", "inbox", "No truces here.", RUSSIA_ON_GAZA)).isNull();
        Subscription.Filter everything = filter(Set.of(), Set.of(), Set.of(), List.of());
        assertThat(everything.why("new", "inbox", "t", RUSSIA_ON_GAZA)).isEqualTo("every new article");
        assertThat(everything.why("duplicate", "inbox", "t", RUSSIA_ON_GAZA)).isNull();
    }

    private static Subscription.Filter filter(Set<String> actors, Set<String> speaker, Set<String> regions, List<String> keywords) {
        return new Subscription.Filter(actors, speaker, regions, Set.of(), keywords, Set.of(), Set.of());
    }

    @Test
    void problemsNameTheSubscriptionAndTheField() throws IOException {
        Subscriptions s = subscriptions("""
                subscriptions:
                  - id: meta
                    webhook: { url: "http://169.254.169.254/latest/meta-data", secret: "x" }
                  - id: nowhere
                    filter: { actors: [RUS] }
                  - id: nosecret
                    webhook: { url: "https://example.org/hook", secret: "${env:MISSING_SECRET}" }
                  - id: badmail
                    email: { to: [not-an-address] }
                """);
        assertThat(texts(s.problems())).anySatisfy(p -> assertThat(p).contains("'meta'").contains("link-local").contains("dipwatch.webhook.allow-private"))
                .anySatisfy(p -> assertThat(p).contains("'nowhere'")
                        .contains("has no channel (webhook, email, slack, telegram, ntfy or camel): alerts would go nowhere"))
                .anySatisfy(p -> assertThat(p).contains("'nosecret'").contains("MISSING_SECRET"))
                .anySatisfy(p -> assertThat(p).contains("'badmail'").contains("email.to"));
        assertThat(s.current()).isEmpty();
    }

    @Test
    void chatChannelsAreReadWithTheirSecretsFromTheEnvironment() throws IOException {
        Path file = dir.resolve("subscriptions.yaml");
        Files.writeString(file, """
                subscriptions:
                  - id: everywhere
                    slack: { url: "${env:SLACK_WEBHOOK_URL}" }
                    telegram: { token: "${env:TELEGRAM_BOT_TOKEN}", chat: "-1001234567890" }
                    ntfy: { url: "https://ntfy.example.org/dipwatch-desk", token: "${env:NTFY_TOKEN}" }
                    camel: { uri: "seda:alerts" }
                  - id: public-channel
                    telegram: { token: "${env:TELEGRAM_BOT_TOKEN}", chat: "@dipwatch_desk" }
                    ntfy: { url: "https://ntfy.sh/dipwatch" }
                """);
        Subscriptions s = new Subscriptions(file, Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/secret",
                "TELEGRAM_BOT_TOKEN", "123456:ABC-bot-token", "NTFY_TOKEN", "tk_0123")::get, false);
        assertThat(texts(s.problems())).isEmpty();
        Subscription everywhere = s.current().get(0);
        assertThat(everywhere.channels()).containsExactly("slack", "telegram", "ntfy", "camel");
        assertThat(everywhere.slack()).isEqualTo(new Subscription.Slack("https://hooks.slack.com/services/T0/B0/secret"));
        assertThat(everywhere.telegram()).isEqualTo(new Subscription.Telegram("123456:ABC-bot-token", "-1001234567890"));
        assertThat(everywhere.ntfy()).isEqualTo(new Subscription.Ntfy("https://ntfy.example.org/dipwatch-desk", "tk_0123"));
        assertThat(everywhere.camel()).isEqualTo(new Subscription.Camel("seda:alerts"));
        Subscription publicChannel = s.current().get(1);
        assertThat(publicChannel.channels()).containsExactly("telegram", "ntfy");
        assertThat(publicChannel.telegram().chat()).isEqualTo("@dipwatch_desk");
        assertThat(publicChannel.ntfy().token()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            slack: { url: "https://hooks.slack.com/services/T0/B0/secret" }                  | slack.url | slack.url is a secret and comes from the environment only, not the file: write url: "${env:SLACK_WEBHOOK_URL}" and set SLACK_WEBHOOK_URL
            slack: { }                                                                          | slack     | slack.url is missing (set it from the environment: url: "${env:SLACK_WEBHOOK_URL}")
            slack: { url: "${env:NOT_SET}" }                                                    | slack.url | slack.url: the environment variable NOT_SET is not set
            slack: { url: "${env:NOT_A_URL}" }                                                  | slack.url | slack.url must be an http(s) URL, not (from the environment)
            telegram: { token: "123456:ABC", chat: "-100123" }                                  | telegram.token | telegram.token is a secret and comes from the environment only, not the file: write token: "${env:TELEGRAM_BOT_TOKEN}" and set TELEGRAM_BOT_TOKEN
            telegram: { token: "${env:TELEGRAM_BOT_TOKEN}" }                                     | telegram | telegram.chat must be a chat id like -1001234567890 or a public channel's @name, not ''
            telegram: { token: "${env:TELEGRAM_BOT_TOKEN}", chat: "desk chat" }                  | telegram.chat | telegram.chat must be a chat id like -1001234567890 or a public channel's @name, not 'desk chat'
            ntfy: { url: "ntfy.sh/desk" }                                                        | ntfy.url | ntfy.url must be an http(s) URL, not 'ntfy.sh/desk'
            ntfy: { url: "https://ntfy.sh/" }                                                    | ntfy.url | ntfy.url must be a topic's URL, the server and one topic name of letters, digits, - and _ (https://ntfy.sh/dipwatch-desk), not 'https://ntfy.sh/'
            ntfy: { url: "https://ntfy.sh/desk", token: "tk_written_out" }                       | ntfy.token | ntfy.token is a secret and comes from the environment only, not the file: write token: "${env:NTFY_TOKEN}" and set NTFY_TOKEN
            camel: { uri: "no scheme here" }                                                     | camel.uri | camel.uri must be a Camel endpoint URI, the component's name, a colon and the rest (kafka:alerts?brokers=localhost:9092, seda:alerts, file:/var/dipwatch/alerts), not 'no scheme here'
            slak: { url: "${env:SLACK_WEBHOOK_URL}" }                                            | slak | 'slak' is not a key of a subscription; did you mean 'slack'?
            """)
    void aChatChannelWithAProblemIsNamedWithItsKeyAndWhatToDo(String channel, String key, String problem) throws IOException {
        Path file = dir.resolve("subscriptions.yaml");
        Files.writeString(file, """
                subscriptions:
                  - id: desk
                    %s
                """.formatted(channel.strip()));
        Subscriptions s = new Subscriptions(file, Map.of("TELEGRAM_BOT_TOKEN", "123456:ABC", "NOT_A_URL", "hooks.slack.com/x")::get,
                false);
        assertThat(s.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.key()).isEqualTo("subscriptions[0]." + key);
            assertThat(p.message()).isEqualTo("subscription 'desk': " + problem);
        });
        assertThat(s.current()).isEmpty();
    }

    private static List<String> texts(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::text).toList();
    }

    @Test
    void quietHoursHoldAlertsUntilTheyEndAndDigestsWaitForTheirCron() throws IOException {
        Subscriptions s = subscriptions("""
                subscriptions:
                  - id: night
                    filter: {}
                    webhook: { url: "https://example.org/hook", secret: "s" }
                    quiet: { from: "22:00", to: "07:00", zone: "Europe/Moscow" }
                  - id: digest
                    email: { to: [a@example.org] }
                    mode: digest
                    digest: { cron: "0 0 8,18 * * ?", zone: "UTC" }
                """);
        assertThat(s.problems()).isEmpty();
        Subscription night = s.current().get(0);
        java.time.Instant lateEvening = java.time.Instant.parse("2024-03-01T20:30:00Z"); // 23:30 in Moscow
        assertThat(night.notBefore("webhook", lateEvening)).isEqualTo(java.time.Instant.parse("2024-03-02T04:00:00Z"));
        java.time.Instant noon = java.time.Instant.parse("2024-03-01T09:00:00Z");
        assertThat(night.notBefore("webhook", noon)).isEqualTo(noon);
        Subscription digest = s.current().get(1);
        assertThat(digest.notBefore("email", noon)).isEqualTo(java.time.Instant.parse("2024-03-01T18:00:00Z"));
    }

    @Test
    void aBadCronOrZoneIsNamed() throws IOException {
        Subscriptions s = subscriptions("""
                subscriptions:
                  - id: d
                    email: { to: [a@example.org] }
                    mode: digest
                    digest: { cron: "every morning", zone: "Mars/Olympus" }
                """);
        assertThat(texts(s.problems())).anySatisfy(p -> assertThat(p).contains("'d'").contains("digest.cron"))
                .anySatisfy(p -> assertThat(p).contains("Mars/Olympus"));
    }

    @Test
    void aFileThatIsNotYamlKeepsTheSubscriptionsReadBefore() throws IOException, InterruptedException {
        Subscriptions s = subscriptions("""
                subscriptions:
                  - id: a
                    email: { to: [a@example.org] }
                """);
        assertThat(s.current()).hasSize(1);
        Path file = dir.resolve("subscriptions.yaml");
        Files.writeString(file, "subscriptions: [ {id: broken\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
        assertThat(s.current()).extracting(Subscription::id).containsExactly("a");
        assertThat(s.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid YAML");
            assertThat(p.file()).isEqualTo(file.toString());
            assertThat(p.line()).isEqualTo(1);
        });
    }

    @Test
    void aSubscriptionWhoseSecretIsNotSetIsSkippedAndTheOthersLoad() throws IOException {
        Subscriptions s = subscriptions("""
                subscriptions:
                  - id: broken
                    filter: { actors: [RUS] }
                    webhook: { url: "https://example.org/broken", secret: "${env:NO_SUCH_SECRET}" }
                  - id: good
                    filter: { actors: [RUS] }
                    webhook: { url: "https://example.org/good", secret: "${env:HOOK_SECRET}" }
                """);
        assertThat(s.current()).extracting(Subscription::id).containsExactly("good");
        assertThat(s.problems()).containsExactly(new ConfigProblem(dir.resolve("subscriptions.yaml").toString(), 4,
                "subscriptions[0].webhook.secret", "subscription 'broken': webhook.secret: the environment variable NO_SUCH_SECRET is not set"));
    }

    @Test
    void aMistypedKeyIsRejectedWithTheNearestKnownOne() throws IOException {
        Subscriptions s = subscriptions("""
                subscriptions:
                  - id: typo
                    filter: { actor: [RUS] }
                    email: { to: [desk@example.org] }
                """);
        assertThat(s.current()).isEmpty();
        assertThat(s.problems()).containsExactly(new ConfigProblem(dir.resolve("subscriptions.yaml").toString(), 3,
                "subscriptions[0].filter.actor", "subscription 'typo': 'actor' is not a key of filter; did you mean 'actors'?"));
    }

    @Test
    void everyUnknownKeyOfEveryLevelIsNamedInOneRead() throws IOException {
        Subscriptions s = subscriptions("""
                subscriptions:
                  - id: many
                    filters: { actors: [RUS] }
                    email: { to: [desk@example.org], cc: [boss@example.org] }
                    quite: { from: "22:00", to: "07:00" }
                extra: 1
                """);
        assertThat(texts(s.problems())).containsExactly(
                s.file() + ":6: extra: 'extra' is not a key of the file; the keys are subscriptions",
                s.file() + ":3: subscriptions[0].filters: subscription 'many': 'filters' is not a key of a subscription; did you mean 'filter'?",
                s.file() + ":4: subscriptions[0].email.cc: subscription 'many': 'cc' is not a key of email; the keys are to",
                s.file() + ":5: subscriptions[0].quite: subscription 'many': 'quite' is not a key of a subscription; did you mean 'quiet'?");
    }

    @Test
    void aValueOfTheWrongShapeAndAKeyGivenTwiceAreNamed() throws IOException {
        Subscriptions s = subscriptions("""
                subscriptions:
                  - id: shape
                    filter: [RUS]
                    email: { to: [desk@example.org] }
                  - id: twice
                    filter: { actors: [RUS] }
                    filter: { regions: [PSE] }
                    email: { to: [desk@example.org] }
                """);
        assertThat(texts(s.problems())).containsExactly(
                s.file() + ":3: subscriptions[0].filter: subscription 'shape': 'filter' must be a mapping of keys (like { actors: …, speaker: … })",
                s.file() + ":7: subscriptions[1].filter: subscription 'twice': 'filter' is given twice; only the last one would count");
    }

    @Test
    void modeVerdictsAndLanguageMustBeAmongTheirValues() throws IOException {
        Subscriptions s = subscriptions("""
                subscriptions:
                  - id: enums
                    filter: { verdicts: [new, same-story], language: [en, eng] }
                    email: { to: [desk@example.org] }
                    mode: digset
                """);
        assertThat(texts(s.problems())).containsExactly(
                s.file() + ":5: subscriptions[0].mode: subscription 'enums': mode must be immediate or digest, not 'digset'; did you mean 'digest'?",
                s.file() + ":3: subscriptions[0].filter.verdicts[1]: subscription 'enums': 'same-story' is not a verdict "
                        + "(new, duplicate, near_duplicate, same_story); did you mean 'same_story'?",
                s.file() + ":3: subscriptions[0].filter.language[1]: subscription 'enums': 'eng' is not an ISO 639-1 language code "
                        + "(en, ru, ar, …); did you mean 'en', 'an' or 'bn'?");
    }

    @Test
    void anUnknownActorOrRegionIsRejectedWithTheNearestIds() throws IOException {
        Path file = dir.resolve("subscriptions.yaml");
        Files.writeString(file, """
                subscriptions:
                  - id: typos
                    filter:
                      actors: [RUSS, Russia, sergey-lavrow]
                      speaker: HAMAS
                      regions: [gaza-strip, Midle East, WESTERN_ASIA]
                    email: { to: [desk@example.org] }
                  - id: fine
                    filter: { actors: [rus-mfa, sergey-lavrov], speaker: [hamas], regions: [PSE, middle east, Western Asia] }
                    email: { to: [desk@example.org] }
                """);
        Subscriptions s = new Subscriptions(file, Map.<String, String>of()::get, false, DICTIONARY_TERMS);
        assertThat(s.current()).extracting(Subscription::id).containsExactly("fine");
        assertThat(texts(s.problems())).containsExactly(
                file + ":4: subscriptions[0].filter.actors[0]: subscription 'typos': 'RUSS' is not an actor id in the dictionaries; "
                        + "did you mean 'RUS', 'RSF' or 'AUS'?",
                file + ":4: subscriptions[0].filter.actors[1]: subscription 'typos': 'Russia' is not an actor id in the dictionaries; "
                        + "it is the name of RUS: a filter names the id",
                file + ":4: subscriptions[0].filter.actors[2]: subscription 'typos': 'sergey-lavrow' is not an actor id in the dictionaries; "
                        + "did you mean 'sergey-lavrov'?",
                file + ":6: subscriptions[0].filter.regions[1]: subscription 'typos': 'Midle East' is not a country, place or region "
                        + "in the dictionaries (by id or name); did you mean 'Middle East' or 'MIDDLE_EAST'?");
    }

    /** What the packaged dictionaries let a filter name. */
    private static final FilterVocabulary DICTIONARY_TERMS = terms();

    private static FilterVocabulary terms() {
        org.dipwatch.classify.Dictionaries d = org.dipwatch.classify.Dictionaries.load(null);
        return new FilterVocabulary(d.actorIds(), d.actorNames(), d.regionTerms());
    }

    @Test
    void onReloadABrokenEditKeepsThatSubscriptionAsItWasAndTheOthersTakeTheirChanges() throws IOException {
        Subscriptions s = subscriptions("""
                subscriptions:
                  - id: a
                    filter: { actors: [RUS] }
                    email: { to: [a@example.org] }
                  - id: b
                    email: { to: [b@example.org] }
                """);
        assertThat(s.current()).extracting(Subscription::id).containsExactly("a", "b");
        Path file = dir.resolve("subscriptions.yaml");
        Files.writeString(file, """
                subscriptions:
                  - id: a
                    filter: { actor: [UKR] }
                    email: { to: [a@example.org] }
                  - id: b
                    email: { to: [b2@example.org] }
                  - id: c
                    mode: sometimes
                    email: { to: [c@example.org] }
                  - id: d
                    email: { to: [d@example.org] }
                """);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
        assertThat(s.current()).extracting(Subscription::id).containsExactly("a", "b", "d");
        assertThat(s.current().get(0).filter().actors()).containsExactly("rus");
        assertThat(s.current().get(1).email().to()).containsExactly("b2@example.org");
        assertThat(s.problems()).extracting(ConfigProblem::key).containsExactly("subscriptions[0].filter.actor", "subscriptions[2].mode");
        // fixed: the problems go, the edit takes
        Files.writeString(file, """
                subscriptions:
                  - id: a
                    filter: { actors: [UKR] }
                    email: { to: [a@example.org] }
                """);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 4000));
        assertThat(s.current()).extracting(Subscription::id).containsExactly("a");
        assertThat(s.current().get(0).filter().actors()).containsExactly("ukr");
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void aSingleValueMayStandForAListAndScalarsAreText() throws IOException {
        Subscriptions s = subscriptions("""
                subscriptions:
                  - id: 42
                    filter: { actors: RUS, keywords: truce }
                    email: { to: desk@example.org }
                    sourceHealth: true
                """);
        assertThat(s.problems()).isEmpty();
        Subscription only = s.current().get(0);
        assertThat(only.id()).isEqualTo("42");
        assertThat(only.filter().actors()).containsExactly("rus");
        assertThat(only.filter().keywords()).containsExactly("truce");
        assertThat(only.email().to()).containsExactly("desk@example.org");
        assertThat(only.sourceHealth()).isTrue();
    }
}
