package org.dipwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dipwatch.alert.AlertApi.Answer;
import org.dipwatch.alert.ApiToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The corpus API's own rules, before any query runs: the token, and the parameters a request
 * may give (the answers over a real corpus are {@link CorpusApiRoutesTest}'s).
 */
class CorpusApiTest {

    /** An API whose query layer and pipeline are never reached: every case here is answered before. */
    private static CorpusApi api(String token) {
        return new CorpusApi(null, null, new ApiToken(token));
    }

    @Test
    void withoutATokenSetAPostIsRefusedAndSaysHowToAllowIt() {
        Answer a = api("").post("Bearer anything", "{\"text\": \"Lavrov spoke.\"}");
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.body().toString()).contains("set DIPWATCH_API_TOKEN");
    }

    @Test
    void withATokenSetAPostWithoutItIsUnauthorizedBeforeItsBodyIsRead() {
        assertThat(api("t0ken").post(null, "{not json").status()).isEqualTo(401);
        assertThat(api("t0ken").post("Bearer t0ken", "{not json").status()).isEqualTo(400);
        assertThat(api("t0ken").articles("Bearer nope", "").status()).isEqualTo(401);
        assertThat(api("t0ken").article("000_fbfa5f4836e611d7", null).status()).isEqualTo(401);
    }

    @Test
    void valuesSplitAtCommasAndRepeatButAQueryKeepsItsCommas() {
        Map<String, List<String>> p = CorpusApi.parameters("actor=RUS,%20PSE&actor=HAMAS&q=Gaza%2C+Rafah&region=Middle+East",
                Set.of("actor", "q", "region"));
        assertThat(p.get("actor")).containsExactly("RUS", "PSE", "HAMAS");
        assertThat(p.get("q")).containsExactly("Gaza, Rafah");
        assertThat(p.get("region")).containsExactly("Middle East");
        assertThat(CorpusApi.parameters(null, Set.of())).isEmpty();
        assertThatThrownBy(() -> CorpusApi.parameters("actors=RUS", Set.of("actor", "q")))
                .hasMessage("unknown parameter 'actors'; this path takes [actor, q]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "articles | limit=0              | limit=0 must be a whole number from 1 to 200",
            "articles | limit=ten            | limit=ten must be a whole number from 1 to 200",
            "articles | offset=10001         | offset=10001 must be a whole number from 0 to 10000 (narrow the query",
            "articles | offset=1&offset=2    | give 'offset' once",
            "articles | to=2025-02-30        | to=2025-02-30 must be a date",
            "articles | q=a&q=b              | give 'q' once",
            "stories  | min-reports=0        | min-reports=0 must be a whole number from 1",
            "stories  | actor=RUS            | unknown parameter 'actor'; this path takes [limit, min-reports, offset]",
            "alerts   | outcome=sent         | outcome 'sent' must be delivered, retrying or dead",
            "alerts   | status=dead          | unknown parameter 'status'"})
    void aParameterThatIsWrongGets400ThatSaysWhich(String path, String query, String why) {
        CorpusApi api = api("");
        Answer a = switch (path) {
            case "articles" -> api.articles(null, query);
            case "stories" -> api.stories(null, query);
            default -> api.alerts(null, query);
        };
        assertThat(a.status()).isEqualTo(400);
        assertThat(((Map<?, ?>) a.body()).get("error").toString()).contains(why);
    }
}
