package org.dipwatch.observe;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.dipwatch.config.ConfigProblem;
import org.dipwatch.corpus.CorpusIndex;

/**
 * Answers {@code GET /health}: {@code DOWN} when a Camel health check (routes, consumers) is down,
 * the index does not answer or the warm-up failed ({@code dipwatch:warm-up}), with the failing checks and their messages (the sources and the
 * alerts waiting for their endpoints are reported under {@code dipwatch:sources} and
 * {@code dipwatch:alerts}, and never make the daemon DOWN); else
 * {@code DEGRADED} while the configuration has problems (a subscription skipped, an unknown
 * setting: each under {@code dipwatch:config}) or nothing can be recorded (a full disk under
 * {@code seeds/}: {@code dipwatch:store}), else {@code UP}. A degraded daemon still runs
 * everything that is configured right, so the route answers it with HTTP 200, as {@code UP}.
 */
public final class Health implements CamelContextAware {

    /** The status of a daemon that runs but whose configuration has problems. */
    public static final String DEGRADED = "DEGRADED";

    private final CorpusIndex index;
    private CamelContext camelContext;
    private java.util.function.Supplier<java.util.List<Map<String, Object>>> sources = java.util.List::of;
    /** What the route ids of sources start with; {@code null} before {@link #sources} names it. */
    private String sourceRoutePrefix;
    private java.util.function.Supplier<java.util.List<ConfigProblem>> configProblems = java.util.List::of;
    private java.util.function.Supplier<java.util.List<Map<String, Object>>> alerts = java.util.List::of;
    private java.util.function.Supplier<String> storeTrouble = () -> null;
    private java.util.function.Supplier<Map<String, Object>> warmUp;
    private String node;
    private java.util.function.Supplier<java.util.List<Map<String, Object>>> clusterNodes;

    /** Health of a daemon whose index is {@code index}. */
    public Health(CorpusIndex index) {
        this.index = index;
    }

    /**
     * Adds each source's health to the report's details, as the sources summarise it (the polled
     * ones, each as {@code /api/sources} shows it). A source that fails is reported as such there but
     * does not make the daemon DOWN: the daemon keeps running without the network; nor does the
     * health check of a source's route, whose id starts with {@code routeIdPrefix}.
     */
    public void sources(String routeIdPrefix, java.util.function.Supplier<java.util.List<Map<String, Object>>> summaries) {
        this.sourceRoutePrefix = routeIdPrefix;
        this.sources = summaries;
    }

    /**
     * Adds the alerts waiting in the outbox, lane by lane ({@code Outbox.Backlog#summary()}): an
     * endpoint that is down, slow or answers garbage is reported there, with its last error, but
     * does not make the daemon DOWN or DEGRADED: it keeps every alert and retries until it answers.
     */
    public void alerts(java.util.function.Supplier<java.util.List<Map<String, Object>>> lanes) {
        this.alerts = lanes;
    }

    /**
     * Adds why nothing can be recorded now (a full disk under {@code seeds/}), or {@code null}: while
     * there is such trouble the daemon is DEGRADED: it runs, keeps every document where it came from
     * and resumes by itself once it can record again.
     */
    public void storeTrouble(java.util.function.Supplier<String> trouble) {
        this.storeTrouble = trouble;
    }

    /**
     * Adds the warm-up's check ({@code dipwatch:warm-up}: its {@code state} {@code STARTING}, {@code UP}
     * or {@code DOWN}, a message, {@code millis}): while it runs the daemon is {@code UP} (it answers
     * and takes documents, which wait to be judged); a failed warm-up makes it {@code DOWN}.
     */
    public void warmUp(java.util.function.Supplier<Map<String, Object>> check) {
        this.warmUp = check;
    }

    /**
     * Names this node in the report ({@code node}: {@code dipwatch.node.id}); with {@code members}
     * (a cluster), adds the nodes sharing the database as {@code dipwatch:cluster}, each with when it
     * was last seen and whether it counts as alive. A gone node does not make this one DOWN.
     */
    public void node(String nodeId, java.util.function.Supplier<java.util.List<Map<String, Object>>> members) {
        this.node = nodeId;
        this.clusterNodes = members;
    }

    /** Adds the configuration's problems, read at each report: while there is one, the daemon is DEGRADED. */
    public void configProblems(java.util.function.Supplier<java.util.List<ConfigProblem>> problems) {
        this.configProblems = problems;
    }

    /**
     * The report as JSON-ready map: {@code status} ({@code UP}, {@code DEGRADED} or {@code DOWN}),
     * {@code checks} by id with their state and message.
     */
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
            // a source's route (stopped when disabled or when sources are off) says nothing about
            // the daemon: sources report their own health below and never make the daemon DOWN
            String id = r.getCheck().getId();
            boolean sourceRoute = sourceRoutePrefix != null
                    && (id.startsWith("route:" + sourceRoutePrefix) || id.startsWith("consumer:" + sourceRoutePrefix));
            up &= sourceRoute || r.getState() != HealthCheck.State.DOWN;
        }
        Map<String, Object> indexCheck = new LinkedHashMap<>();
        try {
            indexCheck.put("state", "UP");
            // counts the database keeps: a GROUP BY of the arrivals read all of them (0.5-1 s at 100k)
            indexCheck.put("articles", index.articleCount());
            indexCheck.put("arrivals", index.arrivalCount());
        } catch (RuntimeException e) {
            indexCheck.put("state", "DOWN");
            indexCheck.put("message", e.getMessage());
            up = false;
        }
        checks.put("dipwatch:index", indexCheck);
        String trouble = storeTrouble.get();
        Map<String, Object> storeCheck = new LinkedHashMap<>();
        storeCheck.put("state", trouble == null ? "UP" : DEGRADED);
        storeCheck.put("message", trouble == null ? "what is judged is recorded" : trouble);
        checks.put("dipwatch:store", storeCheck);
        if (warmUp != null) {
            Map<String, Object> warmUpCheck = warmUp.get();
            checks.put("dipwatch:warm-up", warmUpCheck);
            up &= !"DOWN".equals(warmUpCheck.get("state"));
        }
        Map<String, Object> sourcesCheck = new LinkedHashMap<>();
        try {
            java.util.List<Map<String, Object>> all = sources.get();
            long down = all.stream().filter(m -> "down".equals(m.get("status"))).count();
            sourcesCheck.put("state", "UP");
            sourcesCheck.put("message", all.size() + " sources, " + down + " failing");
            Map<String, Object> each = new TreeMap<>();
            all.forEach(m -> each.put((String) m.get("name"), m));
            sourcesCheck.put("sources", each);
        } catch (RuntimeException e) {
            sourcesCheck.put("state", "UNKNOWN");
            sourcesCheck.put("message", e.getMessage());
        }
        checks.put("dipwatch:sources", sourcesCheck);
        Map<String, Object> alertsCheck = new LinkedHashMap<>();
        try {
            java.util.List<Map<String, Object>> lanes = alerts.get();
            long pending = lanes.stream().mapToLong(m -> ((Number) m.get("pending")).longValue()).sum();
            java.util.List<Map<String, Object>> failing = lanes.stream().filter(m -> Boolean.TRUE.equals(m.get("failing"))).toList();
            alertsCheck.put("state", "UP");
            alertsCheck.put("message", pending + " alerts waiting, " + failing.size() + " of " + lanes.size() + " lanes failing"
                    + (failing.isEmpty() ? "" : " (kept and retried until they answer); " + failing.get(0).get("subscription") + " ("
                    + failing.get(0).get("channel") + "): " + failing.get(0).get("lastError")));
            alertsCheck.put("lanes", lanes);
        } catch (RuntimeException e) {
            alertsCheck.put("state", "UNKNOWN");
            alertsCheck.put("message", e.getMessage());
        }
        checks.put("dipwatch:alerts", alertsCheck);
        java.util.List<ConfigProblem> problems = configProblems.get();
        Map<String, Object> configCheck = new LinkedHashMap<>();
        configCheck.put("state", problems.isEmpty() ? "UP" : DEGRADED);
        configCheck.put("message", problems.isEmpty() ? "no configuration problems"
                : problems.size() + (problems.size() == 1 ? " configuration problem: " : " configuration problems, the first: ")
                + problems.get(0).text() + " (run check-config)");
        configCheck.put("problems", problems); // each as check-config --json prints it: file, line, key, message
        checks.put("dipwatch:config", configCheck);
        Map<String, Object> out = new LinkedHashMap<>();
        if (clusterNodes != null) {
            Map<String, Object> clusterCheck = new LinkedHashMap<>();
            try {
                java.util.List<Map<String, Object>> members = clusterNodes.get();
                clusterCheck.put("state", "UP");
                clusterCheck.put("message", members.stream().filter(m -> Boolean.TRUE.equals(m.get("alive"))).count() + " of "
                        + members.size() + " nodes alive");
                clusterCheck.put("nodes", members);
            } catch (RuntimeException e) {
                clusterCheck.put("state", "UNKNOWN");
                clusterCheck.put("message", e.getMessage());
            }
            checks.put("dipwatch:cluster", clusterCheck);
        }
        out.put("status", !up ? "DOWN" : problems.isEmpty() && trouble == null ? "UP" : DEGRADED);
        if (node != null) {
            out.put("node", node);
        }
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
