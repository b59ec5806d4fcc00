package org.dipwatch.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.dipwatch.config.ConfigProblem;
import org.dipwatch.config.YamlLines;
import org.dipwatch.source.SourceSpec;
import org.dipwatch.source.SourceStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources that route files declare as {@code templatedRoute}s of the {@code feed} and
 * {@code page} templates: read for {@code check-config}, and watched while the daemon runs.
 * Camel's route reload reloads plain routes but creates no route from a templatedRoute in a file
 * added or changed at run time; the watcher does that: every two seconds it looks at the route
 * files, and a source whose route does not exist is created from its template, one whose
 * parameters changed is created again, and one whose templatedRoute left every file (its entry or
 * its file deleted) has its route stopped and removed and is marked removed in its state, which
 * keeps its validators and seen items for when it comes back. A file that cannot be read keeps
 * the sources it declared before, so a half-saved edit removes nothing.
 */
final class SourceRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceRoutes.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * One templatedRoute: the file it is in, the template, its route id and its parameters.
     *
     * @param index its place in the file's list, from 0
     * @param line  the line of its {@code templatedRoute:} in the file, or {@code null} when not known
     */
    record Entry(String file, int index, Integer line, String template, String routeId, Map<String, String> parameters) {

        /** What is wrong with its route id (it must be {@code source-<name>}), or {@code null}. */
        String routeIdProblem() {
            String name = parameters.getOrDefault("name", "");
            String wanted = SourceSpec.routeIdOf(name);
            if (routeId == null) {
                return "source " + name + ": routeId is missing; add routeId: " + wanted;
            }
            return routeId.equals(wanted) ? null : "source " + name + ": routeId '" + routeId + "' must be " + wanted;
        }
    }

    private final CamelContext context;
    private final Path dir;
    private final SourceStates states;
    private final Map<Path, String> seenFiles = new HashMap<>();
    private final Map<String, Map<String, String>> created = new HashMap<>();
    // the route ids each file declared when it was last read
    private final Map<Path, Set<String>> declared = new HashMap<>();
    private ScheduledExecutorService timer;

    private SourceRoutes(CamelContext context, Path dir, SourceStates states) {
        this.context = context;
        this.dir = dir;
        this.states = states;
    }

    /**
     * Starts watching {@code dir}; the sources in it now are taken as created by Camel at start. Every
     * source declared at start (in {@code dir} or among the {@code packaged} entries the home
     * keeps) is listed in {@code states} before its first poll ({@code waiting}), and the sources
     * in {@code states} that no file declares any more are marked removed.
     */
    static SourceRoutes watch(CamelContext context, Path dir, SourceStates states, List<Entry> packaged) {
        SourceRoutes w = new SourceRoutes(context, dir, states);
        List<Entry> atStart = new ArrayList<>(packaged);
        boolean allRead = true;
        for (Path f : files(dir)) {
            w.seenFiles.put(f, stamp(f));
            try {
                List<Entry> entries = read(f.toString(), Files.readString(f));
                atStart.addAll(entries);
                entries.stream().filter(e -> e.routeId() != null).forEach(e -> w.created.put(e.routeId(), e.parameters()));
                w.declared.put(f, routeIds(entries));
            } catch (IOException | RuntimeException e) {
                // Camel has reported it at start; the watcher will look again when it changes
                allRead = false;
            }
        }
        for (Entry e : atStart) {
            String name = e.parameters().get("name");
            String url = e.parameters().get("url");
            // a source switched off in its entry is not listed as waiting for a poll that never comes
            if (e.routeId() != null && name != null && url != null && !"false".equals(e.parameters().get("enabled"))) {
                try {
                    states.register(name, e.template(), url);
                } catch (RuntimeException ex) {
                    LOG.warn("sources: cannot list source {} from {}: {}", name, e.file(), ex.getMessage());
                }
            }
        }
        if (allRead) {
            Set<String> names = new HashSet<>();
            w.declared.values().forEach(ids -> ids.forEach(id -> names.add(SourceSpec.nameOf(id))));
            packaged.stream().map(e -> e.parameters().get("name")).filter(java.util.Objects::nonNull).forEach(names::add);
            Instant now = Instant.now();
            try {
                states.all().stream().filter(s -> !s.removed() && !names.contains(s.name())).forEach(s -> {
                    states.removed(s.name(), now);
                    LOG.info("sources: {} is no longer in {}, marked removed", SourceSpec.routeIdOf(s.name()), dir);
                });
            } catch (RuntimeException e) {
                LOG.warn("sources: cannot mark the sources no longer in {} as removed: {}", dir, e.getMessage());
            }
        }
        w.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dipwatch-source-routes");
            t.setDaemon(true);
            return t;
        });
        w.timer.scheduleWithFixedDelay(w::scan, 2, 2, TimeUnit.SECONDS);
        return w;
    }

    private void scan() {
        List<Path> present = files(dir);
        boolean changed = false;
        for (Path gone : new ArrayList<>(seenFiles.keySet())) {
            if (!present.contains(gone)) {
                seenFiles.remove(gone);
                declared.remove(gone);
                changed = true;
            }
        }
        for (Path f : present) {
            String stamp = stamp(f);
            if (stamp.equals(seenFiles.get(f))) {
                continue;
            }
            seenFiles.put(f, stamp);
            changed = true;
            List<Entry> entries;
            try {
                entries = read(f.toString(), Files.readString(f));
            } catch (IOException | RuntimeException e) {
                LOG.warn("sources: {} cannot be read: {}", f, e.getMessage());
                continue;
            }
            declared.put(f, routeIds(entries));
            for (Entry e : entries) {
                List<String> problems = new ArrayList<>(SourceSpec.problems(e.template(), e.parameters()));
                if (e.routeIdProblem() != null) {
                    problems.add(e.routeIdProblem());
                }
                if (!problems.isEmpty()) {
                    LOG.warn("sources: {}: {}", f, String.join("; ", problems));
                    continue;
                }
                try {
                    boolean exists = context.getRoute(e.routeId()) != null;
                    if (exists && e.parameters().equals(created.get(e.routeId()))) {
                        continue;
                    }
                    if (exists) {
                        context.getRouteController().stopRoute(e.routeId());
                        context.removeRoute(e.routeId());
                    }
                    TemplatedRouteBuilder b = TemplatedRouteBuilder.builder(context, e.template()).routeId(e.routeId());
                    e.parameters().forEach(b::parameter);
                    b.add();
                    created.put(e.routeId(), e.parameters());
                    states.restored(e.parameters().get("name"));
                    LOG.info("sources: {} {} from {}", exists ? "re-created" : "added", e.routeId(), f);
                } catch (Exception ex) {
                    LOG.warn("sources: {}: cannot create {}: {}", f, e.routeId(), ex.getMessage());
                }
            }
        }
        if (changed) {
            removeUndeclared();
        }
    }

    /** Stops and removes the routes of sources that no file declares any more, and marks them removed. */
    private void removeUndeclared() {
        Set<String> stillDeclared = new HashSet<>();
        declared.values().forEach(stillDeclared::addAll);
        for (String routeId : new ArrayList<>(created.keySet())) {
            if (stillDeclared.contains(routeId)) {
                continue;
            }
            String name = created.get(routeId).getOrDefault("name", SourceSpec.nameOf(routeId));
            try {
                if (context.getRoute(routeId) != null) {
                    context.getRouteController().stopRoute(routeId);
                    context.removeRoute(routeId);
                }
                created.remove(routeId);
                states.removed(name, Instant.now());
                LOG.info("sources: removed {}: no file of {} declares it any more (its state and seen items are kept)",
                        routeId, dir);
            } catch (Exception ex) {
                LOG.warn("sources: cannot remove {} (source {}), left from {}: {}", routeId, name, dir, ex.getMessage());
            }
        }
    }

    private static Set<String> routeIds(List<Entry> entries) {
        Set<String> ids = new HashSet<>();
        entries.stream().map(Entry::routeId).filter(java.util.Objects::nonNull).forEach(ids::add);
        return ids;
    }

    /** The templatedRoutes of the packaged route files ({@code routes/a.camel.yaml}, …), in order. */
    static List<Entry> packaged(List<String> resources) throws IOException {
        List<Entry> all = new ArrayList<>();
        for (String r : resources) {
            try (InputStream in = SourceRoutes.class.getClassLoader().getResourceAsStream(r)) {
                if (in != null) {
                    all.addAll(read("classpath:" + r, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        }
        return all;
    }

    /**
     * The templatedRoutes of {@code feed} and {@code page} in a route file's text, in order; the
     * route id is {@code null} when the templatedRoute gives none.
     */
    static List<Entry> read(String file, String yaml) throws IOException {
        List<Entry> out = new ArrayList<>();
        JsonNode doc = YAML.readTree(yaml);
        if (doc == null || !doc.isArray()) {
            return out;
        }
        YamlLines lines = YamlLines.of(yaml);
        for (int i = 0; i < doc.size(); i++) {
            JsonNode item = doc.get(i);
            JsonNode t = item.path("templatedRoute");
            if (t.isMissingNode()) {
                continue;
            }
            String template = t.path("routeTemplateRef").asText("");
            if (!template.equals("feed") && !template.equals("page")) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (JsonNode p : t.path("parameters")) {
                params.put(p.path("name").asText(""), p.path("value").asText(""));
            }
            // Camel names a templatedRoute without routeId route1, route2, ...: check-config asks for source-<name>
            String routeId = t.hasNonNull("routeId") ? t.path("routeId").asText() : null;
            out.add(new Entry(file, i, lines.lineOf("/" + i + "/templatedRoute"), template, routeId, params));
        }
        return out;
    }

    /**
     * What is wrong with the sources the daemon would load (the packaged routes the home keeps,
     * then the home's {@code routes/}), each problem naming the file, the line of the
     * templatedRoute and the source; empty when all are valid.
     */
    static List<ConfigProblem> problems(Path homeRoutes, List<String> packagedResources) {
        List<Entry> all = new ArrayList<>();
        List<ConfigProblem> out = new ArrayList<>();
        try {
            all.addAll(packaged(packagedResources));
        } catch (IOException e) {
            out.add(new ConfigProblem(null, null, null, "routes: the packaged route files cannot be read: " + e.getMessage()));
        }
        for (Path f : files(homeRoutes)) {
            try {
                all.addAll(read(f.toString(), Files.readString(f)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                Integer line = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? null : e.getLocation().getLineNr();
                out.add(new ConfigProblem(f.toString(), line, null, "not valid YAML: " + e.getOriginalMessage().replace('\n', ' ')));
            } catch (IOException e) {
                out.add(new ConfigProblem(f.toString(), null, null, "cannot be read: " + e.getMessage()));
            }
        }
        Map<String, String> names = new HashMap<>();
        for (Entry e : all) {
            String key = YamlLines.key("/" + e.index() + "/templatedRoute");
            for (String p : SourceSpec.problems(e.template(), e.parameters())) {
                out.add(new ConfigProblem(e.file(), e.line(), key, p));
            }
            String name = e.parameters().getOrDefault("name", "");
            String before = names.putIfAbsent(name, e.file());
            if (before != null) {
                out.add(new ConfigProblem(e.file(), e.line(), key, "source " + name + ": the name is already used in " + before));
            }
            if (e.routeIdProblem() != null) {
                out.add(new ConfigProblem(e.file(), e.line(), key, e.routeIdProblem()));
            }
        }
        return out;
    }

    /**
     * {@link #problems(Path, List)}, read again only when a file of {@code homeRoutes} changed:
     * for {@code /health} and the metrics, which ask at every request.
     */
    static java.util.function.Supplier<List<ConfigProblem>> problemsWatched(Path homeRoutes, List<String> packagedResources) {
        return new java.util.function.Supplier<>() {
            private String stamps;
            private List<ConfigProblem> problems = List.of();

            @Override
            public synchronized List<ConfigProblem> get() {
                StringBuilder now = new StringBuilder();
                files(homeRoutes).forEach(f -> now.append(f).append('|').append(stamp(f)).append('\n'));
                if (!now.toString().equals(stamps)) {
                    stamps = now.toString();
                    problems = List.copyOf(problems(homeRoutes, packagedResources));
                }
                return problems;
            }
        };
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".camel.yaml") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String stamp(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis() + "|" + Files.size(f);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
