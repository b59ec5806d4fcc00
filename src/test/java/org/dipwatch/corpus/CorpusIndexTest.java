package org.dipwatch.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dipwatch.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the index is opened: H2's settings for a clean stop, and no server for anyone else. */
class CorpusIndexTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // the daemon closes the database, not H2's shutdown hook
            "jdbc:h2:file:/srv/dw/data/index;WRITE_DELAY=0 | jdbc:h2:file:/srv/dw/data/index;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
            "jdbc:h2:mem:test | jdbc:h2:mem:test;DB_CLOSE_ON_EXIT=FALSE",
            // a URL written for H2's AUTO_SERVER: it would listen on every interface, and H2 refuses it beside DB_CLOSE_ON_EXIT=FALSE
            "jdbc:h2:file:/srv/dw/data/index;AUTO_SERVER=TRUE;AUTO_SERVER_PORT=9090;WRITE_DELAY=0 | jdbc:h2:file:/srv/dw/data/index;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
            // what the user set explicitly stays
            "jdbc:h2:file:/srv/dw/data/index;DB_CLOSE_ON_EXIT=TRUE | jdbc:h2:file:/srv/dw/data/index;DB_CLOSE_ON_EXIT=TRUE",
            // not an embedded H2 database: left as it is
            "jdbc:h2:tcp://db.example.org/dw;AUTO_SERVER=TRUE | jdbc:h2:tcp://db.example.org/dw;AUTO_SERVER=TRUE",
            "jdbc:postgresql://db.example.org/dw | jdbc:postgresql://db.example.org/dw"})
    void embeddedH2UrlsAreClosedByTheDaemonAndNeverAutoServed(String configured, String opened) {
        assertThat(CorpusIndex.embeddedSettings(configured)).isEqualTo(opened);
    }

    @Test
    void anEmbeddedIndexIsThisProcessesAloneAndServedToNobody() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data/index") + ";WRITE_DELAY=0";
        try (CorpusIndex index = CorpusIndex.open(url, "dipwatch", "", 2)) {
            assertThat(index.othersMayWrite()).as("the CLI beside the daemon asks the daemon").isFalse();
            assertThat(index.articleCount()).isZero();
            assertThat(TestHome.list(dir.resolve("data"))).containsExactly("index.mv.db");
        }
    }
}
