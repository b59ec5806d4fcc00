package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dipwatch.model.Article;
import org.dipwatch.model.Verdict;
import org.dipwatch.normalize.Normalizer;
import org.dipwatch.normalize.SeedText;
import org.junit.jupiter.api.Test;

/**
 * The story memory as the judgement uses it: which stories become candidates, and how a story is
 * judged as a whole (its lead and its latest reports).
 */
class StoryIndexTest {

    private final PairJudge judge = new PairJudge();
    private final StoryMatcher matcher = new StoryMatcher(new MemoryStoryStore(), judge.thresholds);
    private long seq;

    private static Article article(String seedText) {
        return Normalizer.normalize(SeedText.parse(seedText));
    }

    /** Judges an article and stores it in the story its judgement names, or in {@code story} when given. */
    private StoryMatcher.Judgement store(String name, String seedText, String story) {
        Article a = article(seedText);
        StoryMatcher.Judgement j = judge(seedText);
        matcher.added(seq++, name, story != null ? story : StoryMatcher.storyOf(String.format("%016x", seq), j), a, j);
        return j;
    }

    private StoryMatcher.Judgement judge(String seedText) {
        Article a = article(seedText);
        return matcher.judge(a, Who.of(judge.classifier.classify(a, false)), "example.org", Long.MAX_VALUE);
    }

    private static final String GENEVA_TALKS = """
             date 2026-03-10 U.S. and Chinese negotiators end Geneva round on export controls

            GENEVA - Negotiators of the United States and China ended two days of talks on export controls in Geneva on \
            Tuesday, agreeing to meet again on March 30.

            Hamid Karimi, who led the U.S. technical team, said 13,000 licence applications were waiting for a decision.

            China's Foreign Ministry said the talks had been "candid and constructive".
            """;

    private static final String GENEVA_TALKS_AGAIN = """
             date 2026-03-10 Geneva talks on chip export controls close, next round March 30

            The United States and China closed their Geneva round on export controls on Tuesday and will meet again on \
            March 30, the head of the U.S. technical team, Hamid Karimi, told reporters.

            Some 13,000 licence applications are pending, Karimi said. Beijing called the talks candid and constructive.
            """;

    private static final String TARIFF_STATEMENT = """
             date 2026-03-10 China warns of countermeasures over new U.S. tariffs on steel

            BEIJING - China's Commerce Ministry said on Tuesday it would take countermeasures against new U.S. tariffs on \
            steel and aluminium announced by Washington on Monday, the third such step this year.

            The ministry said the tariffs on 120 product lines violated trade rules.
            """;

    @Test
    void theTopStoriesAreTheEligibleOnesOfMostWeightLaterFirstOnTies() {
        java.util.Random random = new java.util.Random(5);
        StoryIndex.TopStories top = new StoryIndex.TopStories();
        StoryIndex.Tally tally = new StoryIndex.Tally();
        for (int round = 0; round < 500; round++) {
            int stories = 1 + random.nextInt(3000);
            tally.reset(stories);
            for (int i = random.nextInt(stories * 2); i > 0; i--) {
                tally.add(random.nextInt(stories), random.nextInt(4) == 0 ? 0 : random.nextInt(20) / 4.0); // many ties
            }
            java.util.Set<Integer> closed = new java.util.HashSet<>();
            for (int i = 0; i < tally.size; i++) {
                if (random.nextInt(3) == 0) {
                    closed.add(tally.touched[i]);
                }
            }
            int k = random.nextInt(40);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < tally.size; i++) {
                if (!closed.contains(tally.touched[i])) {
                    expected.add(tally.touched[i]);
                }
            }
            expected.sort((a, b) -> {
                int c = Double.compare(tally.weight[b], tally.weight[a]);
                return c != 0 ? c : Integer.compare(b, a);
            });
            List<Integer> chosen = top.select(tally, k, no -> !closed.contains(no), no -> new StoryIndex.Story(no, "st-" + no))
                    .stream().map(s -> s.no).toList();
            assertThat(chosen).as("round %d, k %d", round, k).isEqualTo(expected.subList(0, Math.min(k, expected.size())));
        }
    }

    @Test
    void aReportOfTheLeadsEventJoinsThoughTheStorysLatestReportIsAboutSomethingElse() {
        StoryMatcher.Judgement lead = store("lead.txt", GENEVA_TALKS, null);
        String story = StoryMatcher.storyOf(String.format("%016x", 1L), lead);
        // a statement on tariffs that found its way into the story (a wrong join earlier in the day)
        store("stray.txt", TARIFF_STATEMENT, story);
        StoryMatcher.Judgement j = judge(GENEVA_TALKS_AGAIN);
        assertThat(j.verdict()).as("%s", j.nearest().stream().map(StoryMatcher.Neighbour::why).toList()).isEqualTo(Verdict.SAME_STORY);
        assertThat(j.story()).isEqualTo(story);
        assertThat(j.of()).isEqualTo("lead.txt");
    }

    @Test
    void aStoryIsACandidateThroughTheNumbersAndNamesItsReportsState() {
        store("talks.txt", """
                 date 2026-03-10 Negotiators end Geneva round

                Delegations met for nine hours on Tuesday.

                Hamid Karimi said 13,000 licence applications were waiting and that the sides would meet on March 30.
                """, null);
        // no word of the report's headline or first paragraph, only its facts
        StoryMatcher.Judgement j = judge("""
                 date 2026-03-10 Envoy sees backlog of chip permits

                Washington's envoy spoke to reporters on Wednesday morning.

                Hamid Karimi put the backlog at 13,000 applications ahead of the March 30 meeting.
                """);
        assertThat(j.nearest()).extracting(StoryMatcher.Neighbour::file).contains("talks.txt");
    }

    @Test
    void aStoryInAnotherLanguageIsStillACandidateAfterARestart() {
        // a Russian readout and a Chinese one of one call share no word, number or quotation: the story
        // is found through the officials both name, for a story holding a report in another language
        String russian = """
                 date 2026-05-12 Лавров провёл телефонный разговор с Ван И

                Министр иностранных дел России Сергей Лавров провёл телефонный разговор с министром иностранных дел \
                Китая Ван И. Стороны обсудили ситуацию вокруг Украины и подготовку визита в Пекин.
                """;
        String chinese = """
                 date 2026-05-12 王毅同拉夫罗夫通电话

                中共中央政治局委员、外交部长王毅应约同俄罗斯外长拉夫罗夫通电话。双方就乌克兰局势和访问北京的准备工作交换了意见。
                """;
        MemoryStoryStore store = new MemoryStoryStore();
        StoryMatcher running = new StoryMatcher(store, judge.thresholds);
        Article ru = article(russian);
        StoryMatcher.Judgement first = running.judge(ru, Who.of(judge.classifier.classify(ru, false)), "mid.ru", Long.MAX_VALUE);
        store.save(null, new StoryStore.Stored(0, "call-ru.txt", ru.title(), first.outlet(), ru.published(), first.features(),
                first.who(), "st-call"), "new", null, null);

        // a restart: the memory is read back from the store, and with it the languages of the story's reports
        StoryMatcher restarted = new StoryMatcher(store, judge.thresholds);
        Article zh = article(chinese);
        StoryMatcher.Judgement j = restarted.judge(zh, Who.of(judge.classifier.classify(zh, false)), "fmprc.gov.cn", Long.MAX_VALUE);

        assertThat(j.nearest()).filteredOn(n -> n.file().equals("call-ru.txt")).singleElement()
                .satisfies(n -> assertThat(n.why()).contains("two languages"));
    }
}
