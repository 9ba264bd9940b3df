#!/usr/bin/env bash
# Stops the throwaway PostgreSQL server that start.sh started.
#   tests/pg/stop.sh STATE          stop it and delete its directory and STATE
#   tests/pg/stop.sh STATE --crash  kill it at once (as a crash would), keeping
#                                   its data so that start.sh STATE restarts it
set -euo pipefail

state=${1:?usage: stop.sh STATE [--crash]}
mode=${2:-}
[[ -f "$state" ]] || exit 0
# shellcheck source=/dev/null
source "$state"

if [[ "$(id -u)" -eq 0 ]]; then
  as_server() { runuser -u "$PG_SERVER_USER" -- "$@"; }
else
  as_server() { "$@"; }
fi

if [[ "$mode" == --crash ]]; then
  # Immediate mode: every server process quits at once, without a checkpoint,
  # cutting its connections; the next start runs crash recovery.
  as_server "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null
  exit 0
fi

as_server "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
rm -rf "$PG_DIR"
rm -f "$state"
