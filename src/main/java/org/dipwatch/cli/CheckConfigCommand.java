package org.dipwatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.dipwatch.Daemon;
import org.dipwatch.classify.Dictionaries;
import org.dipwatch.config.ConfigException;
import org.dipwatch.config.Settings;
import org.dipwatch.config.SettingsCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code check-config}: validates the settings and the routes without running anything. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Validate dipwatch.properties, the environment and -D settings, and every route file:",
                "on an error, name the file, key or line and exit 1."})
public final class CheckConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        try {
            settings = Settings.load();
        } catch (ConfigException e) {
            err.println("check-config: " + e.getMessage());
            return 1;
        }
        List<String> problems = SettingsCheck.problems(settings);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("check-config: " + p));
            return 1;
        }
        Dictionaries dictionaries = Dictionaries.load(java.nio.file.Path.of(settings.require("dipwatch.classify.dir")));
        if (!dictionaries.problems().isEmpty()) {
            dictionaries.problems().forEach(p -> err.println("check-config: classify: " + p));
            return 1;
        }
        List<String> subscriptionProblems = org.dipwatch.Pipeline.subscriptions(settings).problems();
        if (!subscriptionProblems.isEmpty()) {
            subscriptionProblems.forEach(p -> err.println("check-config: " + p));
            return 1;
        }
        List<String> sourceProblems = Daemon.sourceProblems(settings);
        if (!sourceProblems.isEmpty()) {
            sourceProblems.forEach(p -> err.println("check-config: " + p));
            return 1;
        }
        // Camel's start-up lines would bury the verdict: only its warnings and errors are shown here
        org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.camel", org.apache.logging.log4j.Level.WARN);
        try {
            int routes = Daemon.checkRoutes(settings);
            out.println("check-config: settings of " + settings.home() + " are valid; " + routes + " routes load from "
                    + Daemon.routesLocation(settings) + "; dictionaries " + dictionaries.counts());
            return 0;
        } catch (Exception e) {
            err.println("check-config: routes from " + Daemon.routesLocation(settings) + " do not load:");
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                err.println("  " + t.getMessage());
            }
            return 1;
        }
    }
}
