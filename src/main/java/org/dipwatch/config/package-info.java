/**
 * Config: the settings of a home. Packaged defaults (every key documented in
 * {@code dipwatch-defaults.properties}) are overridden, in this order, by the home's
 * {@code dipwatch.properties}, environment variables and {@code -D} system properties;
 * {@code SettingsCheck} names each key that is unknown (with the nearest known one, by
 * {@code NearestNames}) or malformed and where it was set. Every problem of the configuration,
 * whichever file it is in, is a {@code ConfigProblem} (file, line, key, message); {@code YamlLines}
 * gives the lines of a YAML file's keys.
 */
package org.dipwatch.config;
