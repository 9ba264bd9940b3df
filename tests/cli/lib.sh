# Helpers sourced by every end-to-end test: a private temporary directory,
# a reproducible environment for the arctl under test (ARCTL_BIN), and
# assertions that name the script, line and case when they fail.
set -Eeuo pipefail

: "${ARCTL_BIN:?ARCTL_BIN must name the arctl binary under test}"

# Nothing from the caller's environment may choose the ledger or plugins.
unset ARCTL_DIR ARCTL_PLUGIN_PATH ARCTL_TODAY ARCTL_ACTOR ARCTL_STORE NO_COLOR
export ARCTL_TODAY=2026-03-31
export ARCTL_ACTOR=e2e
export LC_ALL=C.UTF-8
umask 022

# The system's python3 (bootstrap installs Debian's), called directly: a
# version manager's shim first on PATH costs up to a second a call on a busy
# machine, and the assertions below call python3 for every JSON check.
if [[ -x /usr/bin/python3 ]]; then
  python3() { /usr/bin/python3 "$@"; }
fi

test_name="$(basename "$0" .sh)"
_lib_file="${BASH_SOURCE[0]}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/arctl-e2e-$test_name.XXXXXX")"
# Each script keeps its own plugin manifest (the first call writes it).
# ARCTL_PLUGIN_LOAD=all from the caller runs the script with every plugin
# loaded up front, which must give the same results.
export XDG_CACHE_HOME="$tmp/.cache"
failures=0
checks=0
current_case=""

# The location in the test script (not in this file) that made the call.
_where() {
  local i
  for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
    if [[ "${BASH_SOURCE[i]}" != "$_lib_file" ]]; then
      echo "$(basename "${BASH_SOURCE[i]}"):${BASH_LINENO[i - 1]}"
      return
    fi
  done
  echo "$test_name:?"
}

_finish() {
  local status=$?
  trap - EXIT
  # Background writers of a failed test must not outlive it.
  local pids
  mapfile -t pids < <(jobs -p)
  if ((${#pids[@]} > 0)); then
    kill "${pids[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
  fi
  if ((status == 0)); then _check_ledgers; fi
  local cleanup
  for cleanup in "${_at_exit[@]}"; do eval "$cleanup" || true; done
  chmod -R u+rwX "$tmp" 2>/dev/null || true
  rm -rf "$tmp"
  if ((status != 0)); then
    echo "$test_name: aborted (exit $status) after $checks checks, $failures failed" >&2
    exit "$status"
  fi
  if ((failures > 0)); then
    echo "$test_name: $failures of $checks checks FAILED" >&2
    exit 1
  fi
  echo "$test_name: all $checks checks passed"
}
trap _finish EXIT

# at_exit CMD: CMD (a string for eval) runs when the script ends, after the
# ledgers' check and before the temporary directory goes (an unmount).
_at_exit=()
at_exit() { _at_exit+=("$1"); }

# Every ledger the script used must pass `arctl check` when it ends: the
# arctl under test is reached through a wrapper that notes the ledger of each
# call (-C/--ledger, ARCTL_DIR, or the .arctl found upward from the working
# directory), and _finish checks each one. A ledger a test breaks on purpose
# is declared with ledger_left_broken.
_check_ledgers() {
  [[ -f "$tmp/.ledgers" ]] || return 0
  local seen=() line dir d
  while IFS= read -r line; do
    case "$line" in
      dir:*) dir=${line#dir:} ;;
      cwd:*)
        d=${line#cwd:} dir=${line#cwd:}/.arctl
        while [[ "$d" == "$tmp"/* ]]; do
          if [[ -d "$d/.arctl" ]]; then dir=$d/.arctl; break; fi
          d=${d%/*}
        done
        ;;
    esac
    dir=$(realpath -m -- "$dir" 2>/dev/null) || continue
    [[ -f "$dir/data.mdb" || -f "$dir/store.url" ]] || continue
    [[ " ${seen[*]-} " == *" $dir "* ]] && continue
    seen+=("$dir")
    if [[ -f "$tmp/.broken" ]] && grep -qxF -- "$dir" "$tmp/.broken"; then continue; fi
    checks=$((checks + 1))
    if ! "$_arctl_target" -C "$dir" -q check >"$tmp/.check" 2>&1; then
      failures=$((failures + 1))
      echo "FAIL $test_name [end of script]: arctl check fails on the ledger ${dir#"$tmp"/}" \
        "(a test that breaks a ledger on purpose declares it with ledger_left_broken):" >&2
      head -c 2000 "$tmp/.check" >&2
    fi
  done < <(sort -u "$tmp/.ledgers")
}

# ledger_left_broken DIR: DIR is damaged on purpose; the end-of-script check skips it.
ledger_left_broken() { realpath -m -- "$1" >>"$tmp/.broken"; }

# ARCTL_TEST_BACKEND=pg runs the test on PostgreSQL: ARCTL_BIN becomes a
# wrapper that gives every `arctl init` a schema of its own on the test server
# (ARCTL_PG_STATE, written by tests/pg/start.sh); everything else passes
# through unchanged.
if [[ "${ARCTL_TEST_BACKEND:-lmdb}" == pg ]]; then
  : "${ARCTL_PG_STATE:?ARCTL_PG_STATE must name the state file of the test server}"
  # shellcheck source=/dev/null
  source "$ARCTL_PG_STATE"
  export PG_URL PG_DIR PG_BINDIR PG_PORT PG_SERVER_USER
  mkdir "$tmp/.pg-bin"
  cat >"$tmp/.pg-bin/arctl" <<WRAPPER
#!/usr/bin/env bash
set -euo pipefail
args=("\$@")
i=0
while ((i < \${#args[@]})); do
  case "\${args[i]}" in
    -C | --ledger | --format | --as-of | --actor | --plugin-dir) i=\$((i + 2)) ;;
    -*) i=\$((i + 1)) ;;
    *) break ;;
  esac
done
if ((i < \${#args[@]})) && [[ "\${args[i]}" == init && " \$* " != *" --store"* ]]; then
  schema="e2e_\$(date +%s%N)_\$\$"
  exec "$ARCTL_BIN" "\${args[@]:0:i+1}" --store "$PG_URL&schema=\$schema" "\${args[@]:i+1}"
fi
exec "$ARCTL_BIN" "\$@"
WRAPPER
  chmod +x "$tmp/.pg-bin/arctl"
  ARCTL_REAL_BIN=$ARCTL_BIN
  ARCTL_BIN=$tmp/.pg-bin/arctl
  export ARCTL_REAL_BIN ARCTL_BIN

  # A test that copies a ledger directory (cp -r SRC DEST) means a second,
  # independent ledger; for a ledger on the server the copy gets a schema of
  # its own with the data copied into it (arctl store copy).
  cp() {
    command cp "$@"
    local dest=${!#} src copy url
    for src in "${@:1:$#-1}"; do
      [[ "$src" != -* && -f "$src/store.url" ]] || continue
      copy=$dest
      [[ -f "$copy/store.url" ]] || copy=$dest/$(basename "$src")
      url="$PG_URL&schema=e2e_$(date +%s%N)_$$"
      "$ARCTL_REAL_BIN" -C "$src" -q store copy --to "$url" >/dev/null
      printf '%s\n' "$url" >"$copy/store.url"
    done
  }
fi
_arctl_target=$ARCTL_BIN
mkdir -p "$tmp/.track-bin"
cat >"$tmp/.track-bin/arctl" <<WRAPPER
#!/usr/bin/env bash
args=("\$@")
dir="" i=0
while ((i < \${#args[@]})); do
  case "\${args[i]}" in
    -C | --ledger) dir=\${args[i + 1]-}; i=\$((i + 2)) ;;
    --ledger=*) dir=\${args[i]#--ledger=}; i=\$((i + 1)) ;;
    --format | --as-of | --actor | --plugin-dir) i=\$((i + 2)) ;;
    -*) i=\$((i + 1)) ;;
    *) break ;;
  esac
done
[[ -n "\$dir" ]] || dir=\${ARCTL_DIR-}
if [[ -z "\$dir" ]]; then
  printf 'cwd:%s\n' "\$PWD" >>"$tmp/.ledgers"
else
  [[ "\$dir" == /* ]] || dir=\$PWD/\$dir
  printf 'dir:%s\n' "\$dir" >>"$tmp/.ledgers"
fi
exec "$_arctl_target" "\$@"
WRAPPER
chmod +x "$tmp/.track-bin/arctl"
ARCTL_BIN=$tmp/.track-bin/arctl
export ARCTL_BIN

trap 'echo "ERROR $(basename "${BASH_SOURCE[0]}"):$LINENO [$current_case]: unexpected failure of: $BASH_COMMAND" >&2' ERR

# Names the behaviour the following assertions check, for failure messages.
case_() { current_case="$*"; }

fail() {
  failures=$((failures + 1))
  echo "FAIL $(_where) [$current_case]: $*" >&2
}

# The arctl under test, exactly as a user would run it.
arctl() { "$ARCTL_BIN" "$@"; }

# in_dir DIR CMD...: runs CMD with DIR as its working directory.
in_dir() { (cd "$1" && shift && "$@"); }

# with_umask MASK CMD...: runs CMD under umask MASK.
with_umask() { (umask "$1" && shift && "$@"); }

# run CMD...: runs CMD and keeps its exit code in $rc, its standard output in
# $out and its standard error in $err, whatever the exit code.
run() {
  rc=0
  "$@" >"$tmp/.out" 2>"$tmp/.err" || rc=$?
  out="$(cat "$tmp/.out")"
  err="$(cat "$tmp/.err")"
}

# expect_exit CODE CMD...: runs CMD (as run does) and checks its exit code.
expect_exit() {
  local want=$1
  shift
  run "$@"
  checks=$((checks + 1))
  if [[ "$rc" != "$want" ]]; then
    fail "expected exit $want, got $rc from: $*
  stdout: ${out:0:2000}
  stderr: ${err:0:2000}"
    return 0
  fi
}

# expect_eq EXPECTED ACTUAL [WHAT]
expect_eq() {
  checks=$((checks + 1))
  if [[ "$1" != "$2" ]]; then
    fail "${3:-value}: expected '$1', got '$2'"
  fi
}

# expect_contains HAYSTACK NEEDLE [WHAT]
expect_contains() {
  checks=$((checks + 1))
  if [[ "$1" != *"$2"* ]]; then
    fail "${3:-text} should contain '$2'; it is: ${1:0:2000}"
  fi
}

# expect_not_contains HAYSTACK NEEDLE [WHAT]
expect_not_contains() {
  checks=$((checks + 1))
  if [[ "$1" == *"$2"* ]]; then
    fail "${3:-text} should not contain '$2'; it is: ${1:0:2000}"
  fi
}

# expect_match TEXT ERE [WHAT]: TEXT matches the extended regular expression.
expect_match() {
  checks=$((checks + 1))
  if ! grep -Eq -- "$2" <<<"$1"; then
    fail "${3:-text} should match /$2/; it is: ${1:0:2000}"
  fi
}

# expect_true WHAT CMD...: CMD (a test such as `test -f FILE`) succeeds.
expect_true() {
  local what=$1
  shift
  checks=$((checks + 1))
  if ! "$@"; then
    fail "$what: '$*' should hold"
  fi
}

# expect_false WHAT CMD...: CMD fails.
expect_false() {
  local what=$1
  shift
  checks=$((checks + 1))
  if "$@"; then
    fail "$what: '$*' should not hold"
  fi
}

# json EXPR < DOCUMENT: evaluates the Python expression EXPR with the parsed
# JSON document bound to `d`; strings print bare, everything else as JSON.
# A document that does not parse, or an EXPR that fails on it, prints a
# <...> marker that no assertion expects, so the check fails and the test
# goes on.
json() { _eval_doc json "$1"; }

# csv EXPR < DOCUMENT: as json, with `rows` the parsed CSV (a list of lists).
csv() { _eval_doc csv "$1"; }

# _eval_doc json|csv EXPR < DOCUMENT: the one evaluator behind json and csv.
_eval_doc() {
  python3 -c '
import csv, json, sys
if sys.argv[1] == "csv":
    rows = list(csv.reader(sys.stdin))
else:
    text = sys.stdin.read()
    try:
        d = json.loads(text)
    except ValueError as e:
        print("<not JSON (%s): %r>" % (e, text[:300]))
        sys.exit(0)
try:
    r = eval(sys.argv[2])
except Exception as e:
    print("<%s failed: %s: %s>" % (sys.argv[2], type(e).__name__, e))
    sys.exit(0)
print(r if isinstance(r, str) else json.dumps(r))
' "$1" "$2"
}

# new_ledger DIR: creates a ledger in DIR (exit 0 or the test stops).
new_ledger() {
  "$ARCTL_BIN" -C "$1" -q init >/dev/null
}

# plugin_dir DIR [NAME...]: makes DIR (mode 755: the plugin host refuses a
# world-writable directory) holding the built test plugins NAME.so.
plugin_dir() {
  : "${ARCTL_TEST_PLUGIN_DIR:?ARCTL_TEST_PLUGIN_DIR must name the built test plugins}"
  local dir=$1 name
  mkdir -m 755 "$dir"
  for name in "${@:2}"; do
    cp "$ARCTL_TEST_PLUGIN_DIR/$name.so" "$dir/"
  done
}

# event_count DIR: the number of journal events in the ledger in DIR.
event_count() {
  "$ARCTL_BIN" -C "$1" --format json log | json 'len(d)'
}

# start_ledger [ID NAME]...: the usual start of a workflow test: a ledger in
# L=$tmp/ledger, `a` to run arctl on it, and the customers ID named NAME.
start_ledger() {
  L="$tmp/ledger"
  new_ledger "$L"
  a() { arctl -C "$L" "$@"; }
  while (($# >= 2)); do
    a -q customer add "$1" --name "$2" >/dev/null
    shift 2
  done
}

# smtp_start DIR: starts a real SMTP server (python3-aiosmtpd) on a free port
# of 127.0.0.1 that stores each message it accepts as DIR/N.eml
# (tests/tools/smtp_sink.py: envelope as X-Envelope-From/-To headers; a
# recipient "reject..." gets 550, "tempfail..." 451). Exports SMTP_PORT
# (the same port again after smtp_stop, so a restarted server is the one a
# ledger's config names), waits until it listens, and stops it when the script
# ends. smtp_stop: stops it.
_smtp_pid=""
smtp_start() {
  local dir=$1 i
  mkdir -p "$dir"
  smtp_stop
  if [[ -z "${SMTP_PORT:-}" ]]; then
    SMTP_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    export SMTP_PORT
  fi
  # The interpreter itself, not the python3 function: $! must be the server.
  local py
  py=$(type -P python3)
  [[ -x /usr/bin/python3 ]] && py=/usr/bin/python3
  PYTHONPATH="$(dirname "$_lib_file")/../tools" "$py" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" \
    -c smtp_sink.Handler "$dir" >"$tmp/.smtp.log" 2>&1 &
  _smtp_pid=$!
  for ((i = 0; i < 100; i++)); do
    if python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()' \
      "$SMTP_PORT" 2>/dev/null; then
      return 0
    fi
    kill -0 "$_smtp_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "smtp_start: the SMTP server did not start on port $SMTP_PORT:" >&2
  cat "$tmp/.smtp.log" >&2
  return 1
}
smtp_stop() {
  [[ -n "$_smtp_pid" ]] || return 0
  kill "$_smtp_pid" 2>/dev/null || true
  wait "$_smtp_pid" 2>/dev/null || true
  _smtp_pid=""
}
at_exit smtp_stop
