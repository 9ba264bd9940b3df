#!/usr/bin/env bash
# End-to-end: the close's files (letters, statements, reports, GL export, the
# close report) and a notice run's letters appear only once the transaction
# they describe commits: a dry run or a vetoed transaction leaves no file.
source "$(dirname "$0")/lib.sh"

P="$tmp/plugins"
plugin_dir "$P" testthrow
L="$tmp/ledger"
new_ledger "$L"
a() { arctl -C "$L" --plugin-dir "$P" "$@"; }
# vetoed EVENT ARGS...: arctl as of 2026-04-02, with testthrow refusing EVENT.
vetoed() { env ARCTL_TEST_THROW_ON="$1" "$ARCTL_BIN" -C "$L" --plugin-dir "$P" --as-of 2026-04-02 "${@:2}"; }
files() { if [[ -d "$1" ]]; then (cd "$1" && find . -type f | sort | tr '\n' ' '); fi; }
a -q customer add ACME --name "Acme Ltd" >/dev/null
a -q invoice create --customer ACME --id I-1 --date 2026-02-01 --line "Widget;1;100.00" >/dev/null

case_ "a dry run of the close writes no file, not even its report"
expect_exit 0 a --as-of 2026-04-02 close 2026-03 --dry-run --out "$tmp/dry"
expect_eq "" "$(files "$tmp/dry")" "files after a dry run"

case_ "a notice run whose transaction is vetoed writes no letter"
expect_exit 1 vetoed notice.sent notice run --out "$tmp/letters"
expect_eq "" "$(files "$tmp/letters")" "letters after a vetoed run"
expect_exit 0 a --format json notice list
expect_eq 0 "$(json 'len(d)' <<<"$out")" "no level recorded"

case_ "a close step whose transaction is vetoed leaves no file; the steps before it keep theirs"
expect_exit 1 vetoed statements.snapshot close 2026-03 --out "$tmp/out"
expect_eq "./notices/2026-04-02-ACME-level3.txt ./statements/ACME.txt ./statements/index.csv " \
  "$(files "$tmp/out/2026-03")" "files of the committed steps only"

case_ "the re-run commits the rest and writes its files; the steps keep their order"
expect_exit 0 a --as-of 2026-04-02 --format json close 2026-03 --out "$tmp/out"
expect_eq '["payments.auto", "disputes.promises", "disputes.escalate", "holds.evaluate", "statements.notices", "statements.statements", "statements.snapshot", "gl.export"]' \
  "$(json '[s["step"] for s in d["steps"]]' <<<"$out")" "the order of the bundled steps"
expect_eq "./aging.csv ./close-report.json ./close-report.txt ./gl.journal ./notices/2026-04-02-ACME-level3.txt ./reports.json ./statements/ACME.txt ./statements/index.csv " \
  "$(files "$tmp/out/2026-03")" "files of the whole close"
expect_exit 0 a check
