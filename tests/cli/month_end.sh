#!/usr/bin/env bash
# End-to-end: the month-end close of the bundled sample ledger with every
# bundled plugin: artefacts and lock, an interrupted close resumed to the
# same figures as an uninterrupted one, dry run, and the example CI job.
source "$(dirname "$0")/lib.sh"
SAMPLE="$ARCTL_SOURCE_DIR/share/sample"
export ARCTL_TODAY=2026-04-02

build() {  # DIR: the sample ledger with its bank statement imported
  arctl -C "$1" -q init >/dev/null
  arctl -C "$1" -q customer import "$SAMPLE/customers.csv" >/dev/null
  arctl -C "$1" -q invoice import "$SAMPLE/invoices.csv" >/dev/null
  arctl -C "$1" -q payment import "$SAMPLE/bank.csv" --format csv >/dev/null
  arctl -C "$1" -q dispute open --invoice INV-2026-000005 --amount 50.00 --reason damaged >/dev/null
}
# The figures a close must reproduce: every step's figures, the aging and balances.
figures() {  # LEDGER REPORT
  python3 - "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(json.dumps({s["step"]: s.get("figures") for s in r["steps"]}, sort_keys=True))
PY
  arctl -C "$1" --format json aging --by summary
  arctl -C "$1" --format csv customer list --status all
}

A="$tmp/a"
build "$A"
cp -r "$A" "$tmp/b"
cp -r "$A" "$tmp/c"

case_ "--dry-run leaves the journal unchanged"
before="$(event_count "$tmp/c")"
expect_exit 0 arctl -C "$tmp/c" --format json close 2026-03 --dry-run --out "$tmp/c-out"
expect_eq "$before" "$(event_count "$tmp/c")" "events after a dry run"
expect_eq "dry run: nothing committed" "$(json 'd["status"]' <<<"$out")" "the dry run's report, on stdout"
expect_false "a dry run writes no file" test -e "$tmp/c-out"

case_ "closing the sample ledger writes the report, statements and notices, and locks"
expect_exit 0 arctl -C "$A" close 2026-03 --out "$tmp/a-out"
report="$tmp/a-out/2026-03/close-report.json"
expect_eq "closed" "$(json 'd["status"]' <"$report")" "status"
expect_true "text report" test -s "$tmp/a-out/2026-03/close-report.txt"
expect_eq "300" "$(find "$tmp/a-out/2026-03/statements" -name 'C*' | wc -l | tr -d ' ')" "one statement per customer"
expect_true "statement index" test -s "$tmp/a-out/2026-03/statements/index.csv"
expect_true "notices written" test -n "$(ls "$tmp/a-out/2026-03/notices")"
run arctl -C "$A" --format json period show
expect_eq "2026-03-31" "$(json 'd["locked_through"]' <<<"$out")" "locked through"
expect_exit 5 arctl -C "$A" invoice create --customer C0001 --date 2026-03-31 --line "Late;1;1.00"
expect_exit 0 arctl -C "$A" check

case_ "a close stopped before its third step, re-run, ends with the same figures"
steps="$(json '[s["step"] for s in d["steps"]]' <"$report")"
third="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[2])' "$steps")"
mkdir -p "$tmp/b/hooks"
printf '#!/bin/sh\nexit 1\n' >"$tmp/b/hooks/pre-$third"
chmod +x "$tmp/b/hooks/pre-$third"
expect_exit 1 arctl -C "$tmp/b" close 2026-03 --out "$tmp/b-out"
run arctl -C "$tmp/b" --format json close status 2026-03
expect_eq "in progress" "$(json 'd["status"]' <<<"$out")" "interrupted status"
expect_eq "2" "$(json 'len(d["steps_done"])' <<<"$out")" "two steps committed"
rm "$tmp/b/hooks/pre-$third"
expect_exit 0 arctl -C "$tmp/b" close 2026-03 --out "$tmp/b-out"
expect_eq "$(figures "$A" "$report")" "$(figures "$tmp/b" "$tmp/b-out/2026-03/close-report.json")" "figures of the resumed close"
expect_exit 0 arctl -C "$tmp/b" check

case_ "the example month-end CI script closes the sample ledger"
expect_exit 0 env ARCTL="$ARCTL_BIN" bash "$ARCTL_SOURCE_DIR/share/examples/month-end/month-end.sh" "$tmp/c" 2026-03 "$tmp/ci-artefacts"
expect_true "CI artefacts" test -s "$tmp/ci-artefacts/2026-03/close-report.json"
expect_eq "closed" "$(json 'd["status"]' <"$tmp/ci-artefacts/2026-03/close-report.json")" "CI close status"
expect_true "journal head published" test -s "$tmp/ci-artefacts/2026-03/journal-head.json"
