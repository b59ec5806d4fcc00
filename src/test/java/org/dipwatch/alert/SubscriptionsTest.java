package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(s.problems()).anySatisfy(p -> assertThat(p).contains("'meta'").contains("link-local").contains("dipwatch.webhook.allow-private"))
                .anySatisfy(p -> assertThat(p).contains("'nowhere'").contains("neither a webhook nor an email"))
                .anySatisfy(p -> assertThat(p).contains("'nosecret'").contains("MISSING_SECRET"))
                .anySatisfy(p -> assertThat(p).contains("'badmail'").contains("email.to"));
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
        assertThat(s.problems()).anySatisfy(p -> assertThat(p).contains("'d'").contains("digest.cron"))
                .anySatisfy(p -> assertThat(p).contains("Mars/Olympus"));
    }

    @Test
    void aBrokenEditKeepsTheSubscriptionsReadBefore() throws IOException, InterruptedException {
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
        assertThat(s.problems()).singleElement().asString().contains("not valid YAML");
    }
}
