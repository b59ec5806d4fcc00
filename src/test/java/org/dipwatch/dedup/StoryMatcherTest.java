package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dipwatch.TestHome;
import org.dipwatch.model.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The story matcher on its own, in memory (no index): what it says of an article against the
 * articles it was given before, the verdict, the article or story it names, and the neighbours
 * `similar` prints. The pipeline-level behaviour of the same cases is in {@link SeedStoriesTest}.
 */
class StoryMatcherTest {

    private final PairJudge judge = new PairJudge();

    /** A matcher that has seen the originals up to, not including, {@code upTo}; returns it with their stories. */
    private StoryMatcher seen(int upTo, String[] stories) throws Exception {
        StoryMatcher matcher = new StoryMatcher(new MemoryStoryStore(), judge.thresholds);
        for (int i = 0; i < upTo; i++) {
            String file = TestHome.ORIGINALS.get(i);
            stories[i] = judge.store(matcher, i, file, TestHome.original(file));
        }
        return matcher;
    }

    @Test
    void aSecondOutletsReportOfOneCallJoinsTheStoryOfTheFirst() throws Exception {
        String[] stories = new String[5];
        StoryMatcher matcher = seen(4, stories);
        Path report = TestHome.original(TestHome.ORIGINALS.get(4));
        StoryMatcher.Judgement j = matcher.judge(judge.article(report), judge.who(report), "seeds", Long.MAX_VALUE);
        assertThat(j.verdict()).isEqualTo(Verdict.SAME_STORY);
        assertThat(j.story()).isEqualTo(stories[0]);
        assertThat(j.of()).as("a story names its lead").isEqualTo(TestHome.ORIGINALS.get(0));
        assertThat(j.nearestFirst()).first().satisfies(n -> {
            assertThat(n.file()).isEqualTo(TestHome.ORIGINALS.get(0));
            assertThat(n.level()).isEqualTo(Verdict.SAME_STORY);
        });
    }

    @Test
    void theFirstReportsOfDifferentEventsEachStartAStory() throws Exception {
        String[] stories = new String[5];
        seen(4, stories);
        assertThat(stories).startsWith(StoryMatcher.newStoryId(TestHome.ORIGINALS.get(0).substring(4, 20)));
        assertThat(java.util.Arrays.asList(stories).subList(0, 4)).doesNotHaveDuplicates();
    }

    @Test
    void anEditedCopyIsANearDuplicateOfItsOriginalInItsStory() throws Exception {
        String[] stories = new String[5];
        StoryMatcher matcher = seen(5, stories);
        Path copy = Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-001.txt");
        StoryMatcher.Judgement j = matcher.judge(judge.article(copy), judge.who(copy), "cli", Long.MAX_VALUE);
        assertThat(j.verdict()).isEqualTo(Verdict.NEAR_DUPLICATE);
        assertThat(j.of()).isEqualTo(TestHome.ORIGINALS.get(1));
        assertThat(j.story()).isEqualTo(stories[1]);
        assertThat(j.similarity()).isGreaterThan(0.5);
    }

    @Test
    void aJudgementOnlySeesTheArticlesNumberedBeforeTheGivenOne() throws Exception {
        String[] stories = new String[5];
        StoryMatcher matcher = seen(5, stories);
        Path report = TestHome.original(TestHome.ORIGINALS.get(4));
        // as reindex judges 000 again: nothing came before it
        Path lead = TestHome.original(TestHome.ORIGINALS.get(0));
        assertThat(matcher.judge(judge.article(lead), judge.who(lead), "seeds", 0).verdict()).isEqualTo(Verdict.NEW);
        assertThat(matcher.judge(judge.article(report), judge.who(report), "seeds", 4).story()).isEqualTo(stories[0]);
    }

    @Test
    void anOutletIsTheHostOfItsUrlElseItsSource() {
        assertThat(StoryMatcher.outlet("https://www.reuters.com/world/x", "feed-1")).isEqualTo("reuters.com");
        assertThat(StoryMatcher.outlet(null, "inbox")).isEqualTo("inbox");
    }

    @Test
    void aClosedStorysReportsAreReadFromTheStoreAsTheMemoryHeldThem() throws Exception {
        MemoryStoryStore store = new MemoryStoryStore();
        StoryMatcher open = new StoryMatcher(store, judge.thresholds);
        String[] stories = new String[5];
        for (int i = 0; i < 5; i++) {
            String file = TestHome.ORIGINALS.get(i);
            stories[i] = judge.store(open, i, file, TestHome.original(file));
        }
        judge.store(open, 5, "005_0123456789abcdef.txt", Path.of("src/test/resources/dedup/seeds-rewritten/rewritten-001.txt"));
        StoryMatcher.Reports inMemory = open.reports(stories[0], 5);
        assertThat(inMemory.total()).as("seeds 000 and 004 report one call").isEqualTo(2);

        // the same rows with a look-back of one article: the call's story (last report 4) is closed, and
        // the memory keeps none of its reports
        StoryMatcher.Thresholds t = judge.thresholds;
        StoryMatcher closed = new StoryMatcher(store, new StoryMatcher.Thresholds(t.nearThreshold(), t.nearContainment(),
                t.windowDays(), t.storyThreshold(), t.undatedThreshold(), t.languagesThreshold(), t.boilerplateMin(),
                t.maxCandidates(), t.leadShare(), 1));
        StoryMatcher.Reports fromStore = closed.reports(stories[0], 5);
        assertThat(fromStore.total()).isEqualTo(2);
        assertThat(fromStore.shown()).extracting(StoryStore.Stored::file)
                .containsExactlyElementsOf(inMemory.shown().stream().map(StoryStore.Stored::file).toList())
                .containsExactly(TestHome.ORIGINALS.get(0), TestHome.ORIGINALS.get(4));
        assertThat(fromStore.shown()).extracting(StoryStore.Stored::title)
                .containsExactlyElementsOf(inMemory.shown().stream().map(StoryStore.Stored::title).toList());
        assertThat(closed.reports("st-unknown", 5).total()).isZero();
    }
}
