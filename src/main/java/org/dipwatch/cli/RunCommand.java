package org.dipwatch.cli;

import java.util.concurrent.Callable;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.config.Settings;
import picocli.CommandLine.Command;

/** {@code run}: the daemon, until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the daemon until SIGTERM or Ctrl-C: watch inbox/, run the routes in routes/,",
                "answer GET /health and GET /metrics on dipwatch.http.port (default 8080)."})
public final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        new Daemon(Settings.load(), CommandApi::new).run();
        return 0;
    }
}
