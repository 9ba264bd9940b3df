#!/usr/bin/env bash
# End-to-end: reports as of a past date read today's open items with the
# changes dated after it undone (the kernel's index of changes). On the
# sample ledger with reversals, voids, partial payments, credit notes,
# backdated applications, suspense receipts in two currencies, a bounced and
# a cancelled receipt and a moved one, every as-of report must be identical,
# byte for byte, to the replay of each customer's documents and applications
# (ARCTL_ASOF_REPLAY=1), at month-ends, mid-month days, the days of the
# changes, before the first document and after the last.
source "$ARCTL_TEST_LIB"
SAMPLE="$(cd "$(dirname "$0")/../../.." && pwd)/share/sample"

L="$tmp/ledger"
a() { arctl -C "$L" "$@"; }
w() { arctl -C "$L" -q --as-of 2026-05-31 "$@" >/dev/null; }
a -q init --currency USD >/dev/null
a -q customer import "$SAMPLE/customers.csv" >/dev/null
a -q invoice import "$SAMPLE/invoices.csv" >/dev/null
a -q payment import "$SAMPLE/bank.csv" --format csv >/dev/null
a -q --as-of 2026-04-02 payment auto >/dev/null

w customer add X1 --name "As-of one"
w customer add X2 --name "As-of two"
inv() { w invoice create --customer "$1" --id "$2" --date "$3" --line "Item;1;$4"; }
pay() { w payment record --customer "$1" --id "$2" --date "$3" --amount "$4"; }
# Applied in January, reversed in March, voided with a February date: as of
# a day in February it counts as never posted, and its receipt was applied.
inv X1 XI1 2026-01-05 100.00
pay X1 XR1 2026-01-10 100.00
w payment apply XR1 --invoice XI1 --date 2026-01-10
w payment unapply XR1 --date 2026-03-10
w invoice void XI1 --reason "raised twice" --date 2026-02-01
# Partial payments before and after, then a credit note after.
inv X1 XI2 2026-02-02 300.00
pay X1 XR2 2026-02-20 120.00
w payment apply XR2 --invoice XI2 --date 2026-02-20
pay X1 XR3 2026-04-10 50.00
w payment apply XR3 --invoice XI2 --date 2026-04-10
w invoice credit XI2 --amount 30.00 --reason damaged --date 2026-04-12
# Voided after the dates, and voided on its own day.
inv X1 XI3 2026-03-15 200.00
w invoice void XI3 --reason cancelled --date 2026-04-05
inv X1 XI4 2026-03-20 80.00
w invoice void XI4 --reason cancelled --date 2026-03-20
# Backdated: entered after everything above, dated in February.
inv X2 XI5 2026-01-20 70.00
pay X2 XR4 2026-02-05 70.00
w payment apply XR4 --invoice XI5 --date 2026-02-06
# Suspense receipts in two currencies, interleaved; one assigned and applied
# later.
w payment record --id XS1 --date 2026-03-25 --amount 40.00
w payment record --id XS2 --date 2026-03-05 --amount 25.00 --currency EUR
w payment record --id XS3 --date 2026-03-06 --amount 10.00
w payment record --id XS4 --date 2026-03-07 --amount 5.00 --currency EUR
inv X1 XI6 2026-03-01 40.00
w payment assign XS1 --customer X1
w payment apply XS1 --invoice XI6 --date 2026-04-20
# Applied in February, moved to another customer in April.
inv X1 XI7 2026-02-03 30.00
pay X1 XR5 2026-02-10 30.00
w payment apply XR5 --invoice XI7 --date 2026-02-10
w payment reassign XR5 --customer X2 --reason "paid by X2" --date 2026-04-22
# Sample receipts applied in February or March: one bounces in April, one is
# cancelled (reversed and voided) in April.
applied="$(a --format json payment list | json '" ".join(r["id"] for r in d if r["customer"] and r["status"] == "applied")')"
read -r bounced cancelled _ <<<"$applied"
w payment return "$bounced" --reason nsf --fee 25.00 --date 2026-04-15
w payment reverse "$cancelled" --reason "mis-keyed" --date 2026-04-18

dates=(2025-12-31 2026-01-01 2026-01-07 2026-01-10 2026-01-15 2026-01-31 2026-02-01 2026-02-05
  2026-02-06 2026-02-14 2026-02-15 2026-02-20 2026-02-28 2026-03-01 2026-03-10 2026-03-15
  2026-03-20 2026-03-31 2026-04-05 2026-04-10 2026-04-12 2026-04-15 2026-04-18 2026-04-30
  2026-05-15 2026-05-31 2026-12-31)

# as_of_reports D: the reports that read open items as of D, in csv: aging
# and credits on every date; on month-ends and the days of the later changes
# also the summary on the other basis, the notices due and DSO.
as_of_reports() {
  local d=$1
  a --format csv aging --as-of "$d"
  a --format csv report credits --as-of "$d"
  case "$d" in
    *-01-31 | *-02-28 | *-03-31 | *-04-30 | 2026-03-10 | 2026-04-05 | 2026-04-15 | 2026-12-31)
      a --format csv aging --as-of "$d" --basis invoice --by summary --buckets 15,45
      a --format csv --as-of "$d" notice run --dry-run --out "$tmp/notices"
      a --format csv report dso --period "${d:0:7}"
      ;;
  esac
}

case_ "the indexed answer is the replay's, on every date"
for d in "${dates[@]}"; do
  indexed="$(as_of_reports "$d")"
  replayed="$(ARCTL_ASOF_REPLAY=1 as_of_reports "$d")"
  expect_eq "$replayed" "$indexed" "reports as of $d"
done

case_ "a past date reads the index of changes; the reference replays"
expect_exit 0 a -vv --format csv aging --as-of 2026-02-15
expect_contains "$err" "as of 2026-02-15: today's open items less the changes after it" "index"
ARCTL_ASOF_REPLAY=1 expect_exit 0 a -vv --format csv aging --as-of 2026-02-15
expect_contains "$err" "as of 2026-02-15: replaying" "replay"

case_ "the changed documents stand as they did"
row() { json "[[r[\"total\"], r[\"items\"]] for r in d if r[\"row\"] == \"customer\" and r[\"customer\"] == \"$1\"]" <<<"$out"; }
expect_exit 0 a --format json aging --as-of 2026-02-15
# XI2 300 open; XI1 void on 1 February; XI7 paid by XR5, XR1 applied to XI1.
expect_eq '[["300.00", 1]]' "$(row X1)" "X1 on 15 February"
# XI5 paid by XR4 on 6 February; XR5 (X2's today) applied on 10 February.
expect_eq '[]' "$(row X2)" "X2 on 15 February"
expect_exit 0 a --format json aging --as-of 2026-03-31
# XI2 180, XI3 200 (void in April), XI6 40, XR1 -100 (reversed 10 March),
# XS1 -40 (X1's since; applied in April); XI4 void on its day.
expect_eq '[["280.00", 5]]' "$(row X1)" "X1 on 31 March"
expect_eq '["-25.00", "-5.00"]' \
  "$(json '[r["total"] for r in d if r["row"] == "customer" and r["currency"] == "EUR"]' <<<"$out")" \
  "suspense in EUR between USD rows, in the replay's order"
expect_exit 0 a --format json aging --as-of 2026-05-31
# XI2 100 after the credit note, XR1 -100, XI7 30 again (XR5 moved away).
expect_eq '[["30.00", 3]]' "$(row X1)" "X1 on 31 May"
