#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests: initdb into a private
# temporary directory, Unix socket only (listen_addresses=''), run as an
# unprivileged user because the server refuses root. Writes STATE, a file of
# shell assignments (PG_DIR, PG_URL, ...) that tests and stop.sh read.
# Run again on an existing STATE, it starts the same server again.
#   tests/pg/start.sh STATE
set -euo pipefail

state=${1:?usage: start.sh STATE}
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[[ -x "$bindir/initdb" ]] || {
  echo "start.sh: no PostgreSQL server found (install the postgresql package)" >&2
  exit 1
}
port=${PG_PORT:-54329}

# as_server CMD...: runs CMD as the server's user.
if [[ "$(id -u)" -eq 0 ]]; then
  server_user=${PG_USER:-postgres}
  as_server() { runuser -u "$server_user" -- "$@"; }
else
  server_user=$(id -un)
  as_server() { "$@"; }
fi

pg_start() {
  as_server "$bindir/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$PG_DIR/sock' -c port=$port" \
    start >/dev/null
}

if [[ -f "$state" ]]; then
  # shellcheck source=/dev/null
  source "$state"
  pg_start
  exit 0
fi

PG_DIR=$(mktemp -d /tmp/arctl-pg.XXXXXX)
chmod 0755 "$PG_DIR"
mkdir -m 0700 "$PG_DIR/data"
mkdir -m 0755 "$PG_DIR/sock"
chown "$server_user" "$PG_DIR" "$PG_DIR/data" "$PG_DIR/sock"

as_server "$bindir/initdb" -D "$PG_DIR/data" -U arctl --auth=trust --locale=C -E UTF8 \
  >"$PG_DIR/initdb.log" 2>&1 || {
  cat "$PG_DIR/initdb.log" >&2
  exit 1
}
# A role that must give a password, for the tests that keep passwords secret;
# everyone else is trusted on the private socket.
cat >"$PG_DIR/data/pg_hba.conf" <<HBA
local all arctl_pw scram-sha-256
local all all trust
HBA
# fsync off: the tests kill the server, never the machine, so the operating
# system still writes everything; synchronous_commit stays on, or a killed
# server would forget transactions it had acknowledged.
cat >>"$PG_DIR/data/postgresql.conf" <<CONF
fsync = off
full_page_writes = off
max_connections = 200
CONF
pg_start

as_server "$bindir/psql" -q -h "$PG_DIR/sock" -p "$port" -U arctl -d postgres \
  -c "CREATE DATABASE arctl" >/dev/null

cat >"$state" <<STATE
PG_DIR='$PG_DIR'
PG_BINDIR='$bindir'
PG_PORT='$port'
PG_SERVER_USER='$server_user'
PG_URL='postgresql://arctl@/arctl?host=$PG_DIR/sock&port=$port'
STATE
echo "PostgreSQL test server running in $PG_DIR"
