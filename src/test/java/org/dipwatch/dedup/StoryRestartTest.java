package org.dipwatch.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dipwatch.pipeline.Pipeline;
import org.dipwatch.TestHome;
import org.dipwatch.model.IngestResult;
import org.dipwatch.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6, acceptance 4: the verdicts after a restart are the verdicts before it. The
 * near-duplicate index lives in memory and is refilled from the index on open; the story index,
 * term frequencies and boilerplate counts are in the index; reindex rebuilds them all from
 * {@code seeds/} to the same stories.
 */
class StoryRestartTest {

    @TempDir
    Path home;

    private static final Path RES = Path.of("src/test/resources/dedup").toAbsolutePath();

    private static List<Path> probes() {
        List<Path> out = new ArrayList<>();
        Stream.of("000", "001", "002", "003", "004").forEach(s -> out.add(RES.resolve("seeds-rewritten/rewritten-" + s + ".txt")));
        out.add(RES.resolve("restart/marzook-call-wire.txt"));
        out.add(RES.resolve("restart/libya-talks.txt"));
        return out;
    }

    /** Each probe's verdict, the article it names, the similarity and the story, as one line. */
    private static List<String> judge(Pipeline p) throws Exception {
        List<String> out = new ArrayList<>();
        for (Path probe : probes()) {
            StoryMatcher.Judgement j = p.similar(probe, "cli").judgement();
            out.add(probe.getFileName() + " " + j.verdict().label() + " " + j.of() + " " + j.similarity() + " " + j.story());
        }
        return out;
    }

    private static List<String> stories(Pipeline p) {
        List<String> out = new ArrayList<>();
        p.stages().stories().store().forEach((sig, seq) -> out.add(seq + " " + p.stages().stories().store().bySeq(new long[] {seq}).get(0).story()));
        return out;
    }

    @Test
    void verdictsAfterARestartAndAReindexAreTheVerdictsBefore() throws Exception {
        TestHome.create(home);
        List<String> before;
        List<String> storiesBefore;
        try (Pipeline p = StoryHomes.open(home)) {
            IngestResult wire = p.ingestFile(RES.resolve("restart/marzook-call-wire.txt"), "cli");
            assertThat(wire.verdict()).isEqualTo(Verdict.SAME_STORY);
            assertThat(wire.story()).isEqualTo("st-fbfa5f4836e611d7");
            IngestResult libya = p.ingestFile(RES.resolve("restart/libya-talks.txt"), "cli");
            assertThat(libya.verdict()).isEqualTo(Verdict.NEW);
            IngestResult copy = p.ingestFile(RES.resolve("seeds-rewritten/rewritten-003.txt"), "cli");
            assertThat(copy.verdict()).isEqualTo(Verdict.NEAR_DUPLICATE);
            before = judge(p);
            storiesBefore = stories(p);
        }
        assertThat(before).anyMatch(l -> l.startsWith("rewritten-000.txt near_duplicate 000_"));
        try (Pipeline p = StoryHomes.open(home)) {
            assertThat(judge(p)).isEqualTo(before);
            assertThat(stories(p)).isEqualTo(storiesBefore);
            p.reindex();
            assertThat(judge(p)).isEqualTo(before);
            assertThat(stories(p)).isEqualTo(storiesBefore);
        }
    }

    @Test
    void anArticleStoredByAnotherProcessIsFoundByTheIndexInMemory() throws Exception {
        TestHome.create(home);
        // a database server that two pipelines share (here H2's, on 127.0.0.1), as two programs on one server database would
        org.h2.tools.Server server = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists",
                "-baseDir", home.resolve("data").toString()).start();
        Map<String, String> shared = Map.of("dipwatch.index.url", "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/shared");
        try (Pipeline daemon = StoryHomes.open(home, shared)) {
            IngestResult libya;
            try (Pipeline cli = StoryHomes.open(home, shared)) {
                assertThat(cli.stages().corpus().index().othersMayWrite()).isTrue();
                libya = cli.ingestFile(RES.resolve("restart/libya-talks.txt"), "cli");
            }
            assertThat(libya.verdict()).isEqualTo(Verdict.NEW);
            // the daemon's LSH index was filled before the other stored it: it catches up on the next lookup
            Path copy = home.resolve("libya-copy.txt");
            java.nio.file.Files.writeString(copy, java.nio.file.Files.readString(RES.resolve("restart/libya-talks.txt"))
                    .replace("Moscow hosts talks on Libya", "Libyan council delegation in Moscow")
                    + "\nReporting by the agency desk; editing by the night editor.\n");
            StoryMatcher.Judgement j = daemon.similar(copy, "cli").judgement();
            assertThat(j.verdict()).isEqualTo(Verdict.NEAR_DUPLICATE);
            assertThat(j.of()).isEqualTo(libya.article());
            assertThat(daemon.stages().stories().index().size()).isEqualTo(6);
        } finally {
            server.stop();
        }
    }
}
