package org.dipwatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The resolved configuration of one dipwatch home: packaged defaults, overridden by the home's
 * {@code dipwatch.properties}, then by environment variables, then by JVM system properties.
 * Values may refer to {@code ${dipwatch.home}}, which is replaced by the home folder's path.
 */
public final class Settings {

    /** Name of the optional properties file in the home folder. */
    public static final String FILE_NAME = "dipwatch.properties";
    static final String DEFAULTS = "/dipwatch-defaults.properties";
    static final String HOME = "dipwatch.home";

    private final Path home;
    private final Map<String, String> values;
    private final Map<String, String> origins;

    private Settings(Path home, Map<String, String> values, Map<String, String> origins) {
        this.home = home;
        this.values = Collections.unmodifiableMap(values);
        this.origins = Collections.unmodifiableMap(origins);
    }

    /** Loads the settings of the home named by {@code dipwatch.home} (system property, then environment, then the working directory). */
    public static Settings load() {
        return load(System.getenv(), System.getProperties());
    }

    /**
     * The settings of a given home with some keys set, as if they were {@code -D} options (tests,
     * embedding); the environment is not read.
     */
    public static Settings of(Path home, Map<String, String> overrides) {
        Properties props = new Properties();
        props.setProperty(HOME, home.toString());
        overrides.forEach(props::setProperty);
        return load(Map.of(), props);
    }

    static Settings load(Map<String, String> env, Properties system) {
        String homeValue = system.getProperty(HOME, env.getOrDefault(envName(HOME), ""));
        Path home = Path.of(homeValue.isBlank() ? "" : homeValue).toAbsolutePath().normalize();
        Map<String, String> values = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        Properties defaults = readClasspath(DEFAULTS);
        put(values, origins, defaults, "defaults");
        Path file = home.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            put(values, origins, readFile(file), file.toString());
        }
        // environment: only keys we know, or any dipwatch./camel. key spelt out in the environment
        for (Map.Entry<String, String> e : env.entrySet()) {
            String key = propertyName(e.getKey(), values.keySet());
            if (key != null) {
                values.put(key, e.getValue());
                origins.put(key, "environment " + e.getKey());
            }
        }
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("dipwatch.") || key.startsWith("camel.")) {
                values.put(key, system.getProperty(key));
                origins.put(key, "system property");
            }
        }
        values.put(HOME, home.toString());
        origins.put(HOME, "home");
        String homeText = home.toString();
        values.replaceAll((k, v) -> v.replace("${dipwatch.home}", homeText));
        return new Settings(home, values, origins);
    }

    /** The home folder, absolute. */
    public Path home() {
        return home;
    }

    /** The value of a key, or {@code null}. */
    public String get(String key) {
        return values.get(key);
    }

    /** The value of a key that must be set. */
    public String require(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new ConfigException(key + " is not set (check " + FILE_NAME + ", the environment and -D options)");
        }
        return value;
    }

    /** The value of a key as an integer, with the key and where it came from in the error. */
    public int intValue(String key) {
        return (int) longValue(key);
    }

    /** The value of a key as a long, with the key and where it came from in the error. */
    public long longValue(String key) {
        String value = require(key).trim();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + "=" + value + " (from " + origins.get(key) + ") is not a whole number");
        }
    }

    /** The value of a key as a decimal number, with the key and where it came from in the error. */
    public double decimalValue(String key) {
        String value = require(key).trim();
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + "=" + value + " (from " + origins.get(key) + ") must be a number");
        }
    }

    /** Where a key's value came from: {@code defaults}, a file path, an environment variable or a system property. */
    public String origin(String key) {
        return origins.get(key);
    }

    /** Every key and value, sorted by key. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The keys documented in the packaged defaults: the keys dipwatch knows. */
    public static Map<String, String> defaults() {
        Map<String, String> out = new LinkedHashMap<>();
        readClasspath(DEFAULTS).forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }

    /** The environment variable that sets a property: upper case, dots and dashes as underscores. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String propertyName(String envKey, Iterable<String> known) {
        for (String key : known) {
            if (envName(key).equals(envKey)) {
                return key;
            }
        }
        if (envKey.startsWith("DIPWATCH_") && !envKey.equals(envName(HOME))) {
            // an unknown DIPWATCH_ variable: accepted for keys added later (check-config reports it)
            return envKey.toLowerCase(Locale.ROOT).replace('_', '.');
        }
        return null;
    }

    private static void put(Map<String, String> values, Map<String, String> origins, Properties props, String origin) {
        for (String key : props.stringPropertyNames()) {
            values.put(key, props.getProperty(key).trim());
            origins.put(key, origin);
        }
    }

    private static Properties readClasspath(String resource) {
        Properties props = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return props;
    }

    static Properties readFile(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(file + ": cannot be read as a properties file: " + e.getMessage());
        }
        return props;
    }
}
