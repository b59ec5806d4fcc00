package org.dipwatch.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dipwatch.alert.AlertApi;
import org.dipwatch.alert.ApiToken;

/**
 * Answers {@code GET /api/sources} and {@code GET /api/sources/{name}}: each source's health as
 * JSON; with an API token set, only to a request that carries it ({@link ApiToken}).
 */
public final class SourceApi {

    private final SourceStates states;
    private final ApiToken token;

    /** The API over these states, guarded by this token. */
    public SourceApi(SourceStates states, ApiToken token) {
        this.states = states;
        this.token = token;
    }

    /** Every source declared or polled so far: {@code {"sources": [...]}}, each with its state ({@code waiting} before its first poll). */
    public AlertApi.Answer sources(String authorization) {
        AlertApi.Answer denied = token.read(authorization);
        if (denied != null) {
            return denied;
        }
        List<Map<String, Object>> all = states.all().stream().map(SourceState::summary).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sources", all);
        return new AlertApi.Answer(200, body);
    }

    /** One source's state, or 404 naming it. */
    public AlertApi.Answer source(String name, String authorization) {
        AlertApi.Answer denied = token.read(authorization);
        if (denied != null) {
            return denied;
        }
        return states.get(name).<AlertApi.Answer>map(s -> new AlertApi.Answer(200, s.summary()))
                .orElseGet(() -> new AlertApi.Answer(404, Map.of("error", "no source named '" + name + "' is declared in the routes or has been polled")));
    }
}
