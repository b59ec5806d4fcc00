/**
 * dipwatch: a daemon that watches diplomatic statements. {@code App} is the command line;
 * {@code Daemon} runs Camel Main with the YAML routes of {@code routes/}; {@code Pipeline} is the
 * one path every article takes, in this order: ingest (read the document) → normalize (the seed
 * shape) → dedup (against the whole corpus) → corpus (write to {@code seeds/}, record in the index).
 * The daemon's routes and the {@code ingest} command call the same pipeline.
 */
package org.dipwatch;
