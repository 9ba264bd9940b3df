#!/usr/bin/env bash
# Period locks: the lock date moves only forward; reopening needs a reason
# and is journaled.
source "$(dirname "$0")/lib.sh"

L="$tmp/ledger"
new_ledger "$L"

lock_of() {
  "$ARCTL_BIN" -C "$L" --format json period show | json 'd["locked_through"]'
}

case_ "a new ledger has no lock"
expect_exit 0 arctl -C "$L" --format json period show
expect_eq null "$(json 'd["locked_through"]' <<<"$out")" "locked_through"

case_ "period lock sets the lock date"
expect_exit 0 arctl -C "$L" period lock 2026-01-31
expect_eq 2026-01-31 "$(lock_of)" "locked_through"
expect_exit 0 arctl -C "$L" --format json log --type period.locked
expect_eq '[1, "2026-01-31"]' "$(json '[len(d), d[0]["payload"]["through"]]' <<<"$out")" \
  "period.locked events"

case_ "locking the same date again changes nothing"
before=$(event_count "$L")
expect_exit 0 arctl -C "$L" period lock 2026-01-31
expect_eq "$before" "$(event_count "$L")" "events"

case_ "locking an earlier date is refused (4)"
expect_exit 4 arctl -C "$L" period lock 2026-01-15
expect_eq 2026-01-31 "$(lock_of)" "locked_through after the refusal"
expect_eq "$before" "$(event_count "$L")" "events"

case_ "an invalid date is refused (4)"
expect_exit 4 arctl -C "$L" period lock 2026-02-30

case_ "period lock --dry-run writes nothing"
expect_exit 0 arctl -C "$L" period lock 2026-02-28 --dry-run
expect_eq 2026-01-31 "$(lock_of)" "locked_through after a dry run"

case_ "the lock moves forward"
expect_exit 0 arctl -C "$L" period lock 2026-02-28
expect_eq 2026-02-28 "$(lock_of)" "locked_through"

case_ "period reopen without --reason is a usage error (2)"
before=$(event_count "$L")
expect_exit 2 arctl -C "$L" period reopen
expect_exit 2 arctl -C "$L" period reopen --reason ""
expect_eq 2026-02-28 "$(lock_of)" "locked_through"
expect_eq "$before" "$(event_count "$L")" "events"

case_ "period reopen --to must move the lock back (4)"
expect_exit 4 arctl -C "$L" period reopen --reason "wrong way" --to 2026-03-31

case_ "period reopen with a reason removes the lock and is journaled"
expect_exit 0 arctl -C "$L" period reopen --reason "late supplier credit"
expect_eq null "$(lock_of)" "locked_through"
expect_exit 0 arctl -C "$L" --format json log --type period.reopened
expect_eq 1 "$(json 'len(d)' <<<"$out")" "period.reopened events"
expect_eq '["late supplier credit", "2026-02-28", null]' \
  "$(json '[d[0]["payload"][k] for k in ("reason", "previous", "lock")]' <<<"$out")" \
  "period.reopened payload"

case_ "reopening with nothing locked is refused (4)"
expect_exit 4 arctl -C "$L" period reopen --reason "again"

case_ "period reopen --to moves the lock to an earlier date"
expect_exit 0 arctl -C "$L" period lock 2026-03-31
expect_exit 0 arctl -C "$L" period reopen --reason "restate February" --to 2026-01-31
expect_eq 2026-01-31 "$(lock_of)" "locked_through"
expect_exit 0 arctl -C "$L" --format json log --type period.reopened
expect_eq '[2, "2026-01-31"]' "$(json '[len(d), d[0]["payload"]["lock"]]' <<<"$out")" \
  "period.reopened events"

case_ "the ledger checks clean"
expect_exit 0 arctl -C "$L" check
