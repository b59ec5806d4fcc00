package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.TestHome;
import org.dipwatch.dedup.StoryStore.Stored;
import org.dipwatch.model.IngestResult;
import org.dipwatch.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The five originals as stories (issue #6, acceptance 1): 000 and 004 report one phone call
 * (Bogdanov and Abu Marzook, 12 May 2021) and form one story; 000/001 (the same two men, two
 * years apart), 002/003 (Russia on Gaza, weeks apart) and every other pair are different
 * stories; each original with its first paragraph rewritten and a new title is a near-duplicate
 * of itself.
 */
class SeedStoriesTest {

    @TempDir
    Path home;

    private Map<String, String> storiesOf(Pipeline p) {
        Map<String, String> out = new HashMap<>();
        for (String name : TestHome.ORIGINALS) {
            List<Stored> any = p.stages().stories().store().bySeq(new long[] {Long.parseLong(name.substring(0, 3))});
            out.put(name.substring(0, 3), any.get(0).story());
        }
        return out;
    }

    @Test
    void originalsFormFourStoriesWith000And004Together() {
        TestHome.create(home);
        try (Pipeline p = StoryHomes.open(home)) {
            Map<String, String> story = storiesOf(p);
            assertThat(story.get("004")).isEqualTo(story.get("000")).isEqualTo("st-fbfa5f4836e611d7");
            assertThat(List.of(story.get("000"), story.get("001"), story.get("002"), story.get("003"))).doesNotHaveDuplicates();
        }
    }

    @Test
    void callOf2023IsNotTheCallOf2021EvenWhenItArrivesLast() throws Exception {
        Files.createDirectories(home.resolve("seeds"));
        for (String name : TestHome.ORIGINALS) {
            if (!name.startsWith("001")) {
                Files.copy(TestHome.original(name), home.resolve("seeds").resolve(name));
            }
        }
        try (Pipeline p = StoryHomes.open(home)) {
            IngestResult r = p.ingestFile(TestHome.original("001_fc3e960cfd31978e.txt"), "cli");
            assertThat(r.verdict()).isEqualTo(Verdict.NEW);
            assertThat(r.story()).isEqualTo(StoryMatcher.newStoryId(r.article().substring(4, 20)));
        }
    }

    @Test
    void report004JoinsTheStoryOf000WhenItArrives() throws Exception {
        Files.createDirectories(home.resolve("seeds"));
        for (String name : TestHome.ORIGINALS.subList(0, 4)) {
            Files.copy(TestHome.original(name), home.resolve("seeds").resolve(name));
        }
        try (Pipeline p = StoryHomes.open(home)) {
            IngestResult r = p.ingestFile(TestHome.original("004_c77918350a6e0771.txt"), "cli");
            assertThat(r.verdict()).isEqualTo(Verdict.SAME_STORY);
            assertThat(r.story()).isEqualTo("st-fbfa5f4836e611d7");
            assertThat(home.resolve("seeds").resolve(r.article())).exists();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"000", "001", "002", "003", "004"})
    void originalWithNewTitleAndRewrittenFirstParagraphIsNearDuplicate(String seq) throws Exception {
        TestHome.create(home);
        Path edited = Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-" + seq + ".txt").toAbsolutePath();
        try (Pipeline p = StoryHomes.open(home)) {
            IngestResult r = p.ingestFile(edited, "cli");
            String original = TestHome.ORIGINALS.stream().filter(n -> n.startsWith(seq)).findFirst().orElseThrow();
            assertThat(r.verdict()).as("verdict of %s", edited.getFileName()).isEqualTo(Verdict.NEAR_DUPLICATE);
            assertThat(r.duplicateOf()).isEqualTo(original);
            assertThat(r.similarity()).isGreaterThanOrEqualTo(0.5);
            // recorded in the index, not written to seeds/
            assertThat(TestHome.list(home.resolve("seeds"))).hasSize(5);
            assertThat(p.stages().corpus().index().arrivals()).anySatisfy(a -> {
                assertThat(a.verdict()).isEqualTo(Verdict.NEAR_DUPLICATE);
                assertThat(a.articleFile()).isEqualTo(original);
                assertThat(a.similarity()).isEqualTo(r.similarity());
            });
        }
    }

    @Test
    void oneMinistersStatementsOnConsecutiveDaysAboutOtherThingsAreDifferentStories() throws Exception {
        TestHome.create(home);
        Path gaza = Files.writeString(home.resolve("gaza.txt"), """
                 date 2024-04-02 Lavrov urges lasting truce in Gaza

                Russian Foreign Minister Sergey Lavrov said in Moscow that a lasting truce in the Gaza Strip was urgent, after a telephone conversation with Palestinian President Mahmoud Abbas.

                Lavrov said humanitarian convoys had to reach Rafah without delay and that the hostages should be released.
                """);
        Path libya = Files.writeString(home.resolve("libya.txt"), """
                 date 2024-04-03 Lavrov receives Libyan delegation

                Russian Foreign Minister Sergey Lavrov received a delegation of the Libyan Presidential Council in Moscow and discussed preparations for national elections.

                The sides talked about oil exports, the reopening of the Russian embassy in Tripoli and the withdrawal of foreign mercenaries, the ministry said.
                """);
        try (Pipeline p = StoryHomes.open(home)) {
            IngestResult first = p.ingestFile(gaza, "cli");
            IngestResult second = p.ingestFile(libya, "cli");
            assertThat(first.verdict()).isEqualTo(Verdict.NEW);
            assertThat(second.verdict()).isEqualTo(Verdict.NEW);
            assertThat(second.story()).isNotEqualTo(first.story());
        }
    }

    @Test
    void nearDuplicatesGoToSeedsWhenTheSettingSaysSo() {
        TestHome.create(home);
        Path edited = Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-003.txt").toAbsolutePath();
        try (Pipeline p = StoryHomes.open(home, Map.of("dipwatch.dedup.store-near-duplicates", "true"))) {
            IngestResult r = p.ingestFile(edited, "cli");
            assertThat(r.verdict()).isEqualTo(Verdict.NEAR_DUPLICATE);
            assertThat(r.duplicateOf()).isEqualTo("003_6c860c4a14f93851.txt");
            assertThat(r.article()).startsWith("005_");
            assertThat(r.story()).isEqualTo("st-6c860c4a14f93851");
            assertThat(home.resolve("seeds").resolve(r.article())).exists();
            // the stored copy is a candidate like any article: a second copy names the original or the copy
            IngestResult again = p.ingestFile(Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-003.txt").toAbsolutePath(),
                    "cli");
            assertThat(again.verdict()).isEqualTo(Verdict.DUPLICATE);
        }
    }
}
