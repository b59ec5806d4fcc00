package org.dipwatch.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dipwatch.alert.AlertApi;

/** Answers {@code GET /api/sources} and {@code GET /api/sources/{name}}: each source's health as JSON. */
public final class SourceApi {

    private final SourceStates states;

    /** The API over these states. */
    public SourceApi(SourceStates states) {
        this.states = states;
    }

    /** Every source declared or polled so far: {@code {"sources": [...]}}, each with its state ({@code waiting} before its first poll). */
    public AlertApi.Answer sources() {
        List<Map<String, Object>> all = states.all().stream().map(SourceState::summary).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sources", all);
        return new AlertApi.Answer(200, body);
    }

    /** One source's state, or 404 naming it. */
    public AlertApi.Answer source(String name) {
        return states.get(name).<AlertApi.Answer>map(s -> new AlertApi.Answer(200, s.summary()))
                .orElseGet(() -> new AlertApi.Answer(404, Map.of("error", "no source named '" + name + "' is declared in the routes or has been polled")));
    }
}
