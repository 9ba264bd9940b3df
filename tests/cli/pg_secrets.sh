#!/usr/bin/env bash
# Passwords stay secret: arctl takes them only from libpq's own sources
# (PGPASSWORD, ~/.pgpass), refuses one in a URL, and never shows one in
# `store info`, `log`, error messages, diagnostics or the ledger directory.
# Needs the pg test server (its role arctl_pw must give a password).
source "$(dirname "$0")/lib.sh"
: "${PG_URL:?run with ARCTL_TEST_BACKEND=pg}"
real() { "$ARCTL_REAL_BIN" "$@"; }
unset PGPASSWORD PGPASSFILE PGSERVICE
export HOME="$tmp/home"
mkdir -m 700 "$HOME"

secret="Sw0rdfish$$x$RANDOM"
"$PG_BINDIR/psql" -qAt -h "$PG_DIR/sock" -p "$PG_PORT" -U arctl -d arctl >/dev/null <<SQL
DO \$\$ BEGIN
  CREATE ROLE arctl_pw LOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END \$\$;
ALTER ROLE arctl_pw PASSWORD '$secret';
GRANT CREATE ON DATABASE arctl TO arctl_pw;
SQL
url="postgresql://arctl_pw@/arctl?host=$PG_DIR/sock&port=$PG_PORT&schema=secrets_$$"
with_pw="postgresql://arctl_pw:$secret@/arctl?host=$PG_DIR/sock&port=$PG_PORT&schema=secrets_$$"
L="$tmp/ledger"
seen="$tmp/seen"
touch "$seen"
keep() { printf '%s\n%s\n' "$out" "$err" >>"$seen"; }

case_ "a password in the store URL is refused, and not repeated"
expect_exit 2 real -C "$L" init --store "$with_pw"
keep
expect_contains "$err" "arctl_pw:***@" "masked URL in the message"
expect_false "no ledger directory" test -e "$L/store.url"
expect_exit 2 env ARCTL_STORE="$with_pw" "$ARCTL_REAL_BIN" -C "$L" customer list
keep

case_ "without a password from libpq's sources the server refuses, clearly"
expect_exit 1 real -C "$L" init --store "$url"
keep
expect_contains "$err" "cannot connect to postgresql://arctl_pw@/arctl" "message"
expect_exit 1 env PGPASSWORD=not-the-password "$ARCTL_REAL_BIN" -C "$L" init --store "$url"
keep
expect_contains "$err" "password authentication failed" "message"

case_ "PGPASSWORD: the ledger works"
export PGPASSWORD=$secret
expect_exit 0 real -C "$L" -vv init --store "$url"
keep
printf 'id,name\nACME,Acme Corp\n' >"$tmp/c.csv"
expect_exit 0 real -C "$L" -vv customer import "$tmp/c.csv"
keep
expect_exit 0 real -C "$L" --format json store info
keep
expect_eq "$url" "$(json 'd["location"]' <<<"$out")" "location"
expect_exit 0 real -C "$L" --format json log
keep
expect_exit 3 real -C "$L" customer show NOBODY
keep
unset PGPASSWORD

case_ "~/.pgpass: the ledger works without PGPASSWORD"
printf '*:*:*:arctl_pw:%s\n' "$secret" >"$HOME/.pgpass"
chmod 600 "$HOME/.pgpass"
expect_exit 0 real -C "$L" --format json customer list
expect_eq '["ACME"]' "$(json '[c["id"] for c in d]' <<<"$out")" "customers"
rm "$HOME/.pgpass"

case_ "the password appears nowhere"
expect_eq "" "$(grep -l -r -F -- "$secret" "$L" || true)" "files in the ledger directory with it"
expect_eq 0 "$(grep -c -F -- "$secret" "$seen" || true)" "lines of output with it"
expect_true "output was collected" test "$(wc -l <"$seen")" -gt 10
