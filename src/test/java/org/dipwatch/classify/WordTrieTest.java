package org.dipwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WordTrieTest {

    private final WordTrie<String> trie = new WordTrie<>(Map.of("oman", "OMN", "mali", "MLI", "south sudan", "SSD",
            "sudan", "SDN", "us", "USA"));

    @Test
    void findsWholeWordsInAnyCaseWithTheTextsOffsets() {
        assertThat(trie.findAll("Oman and MALI met in Muscat.")).containsExactly("Oman", "MALI");
    }

    @Test
    void aNameInsideAnotherWordIsNotFound() {
        assertThat(trie.findAll("Romania and Somalia, Bamako")).isEmpty();
        assertThat(trie.findAll("USA")).isEmpty();
    }

    @Test
    void overlappingPhrasesAreAllReportedForTheCallerToChoose() {
        assertThat(trie.findAll("South Sudan")).containsExactlyInAnyOrder("South Sudan", "Sudan");
    }
}
