#!/bin/sh
# Seeds an empty home with the original corpus, then runs dipwatch with the given command.
set -e
if [ -z "$(ls -A "$DIPWATCH_HOME/seeds" 2>/dev/null)" ]; then
  mkdir -p "$DIPWATCH_HOME/seeds"
  cp /opt/dipwatch/seeds/*.txt "$DIPWATCH_HOME/seeds/"
fi
# exec: the launcher execs the JVM, which gets SIGTERM from `docker stop` and shuts down gracefully
exec /opt/dipwatch/bin/dipwatch "$@"
