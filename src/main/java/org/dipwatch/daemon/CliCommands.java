package org.dipwatch.daemon;

import java.nio.file.Path;
import org.dipwatch.alert.AlertApi;
import org.dipwatch.pipeline.Pipeline;

/**
 * What the daemon answers at {@code POST /api/cli/{command}} ({@code routes/cli-api.camel.yaml}):
 * the CLI's commands that use the index, carried out against the daemon's own pipeline while it
 * holds the index. The CLI supplies them ({@code org.dipwatch.cli.CommandApi}) when it starts the
 * daemon, so the daemon's wiring does not depend on the commands.
 */
public interface CliCommands {

    /** The answer to one command request: 401 without the daemon's key, 400 for a bad request, 404 for an unknown command. */
    AlertApi.Answer answer(String command, String authorization, String body);

    /** Opens the commands on a daemon's pipeline and home, for requests that carry this key ({@link RunningDaemon#key()}). */
    @FunctionalInterface
    interface Factory {
        CliCommands open(Pipeline pipeline, Path home, String key);
    }
}
