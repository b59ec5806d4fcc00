/**
 * Config: the settings of a home. Packaged defaults (every key documented in
 * {@code dipwatch-defaults.properties}) are overridden, in this order, by the home's
 * {@code dipwatch.properties}, environment variables and {@code -D} system properties;
 * {@code SettingsCheck} names each key that is unknown or malformed and where it was set.
 */
package org.dipwatch.config;
