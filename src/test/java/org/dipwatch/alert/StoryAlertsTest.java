package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.dipwatch.model.Verdict;
import org.dipwatch.observe.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts by dedup verdict: the first report of a story alerts every matching subscription; a
 * later report ({@code same_story}) only those that list it, naming the earlier reports ("also
 * reported by"); a near-duplicate nobody by default. Asserted on what the outbox will deliver.
 */
class StoryAlertsTest {

    @TempDir
    Path home;

    @Test
    void firstReportsAlertEveryoneFollowUpsOnlyThoseWhoAskNearDuplicatesNobody() throws Exception {
        Files.createDirectories(home.resolve("seeds"));
        for (String name : TestHome.ORIGINALS.subList(0, 4)) {
            Files.copy(TestHome.original(name), home.resolve("seeds").resolve(name));
        }
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: firsts
                    filter: { actors: [HAMAS] }
                    webhook: { url: "https://hooks.example.org/firsts", secret: "s1" }
                  - id: follow-ups
                    filter: { actors: [HAMAS], verdicts: [new, same_story] }
                    email: { to: [desk@example.org] }
                  - id: morning-digest
                    filter: { actors: [HAMAS] }
                    email: { to: [editor@example.org] }
                    mode: digest
                    digest: { cron: "0 0 8 * * ?", zone: "Europe/Berlin" }
                """);
        Settings settings = Settings.of(home, Map.of());
        try (Pipeline p = Pipeline.open(settings, new Metrics(new SimpleMeterRegistry()))) {
            Outbox outbox = p.stages().outbox();
            // 004 reports the call of 000: a later report of its story
            var second = p.ingestFile(TestHome.original("004_c77918350a6e0771.txt"), "cli");
            assertThat(second.verdict()).isEqualTo(Verdict.SAME_STORY);
            assertThat(outbox.ofSubscription("firsts", 10)).isEmpty();
            List<Outbox.Row> followUps = outbox.ofSubscription("follow-ups", 10);
            assertThat(followUps).hasSize(1);
            AlertContent c = followUps.get(0).content();
            assertThat(c.verdict()).isEqualTo("same_story");
            assertThat(c.story()).isEqualTo("st-fbfa5f4836e611d7");
            assertThat(c.alsoReportedBy()).containsExactly("seeds: untitled (000_fbfa5f4836e611d7.txt)");
            AlertMail.Mail mail = AlertMail.compose(c);
            assertThat(mail.text()).contains("Also reported by:\n  - seeds: ").contains("(000_fbfa5f4836e611d7.txt)");
            assertThat(mail.html()).contains("<strong>Also reported by:</strong>");
            // the digest that did not ask for follow-ups names it in its story, as a mention only
            assertThat(outbox.ofSubscription("morning-digest", 10)).singleElement().satisfies(r -> {
                assertThat(r.content().mentionOnly()).isTrue();
                // both reports, each named once: the earlier one as the follow-up names it, then this one
                assertThat(AlertMail.composeDigest("morning-digest", List.of(r.content())).text())
                        .contains("Story st-fbfa5f4836e611d7, alerted before:\nAlso reported by: seeds: untitled "
                                + "(000_fbfa5f4836e611d7.txt); cli: untitled (" + second.article() + ")\n");
            });

            // a syndicated copy of 001: recorded, alerts nobody
            var copy = p.ingestFile(Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-001.txt").toAbsolutePath(), "cli");
            assertThat(copy.verdict()).isEqualTo(Verdict.NEAR_DUPLICATE);
            assertThat(outbox.ofSubscription("firsts", 10)).isEmpty();
            assertThat(outbox.ofSubscription("follow-ups", 10)).hasSize(1);

            // a new story about Hamas reaches both, with its own story id and no earlier reports
            Path fresh = Files.writeString(home.resolve("hamas-cairo.txt"), """
                     date 2026-11-20 Hamas delegation arrives in Cairo for truce talks

                    A Hamas delegation led by Khalil al-Hayya arrived in Cairo on Friday for talks with Egyptian mediators on a new truce, the movement said in a statement.
                    """);
            var first = p.ingestFile(fresh, "cli");
            assertThat(first.verdict()).isEqualTo(Verdict.NEW);
            assertThat(outbox.ofSubscription("firsts", 10)).singleElement()
                    .satisfies(r -> assertThat(r.content().story()).isEqualTo(first.story()))
                    .satisfies(r -> assertThat(r.content().alsoReportedBy()).isEmpty());
            assertThat(outbox.ofSubscription("follow-ups", 10)).hasSize(2);
        }
    }
}
