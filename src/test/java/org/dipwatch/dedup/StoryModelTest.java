package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dipwatch.model.Article;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story model as a user meets it: the gate's rules (a shared actor, dates within the window,
 * in one language shared words), the undated threshold, and a {@code why} whose parts add up to
 * the score it explains.
 */
class StoryModelTest {

    @TempDir
    Path dir;

    /** Judged as the labelled-pair tests judge: in a corpus of the five originals and the first article, classified. */
    private final PairJudge judge = new PairJudge();

    private static final String TALKS = """
             date 2025-07-13 Lavrov and Wang Yi hold talks in Beijing on the Korean Peninsula

            Russian Foreign Minister Sergei Lavrov and Chinese Foreign Minister Wang Yi held talks in Beijing on Sunday on \
            the Korean Peninsula, the Tianjin summit of the Shanghai Cooperation Organisation and Ukraine.

            The ministers agreed to prepare the visit of 41 delegations to Tianjin.
            """;
    private static final String SAME_EVENT = """
             date 2025-07-13 Wang Yi receives Lavrov in Beijing before the Tianjin summit

            Chinese Foreign Minister Wang Yi received Sergei Lavrov in Beijing, where the two discussed the Korean \
            Peninsula and the Tianjin summit of the Shanghai Cooperation Organisation.

            Preparations for the 41 delegations expected in Tianjin were on the agenda.
            """;

    private int files;

    /** The signals of {@code second} against {@code first} (each in a file of its own: the judge reads a file once). */
    private StoryModel.Signals signals(String first, String second) throws IOException {
        String a = "a" + files + ".txt";
        String b = "b" + files++ + ".txt";
        Files.writeString(dir.resolve(a), first);
        Files.writeString(dir.resolve(b), second);
        return judge.signals(dir, a, b);
    }

    @Test
    void twoReportsOfOneEventScoreAboveTheThresholdAndTheirWhyAddsUpToTheScore() throws IOException {
        StoryModel.Signals s = signals(TALKS, SAME_EVENT);
        assertThat(s).isNotNull();
        double score = StoryModel.score(s);
        assertThat(score).isGreaterThanOrEqualTo(judge.thresholds.storyThreshold());
        // what similar prints: each signal's part and the bias, which add up to the score's logit
        String why = StoryModel.explain(s);
        assertThat(why).contains("days 0", "parts:", "actors +");
        double logit = 0;
        Matcher part = Pattern.compile(" ([a-z*-]+) ([+-]\\d+\\.\\d+)").matcher(why.substring(why.indexOf("parts:")));
        while (part.find()) {
            logit += Double.parseDouble(part.group(2));
        }
        Matcher bias = Pattern.compile("\\(bias ([+-]\\d+\\.\\d+)\\)").matcher(why);
        assertThat(bias.find()).isTrue();
        logit += Double.parseDouble(bias.group(1));
        assertThat(logit).as(why).isCloseTo(Math.log(score / (1 - score)), Offset.offset(0.15));
    }

    @Test
    @org.junit.jupiter.api.Disabled("known miss of the fitted model (issue #17): scores 0.690 against 0.65. In a corpus of six "
            + "articles the shared run 'Russian Foreign Minister Sergei Lavrov' counts as a shared name and as rare terms; names "
            + "of officials the classifier knows should not count as facts of an event")
    void theSameMinisterOnAnotherSubjectTheSameDayIsAnotherStory() throws IOException {
        StoryModel.Signals s = signals(TALKS, """
                 date 2025-07-13 Lavrov receives a Libyan delegation in Moscow

                Russian Foreign Minister Sergei Lavrov received a delegation of the Libyan Presidential Council in \
                Moscow and discussed preparations for national elections and the withdrawal of foreign fighters.
                """);
        assertThat(s == null ? 0 : StoryModel.score(s)).as("%s", s == null ? "" : StoryModel.explain(s)).isLessThan(judge.thresholds.storyThreshold());
    }

    @Test
    void aMinistersNameSaysWhoNotWhichEventWhileALocalOfficialsNameIsAFactOfIt() throws IOException {
        String call = """
                 date 2025-07-13 Rubio and Wang discuss trade by phone

                Secretary of State Marco Rubio and Chinese Foreign Minister Wang Yi discussed export controls by phone, \
                and Rubio named Hamid Karimi as his envoy for the follow-up talks.
                """;
        StoryModel.Signals sameEnvoy = signals(call, """
                 date 2025-07-13 Wang and Rubio agree on export control talks

                Wang Yi told Marco Rubio that China was ready for talks on export controls led by Hamid Karimi.
                """);
        StoryModel.Signals ministersOnly = signals(call, """
                 date 2025-07-13 Wang and Rubio agree on export control talks

                Wang Yi told Marco Rubio that China was ready for talks on export controls led by Li Chenggang.
                """);
        assertThat(sameEnvoy.factsShared()).as(StoryModel.explain(sameEnvoy)).isEqualTo(1);
        assertThat(ministersOnly.factsShared()).as(StoryModel.explain(ministersOnly)).isZero();
        assertThat(ministersOnly.otherFacts()).isTrue();
    }

    @Test
    void twoLanguagesShareNoWordsSoThePairIsJudgedOnActorsAndDates() throws IOException {
        String russian = """
                 date 2025-07-13 Лавров и Ван И провели переговоры в Пекине

                Министр иностранных дел России Сергей Лавров провёл переговоры с министром иностранных дел Китая \
                Ван И в Пекине. Стороны обсудили Корейский полуостров и саммит ШОС в Тяньцзине.
                """;
        Who ru = new Who(Set.of("RUS", "CHN"), Set.of(), "ru");
        Who en = new Who(Set.of("RUS", "CHN"), Set.of(), "en");
        StoryMatcher m = new StoryMatcher(new MemoryStoryStore(), judge.thresholds);
        Article a = org.dipwatch.normalize.Normalizer.normalize(org.dipwatch.normalize.SeedText.parse(russian));
        Article b = org.dipwatch.normalize.Normalizer.normalize(org.dipwatch.normalize.SeedText.parse(TALKS));
        StoryModel.Signals across = m.compare(a, ru, "a.example", b, en, "b.example");
        assertThat(across).isNotNull();
        assertThat(across.terms()).isLessThan(StoryMatcher.MIN_TERMS);
        // the same texts said to be in one language: no shared words, no story
        assertThat(m.compare(a, en, "a.example", b, en, "b.example")).isNull();
    }

    @Test
    void datesFurtherApartThanTheWindowOrNoSharedActorFailTheGate() throws IOException {
        assertThat(signals(TALKS, SAME_EVENT.replace("2025-07-13", "2025-07-20"))).isNull();
        assertThat(signals(TALKS, """
                 date 2025-07-13 Paris hosts a conference on ocean shipping

                The French government opened a conference in Paris on the decarbonisation of ocean shipping.
                """)).isNull();
    }

    @Test
    void anUndatedPairIsWeighedAsUndatedAndHeldToTheHigherUndatedThreshold() throws IOException {
        StoryModel.Signals dated = signals(TALKS, SAME_EVENT);
        StoryModel.Signals undated = signals(TALKS, SAME_EVENT.replace(" date 2025-07-13 ", ""));
        assertThat(undated.days()).isNull();
        assertThat(StoryModel.explain(undated)).contains("days unknown", "undated -");
        assertThat(StoryModel.score(undated)).as("an unknown date weighs against a pair").isLessThan(StoryModel.score(dated));
        StoryMatcher.Thresholds t = judge.thresholds;
        assertThat(new StoryMatcher.Pair(undated, StoryModel.score(undated)).threshold(t)).isEqualTo(t.undatedThreshold())
                .isGreaterThan(t.storyThreshold());
        assertThat(new StoryMatcher.Pair(dated, StoryModel.score(dated)).threshold(t)).isEqualTo(t.storyThreshold());
    }
}
