package org.dipwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.classify.Dictionaries;
import org.dipwatch.config.ConfigException;
import org.dipwatch.config.ConfigProblem;
import org.dipwatch.config.Settings;
import org.dipwatch.config.SettingsCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code check-config}: validates everything the daemon reads, without running anything, and
 * reports every problem of every kind in one run: the settings, the dictionaries, the
 * subscriptions, the sources in the route files, and whether the routes load. Exit 1 on any.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Validate dipwatch.properties, the environment and -D settings, the dictionaries, subscriptions.yaml",
                "and every route file; report every problem (file, line, key, message) and exit 1 on any."})
public final class CheckConfigCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object on stdout: valid, problems (file, line, key, message), "
            + "routes (how many load), dictionaries (entries by type).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Object> report = new LinkedHashMap<>();
        Settings settings = null;
        try {
            settings = Settings.load();
        } catch (ConfigException e) {
            problems.add(new ConfigProblem(null, null, null, e.getMessage()));
        }
        if (settings != null) {
            report.put("home", settings.home().toString());
            check(settings, problems, report);
        }
        report.put("valid", problems.isEmpty());
        report.put("problems", problems);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json) {
            Map<String, Object> ordered = new LinkedHashMap<>();
            ordered.put("valid", report.remove("valid"));
            ordered.put("problems", report.remove("problems"));
            ordered.putAll(report);
            out.println(JSON.writeValueAsString(ordered));
        } else if (problems.isEmpty()) {
            out.println("check-config: settings of " + report.get("home") + " are valid; " + report.get("routes") + " routes load from "
                    + report.get("routesFrom") + "; dictionaries " + report.get("dictionaries"));
        } else {
            problems.forEach(p -> err.println("check-config: " + p.text()));
            err.println("check-config: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + (report.containsKey("routesNotLoaded") ? "; the routes were not loaded: " + report.get("routesNotLoaded") : "")
                    + " (--json prints them as JSON)");
        }
        out.flush();
        err.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    /** Every check that needs the settings, in the order a user fixes things: settings, dictionaries, subscriptions, sources, routes. */
    private static void check(Settings settings, List<ConfigProblem> problems, Map<String, Object> report) {
        List<ConfigProblem> ofSettings = SettingsCheck.problems(settings);
        problems.addAll(ofSettings);
        Dictionaries dictionaries = Dictionaries.load(Path.of(settings.require("dipwatch.classify.dir")));
        dictionaries.problems().forEach(p -> problems.add(dictionaryProblem(p)));
        report.put("dictionaries", dictionaries.counts());
        problems.addAll(org.dipwatch.pipeline.Pipeline.subscriptions(settings, dictionaries).check());
        problems.addAll(Daemon.sourceProblems(settings));
        String routesFrom = Daemon.routesLocation(settings);
        report.put("routesFrom", routesFrom);
        report.put("routes", null);
        if (!dictionaries.problems().isEmpty()) {
            // the routes' beans need the classifier, which refuses dictionaries with problems
            report.put("routesNotLoaded", "the dictionaries' problems above come first");
            return;
        }
        Map<String, String> known = Settings.defaults();
        if (ofSettings.stream().anyMatch(p -> known.containsKey(p.key()) && known.get(p.key()).matches("-?\\d+(\\.\\d+)?|true|false"))) {
            // routes and beans parse those numbers ({{dipwatch.inbox.poll-delay}}): loading them would only repeat the problem
            report.put("routesNotLoaded", "the settings' problems above come first");
            return;
        }
        // Camel's and Quartz's start-up lines would bury the verdict: only their warnings and errors are shown here
        org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.camel", org.apache.logging.log4j.Level.WARN);
        org.apache.logging.log4j.core.config.Configurator.setLevel("org.quartz", org.apache.logging.log4j.Level.WARN);
        try {
            report.put("routes", Daemon.checkRoutes(settings, CommandApi::new));
        } catch (Exception e) {
            List<String> chain = new ArrayList<>();
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                // Camel repeats a cause's message in its own: each once
                if (t.getMessage() != null && (chain.isEmpty() || !chain.get(chain.size() - 1).contains(t.getMessage()))) {
                    chain.add(t.getMessage());
                }
            }
            problems.add(new ConfigProblem(null, null, null, "routes from " + routesFrom + " do not load: " + String.join("; ", chain)));
        }
    }

    /** A dictionary problem ({@code places.yaml: entry 'x': …}) with its file as the file. */
    private static ConfigProblem dictionaryProblem(String problem) {
        int colon = problem.indexOf(": ");
        String file = colon < 0 ? null : problem.substring(0, colon);
        if (file != null && (file.endsWith(".yaml") || file.endsWith(".csv") || file.endsWith("(packaged)"))) {
            return new ConfigProblem(file, null, null, "classify: " + problem.substring(colon + 2));
        }
        return new ConfigProblem(null, null, null, "classify: " + problem);
    }
}
