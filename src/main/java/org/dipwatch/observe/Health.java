package org.dipwatch.observe;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.dipwatch.corpus.CorpusIndex;

/**
 * Answers {@code GET /health}: {@code UP} when every Camel health check (routes, consumers) is up
 * and the index answers, else {@code DOWN} with the failing checks and their messages.
 */
public final class Health implements CamelContextAware {

    private final CorpusIndex index;
    private CamelContext camelContext;

    /** Health of a daemon whose index is {@code index}. */
    public Health(CorpusIndex index) {
        this.index = index;
    }

    /** The report as JSON-ready map: {@code status} ({@code UP}/{@code DOWN}), {@code checks} by id with their state and message. */
    public Map<String, Object> report() {
        Map<String, Object> checks = new TreeMap<>();
        boolean up = true;
        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(camelContext, "full");
        for (HealthCheck.Result r : results) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("state", r.getState().name());
            r.getMessage().ifPresent(m -> check.put("message", m));
            r.getError().ifPresent(e -> check.put("error", e.getMessage()));
            checks.put(r.getCheck().getGroup() + ":" + r.getCheck().getId(), check);
            up &= r.getState() != HealthCheck.State.DOWN;
        }
        Map<String, Object> indexCheck = new LinkedHashMap<>();
        try {
            indexCheck.put("state", "UP");
            indexCheck.put("arrivals", index.arrivalCounts());
        } catch (RuntimeException e) {
            indexCheck.put("state", "DOWN");
            indexCheck.put("message", e.getMessage());
            up = false;
        }
        checks.put("dipwatch:index", indexCheck);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", up ? "UP" : "DOWN");
        out.put("checks", checks);
        return out;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
