#!/usr/bin/env bash
# Two processes adding N customers each at the same time (CONCURRENCY_ADDS,
# default 250; the sanitizer build runs fewer), with readers running
# alongside: every write lands, the journal stays one chain, and `arctl check`
# passes.
source "$(dirname "$0")/lib.sh"

L="$tmp/ledger"
new_ledger "$L"
base=$(event_count "$L")
n=${CONCURRENCY_ADDS:-250}
touch "$tmp/A.failed" "$tmp/B.failed" "$tmp/A.stderr" "$tmp/B.stderr" "$tmp/reader.failed" \
  "$tmp/reader.stderr"

# writer PREFIX: adds PREFIX0001..PREFIX<n> one process at a time; every
# failed command is appended to $tmp/PREFIX.failed.
writer() {
  local prefix=$1 i id
  for ((i = 1; i <= n; i++)); do
    printf -v id '%s%04d' "$prefix" "$i"
    "$ARCTL_BIN" -C "$L" -q customer add "$id" --name "Writer $prefix customer $i" \
      >/dev/null 2>>"$tmp/$prefix.stderr" || echo "$id exit $?" >>"$tmp/$prefix.failed"
  done
}

# reader: lists customers until the writers are done; a failed read is recorded.
reader() {
  while [[ ! -e "$tmp/writers.done" ]]; do
    "$ARCTL_BIN" -C "$L" --format json customer list >/dev/null 2>>"$tmp/reader.stderr" ||
      echo "list exit $?" >>"$tmp/reader.failed"
  done
}

case_ "two concurrent writers and a reader all succeed"
writer A &
pid_a=$!
writer B &
pid_b=$!
reader &
pid_r=$!
rc_a=0 rc_b=0
wait "$pid_a" || rc_a=$?
wait "$pid_b" || rc_b=$?
touch "$tmp/writers.done"
wait "$pid_r"
expect_eq 0 "$rc_a" "writer A loop status"
expect_eq 0 "$rc_b" "writer B loop status"
expect_eq "" "$(sed -n 1,5p "$tmp/A.failed" "$tmp/B.failed")" "failed adds"
expect_eq "" "$(sed -n 1,5p "$tmp/A.stderr" "$tmp/B.stderr")" "writer stderr"
expect_eq "" "$(sed -n 1,5p "$tmp/reader.failed" "$tmp/reader.stderr")" "failed reads"

case_ "all $((2 * n)) customers are present"
expect_exit 0 arctl -C "$L" --format json customer list
expect_eq $((2 * n)) "$(json 'len(d)' <<<"$out")" "customers"
expect_eq "[$n, $n]" \
  "$(json '[sum(c["id"].startswith(p) for c in d) for p in ("A", "B")]' <<<"$out")" \
  "customers per writer"
expect_eq "Writer B customer $n" "$(json 'd[-1]["name"]' <<<"$out")" "last customer's name"

case_ "the journal is one unbroken chain with an event per customer"
total=$((base + 2 * n))
expect_exit 0 arctl -C "$L" --format json log
expect_eq "$total" "$(json 'len(d)' <<<"$out")" "events"
expect_eq true "$(json "sorted(e['seq'] for e in d) == list(range(1, $total + 1))" <<<"$out")" \
  "event sequence numbers are 1..$total"
expect_eq $((2 * n)) "$(json 'sum(e["type"] == "customer.added" for e in d)' <<<"$out")" \
  "customer.added events"
# Otherwise this test proved nothing about concurrent writers.
expect_eq true "$(json '
sum(1 for a, b in zip(d, d[1:]) if a["payload"].get("id", "")[:1] != b["payload"].get("id", "")[:1]) > 10
' <<<"$out")" "the two writers' events interleave"

case_ "arctl check passes"
expect_exit 0 arctl -C "$L" --format json check
expect_eq "[true, $total, $((2 * n))]" \
  "$(json '[d["ok"], d["journal_events"], d["customers"]]' <<<"$out")" "check report"
expect_exit 0 arctl -C "$L" log --verify
