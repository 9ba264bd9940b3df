#!/usr/bin/env bash
# Eight writers at once, each importing CONC8_BATCHES bank files of 50
# receipts and running `payment auto` after each file, while readers loop `aging`,
# `credit check` and `check`. Afterwards every receipt is present once and
# applied, every balance equals its recomputation and the journal is one
# chain; every read saw whole transactions only (see the invariants below).
source "$(dirname "$0")/lib.sh"

writers=8
# CONC8_BATCHES bank files per writer (default 5); the sanitizer build and
# the PostgreSQL twin run fewer (tests/cli/CMakeLists.txt), a long run more
# (tests/README.md).
batches=${CONC8_BATCHES:-5}
per_batch=50
per_writer=$((batches * per_batch))
extra=100 # invoices per customer left unpaid

L="$tmp/ledger"
new_ledger "$L"

# Customer Wn owns invoices INV-n-0001..INV-n-1100, 10.00 each, due
# 2026-02-14 (45 days past due on 2026-03-31: the 31-60 bucket). Writer n pays
# the first 1,000 of them, each receipt naming its invoice.
python3 - "$tmp" "$writers" "$batches" "$per_batch" "$extra" <<'PY'
import sys
tmp, writers, batches, per_batch, extra = sys.argv[1], *map(int, sys.argv[2:])
with open(f"{tmp}/customers.csv", "w") as f:
    f.write("id,name,credit_limit\n")
    for w in range(1, writers + 1):
        f.write(f"W{w},Writer {w} Ltd,6000.00\n")
with open(f"{tmp}/invoices.csv", "w") as f:
    f.write("id,customer,date,due,amount\n")
    for w in range(1, writers + 1):
        for i in range(1, batches * per_batch + extra + 1):
            f.write(f"INV-{w}-{i:04d},W{w},2026-01-15,2026-02-14,10.00\n")
for w in range(1, writers + 1):
    for b in range(batches):
        with open(f"{tmp}/bank-{w}-{b:02d}.csv", "w") as f:
            f.write("entry_ref,date,amount,reference\n")
            for i in range(b * per_batch + 1, (b + 1) * per_batch + 1):
                f.write(f"W{w}-{i:04d},2026-03-31,10.00,INV-{w}-{i:04d}\n")
PY
arctl -C "$L" -q customer import "$tmp/customers.csv" >/dev/null
arctl -C "$L" -q invoice import "$tmp/invoices.csv" >/dev/null
base=$(event_count "$L")

# writer N: imports its bank files one at a time, each followed by
# `payment auto` (which applies every unapplied receipt, any writer's), then
# imports its first file again, which must add nothing.
writer() {
  local w=$1 b
  for ((b = 0; b < batches; b++)); do
    "$ARCTL_BIN" -C "$L" -q payment import "$tmp/bank-$w-$(printf %02d "$b").csv" --format csv \
      >/dev/null 2>>"$tmp/W$w.stderr" || echo "import $b exit $?" >>"$tmp/W$w.failed"
    "$ARCTL_BIN" -C "$L" -q payment auto >/dev/null 2>>"$tmp/W$w.stderr" ||
      echo "auto $b exit $?" >>"$tmp/W$w.failed"
  done
  "$ARCTL_BIN" -C "$L" --format json payment import "$tmp/bank-$w-00.csv" --format csv \
    >"$tmp/W$w.again" 2>>"$tmp/W$w.stderr" || echo "import again exit $?" >>"$tmp/W$w.failed"
}

# Invariants of one aging snapshot (one read transaction), per customer:
# imports add receipts 50 at a time and each `payment auto` applies every
# unapplied receipt, so the open invoices (the 31-60 bucket, 10.00 each) and
# the unapplied receipts (negative, in current) are both multiples of 50
# items; the counts agree with the amounts; nothing is in other buckets; and
# no later snapshot shows fewer receipts or applications than an earlier one.
cat >"$tmp/aging_check.py" <<'PY'
import json, sys
state_file, writers, per_writer, extra, per_batch = sys.argv[1], *map(int, sys.argv[2:])
rows = json.load(sys.stdin)
try:
    seen = json.load(open(state_file))
except (OSError, ValueError):
    seen = {}
bad = []
cents = lambda s: int(s.replace(".", ""))
customers = [r for r in rows if r["row"] == "customer"]
if sorted(r["customer"] for r in customers) != sorted(f"W{w}" for w in range(1, writers + 1)):
    bad.append("customers %s" % [r["customer"] for r in customers])
for r in customers:
    c, inv, cur = r["customer"], cents(r["31-60"]), cents(r["credits"])
    others = [k for k in ("current", "1-30", "61-90", "91-120", ">120") if cents(r[k]) != 0]
    open_inv, unapplied = inv // 1000, -cur // 1000
    applied = per_writer + extra - open_inv
    recorded = applied + unapplied
    if others or inv % 1000 or cur % 1000 or cur > 0:
        bad.append(f"{c}: amounts {r}")
    if cents(r["total"]) != inv + cur or r["items"] != open_inv + unapplied:
        bad.append(f"{c}: total/items disagree with buckets: {r}")
    if applied % per_batch or unapplied % per_batch or not 0 <= applied <= recorded <= per_writer:
        bad.append(f"{c}: half-applied: {applied} applied, {unapplied} unapplied")
    before = seen.get(c, [0, 0])
    if applied < before[0] or recorded < before[1]:
        bad.append(f"{c}: went back from {before} to {[applied, recorded]}")
    seen[c] = [applied, recorded]
total = [r for r in rows if r["row"] == "total"]
if len(total) != 1 or cents(total[0]["total"]) != sum(cents(r["total"]) for r in customers):
    bad.append(f"total row {total}")
json.dump(seen, open(state_file, "w"))
print("\n".join(bad))
PY

# aging_reader N: reads the aging until the writers are done.
aging_reader() {
  local n=0 out
  while [[ ! -e "$tmp/writers.done" ]]; do
    if out=$("$ARCTL_BIN" -C "$L" --format json aging 2>>"$tmp/readers.stderr"); then
      python3 "$tmp/aging_check.py" "$tmp/aging$1.state" "$writers" "$per_writer" "$extra" \
        "$per_batch" <<<"$out" >>"$tmp/readers.failed"
    else
      echo "aging exit $?" >>"$tmp/readers.failed"
    fi
    n=$((n + 1))
  done
  echo "$n" >"$tmp/aging$1.count"
}

# credit_reader: `credit check` answers from one snapshot: the exposure is
# the open invoices (a multiple of 50 x 10.00, never growing), the available
# credit is the 6,000.00 limit less it, and an order over it is blocked.
credit_reader() {
  local n=0 w rc out last
  declare -A last_exposure
  while [[ ! -e "$tmp/writers.done" ]]; do
    w=$((n % writers + 1))
    rc=0
    out=$("$ARCTL_BIN" -C "$L" --format json credit check "W$w" --amount 0.01 \
      2>>"$tmp/readers.stderr") || rc=$?
    last=${last_exposure[$w]:-$(((per_writer + extra) * 10)).00}
    python3 -c '
import json, sys
d, rc, last = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
cents = lambda s: int(s.replace(".", ""))
e = cents(d["exposure"])
over = e + 1 > 600000
bad = []
if e % 50000 or e > cents(last):
    bad.append("exposure %s after %s" % (d["exposure"], last))
if cents(d["available"]) != 600000 - e:
    bad.append("available %s for exposure %s" % (d["available"], d["exposure"]))
if rc != {"blocked": 10, "release": 0}.get(d["decision"]) or (over and rc != 10):
    bad.append("decision %s exit %d for exposure %s" % (d["decision"], rc, d["exposure"]))
print("\n".join("W%s: %s" % (d["customer"], b) for b in bad))
' "$out" "$rc" "$last" >>"$tmp/readers.failed" || echo "credit check W$w: $out" >>"$tmp/readers.failed"
    last_exposure[$w]=$(json 'd["exposure"]' <<<"$out")
    n=$((n + 1))
  done
  echo "$n" >"$tmp/credit.count"
}

# check_reader: `arctl check` recomputes every balance in one snapshot.
check_reader() {
  local n=0
  while [[ ! -e "$tmp/writers.done" ]]; do
    "$ARCTL_BIN" -C "$L" -q check >/dev/null 2>>"$tmp/readers.stderr" ||
      echo "check exit $?" >>"$tmp/readers.failed"
    n=$((n + 1))
  done
  echo "$n" >"$tmp/check.count"
}

case_ "8 writers and 4 readers run at once without a failed command"
touch "$tmp/readers.failed" "$tmp/readers.stderr"
started=$EPOCHREALTIME
pids=()
for ((w = 1; w <= writers; w++)); do
  touch "$tmp/W$w.failed" "$tmp/W$w.stderr"
  writer "$w" &
  pids+=($!)
done
aging_reader 1 &
r1=$!
aging_reader 2 &
r2=$!
credit_reader &
r3=$!
check_reader &
r4=$!
for p in "${pids[@]}"; do
  wait "$p"
done
touch "$tmp/writers.done"
wait "$r1" "$r2" "$r3" "$r4"
echo "concurrency8: writers took $(python3 -c "print('%.1f' % ($EPOCHREALTIME - $started))") s;" \
  "reads: aging $(cat "$tmp/aging1.count") + $(cat "$tmp/aging2.count")," \
  "credit check $(cat "$tmp/credit.count"), check $(cat "$tmp/check.count")"
for ((w = 1; w <= writers; w++)); do
  expect_eq "" "$(sed -n 1,5p "$tmp/W$w.failed" "$tmp/W$w.stderr")" "writer W$w failures"
  expect_eq '[0, 50]' "$(json '[d["created"], d["unchanged"]]' <"$tmp/W$w.again")" \
    "W$w's first bank file imported again"
done
expect_eq "" "$(sed -e '/^$/d' -e 10q "$tmp/readers.failed")" "invariants seen by readers"
expect_eq "" "$(sed -n 1,5p "$tmp/readers.stderr")" "reader stderr"
expect_true "every reader read more than once" test "$(cat "$tmp/aging1.count")" -gt 1 \
  -a "$(cat "$tmp/credit.count")" -gt 1 -a "$(cat "$tmp/check.count")" -gt 1

case_ "every receipt is present exactly once and fully applied to its invoice"
run arctl -C "$L" --format json payment list
cp "$tmp/.out" "$tmp/receipts.json"
expect_eq "$((writers * per_writer))" "$(json 'len(d)' <<<"$out")" "receipts"
expect_eq "$((writers * per_writer))" "$(json 'len(set(r["id"] for r in d))' <<<"$out")" "distinct receipts"
expect_eq true "$(json "sorted(r['id'] for r in d) == sorted('BANK-W%d-%04d' % (w, i)
  for w in range(1, $writers + 1) for i in range(1, $per_writer + 1))" <<<"$out")" "receipt ids"
expect_eq '[["applied", "0.00", "10.00"]]' \
  "$(json 'sorted(set((r["status"], r["unapplied"], r["amount"]) for r in d))' <<<"$out")" \
  "status, unapplied and amount of every receipt"
run arctl -C "$L" --format json invoice list --status all
cp "$tmp/.out" "$tmp/invoices.json"
invoices=$out
expect_eq "$((writers * (per_writer + extra)))" "$(json 'len(d)' <<<"$invoices")" "invoices"
expect_eq true "$(json "all((r['status'] == 'paid') == (int(r['id'][-4:]) <= $per_writer) for r in d)" \
  <<<"$invoices")" "exactly the invoices named by receipts are paid"

case_ "every balance equals its recomputation from the documents"
expect_exit 0 arctl -C "$L" --format csv customer list
python3 - "$out" "$tmp/invoices.json" "$tmp/receipts.json" >"$tmp/recomputed" <<'PY'
import csv, io, json, sys
from collections import defaultdict
cents = lambda s: int(s.replace(".", ""))
balances = {r["id"]: cents(r["balance"]) for r in csv.DictReader(io.StringIO(sys.argv[1]))}
want = defaultdict(int)
for i in json.load(open(sys.argv[2])):
    want[i["customer"]] += cents(i["total"])
for r in json.load(open(sys.argv[3])):
    want[r["customer"]] -= cents(r["amount"])
print(json.dumps(sorted(set(balances.items()) ^ set(want.items()))), sorted(set(balances.values())))
PY
expect_eq "[] [100000]" "$(cat "$tmp/recomputed")" \
  "balances that differ from invoiced - received; the balances (cents)"
expect_exit 0 arctl -C "$L" --format json check
expect_eq "[true, $((writers * (per_writer + extra) + writers * per_writer))]" \
  "$(json '[d["ok"], d["documents"]]' <<<"$out")" "check: ok, documents"

case_ "the journal is one linear chain holding every writer's transactions"
expect_exit 0 arctl -C "$L" --format json log --since $((base + 1))
expect_eq true "$(json "[e['seq'] for e in d] == list(range($base + 1, $base + 1 + len(d)))" <<<"$out")" \
  "sequence numbers without gaps"
expect_eq "$((writers * per_writer))" "$(json 'sum(e["type"] == "payment.recorded" for e in d)' <<<"$out")" \
  "payment.recorded events"
expect_eq "$((writers * per_writer))" "$(json 'sum(e["type"] == "payment.applied" for e in d)' <<<"$out")" \
  "payment.applied events"
# Otherwise nothing here ran concurrently: the writers' imports interleave.
expect_eq true "$(json '(lambda w: sum(a != b for a, b in zip(w, w[1:])) > 20)(
  [e["payload"]["id"].split("-")[1] for e in d if e["type"] == "payment.recorded"])' <<<"$out")" \
  "writers' imports interleave"
expect_exit 0 arctl -C "$L" --format json log --verify
expect_eq true "$(json 'd["verified"]' <<<"$out")" "log --verify"
