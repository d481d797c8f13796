#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster with trust auth on 127.0.0.1:54329,
# using the binaries of the installed PostgreSQL packages.
set -euo pipefail
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$BIN" ]; then
    echo "No PostgreSQL binaries under /usr/lib/postgresql; install the postgresql package" >&2
    exit 1
fi
DIR="$(mktemp -d /tmp/kaidan-pg.XXXXXX)"
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
    chown postgres "$DIR" 2>/dev/null || true
    RUN_AS=(runuser -u postgres --)
fi
"${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust >/dev/null
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -o "-p 54329 -k $DIR -c listen_addresses=127.0.0.1" -l "$DIR/log" -w start >/dev/null
echo "private PostgreSQL running in $DIR on 127.0.0.1:54329" >&2
