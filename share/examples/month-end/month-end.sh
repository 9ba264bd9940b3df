#!/usr/bin/env bash
# An unattended month-end: restore the ledger, run the close for the month
# that just ended with a fixed business date, publish the artefacts.
#
#   month-end.sh LEDGER_SOURCE PERIOD ARTEFACTS_DIR
#
# LEDGER_SOURCE is a ledger directory, on either store (backed up, never
# changed), or a backup file made by `arctl backup`. PERIOD is YYYY-MM. ARCTL_TODAY defaults to the first
# day after the period, so that a re-run months later computes the same
# figures. Exit codes are arctl's: 0 closed (or already closed), 4 blocked by
# a check (see the report), anything else an error.
set -euo pipefail
source_ledger="$1"
period="$2"
artefacts="$3"
arctl="${ARCTL:-arctl}"

year="${period%-*}"
month="${period#*-}"
export ARCTL_TODAY="${ARCTL_TODAY:-$(date -d "$year-$month-01 +1 month" +%F)}"
export ARCTL_ACTOR="${ARCTL_ACTOR:-month-end-ci}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ARCTL_DIR="$work/ledger"
if [ -d "$source_ledger" ]; then
  # A consistent copy of the ledger, on LMDB or PostgreSQL alike, while
  # others may keep writing to it; the close then runs on the copy.
  "$arctl" -C "$source_ledger" -q backup "$work/source.mdb"
  "$arctl" -q restore "$work/source.mdb"
  [ -d "$source_ledger/hooks" ] && cp -r "$source_ledger/hooks" "$ARCTL_DIR"/
  [ -d "$source_ledger/templates" ] && cp -r "$source_ledger/templates" "$ARCTL_DIR"/
else
  "$arctl" -q restore "$source_ledger"
fi

"$arctl" check
status=0
"$arctl" close "$period" --out "$artefacts" || status=$?
rm -f "$artefacts/$period/ledger-after-close.mdb"
"$arctl" -q backup "$artefacts/$period/ledger-after-close.mdb"
"$arctl" log --verify --format json >"$artefacts/$period/journal-head.json"
echo "Artefacts of the $period close are in $artefacts/$period"
exit "$status"
