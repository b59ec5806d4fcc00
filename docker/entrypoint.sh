#!/bin/sh
# Seeds an empty home with the original corpus, then runs dipwatch with the given command.
set -e
# a node of docker/compose.yaml gets its secrets from docker/.env: refuse to start without them
if [ -n "$DIPWATCH_INDEX_URL" ] && [ "${DIPWATCH_INDEX_URL#jdbc:postgresql:}" != "$DIPWATCH_INDEX_URL" ] && [ -z "$DIPWATCH_INDEX_PASSWORD" ]; then
  echo "dipwatch: DIPWATCH_INDEX_PASSWORD is empty: set it (and DIPWATCH_API_TOKEN) in docker/.env (cp docker/env.example docker/.env), then docker compose -f docker/compose.yaml up -d" >&2
  exit 78
fi
if [ -z "$(ls -A "$DIPWATCH_HOME/seeds" 2>/dev/null)" ]; then
  mkdir -p "$DIPWATCH_HOME/seeds"
  cp /opt/dipwatch/seeds/*.txt "$DIPWATCH_HOME/seeds/"
fi
# exec: the launcher execs the JVM, which gets SIGTERM from `docker stop` and shuts down gracefully
exec /opt/dipwatch/bin/dipwatch "$@"
