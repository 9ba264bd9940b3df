#!/usr/bin/env bash
# Crash safety: a large invoice import, a bank import followed by `payment
# auto`, and a month-end close are killed with SIGKILL at random points. After
# every kill `arctl check` passes and the ledger is exactly the state before or
# after one of the transactions a complete run commits (same journal events,
# same content), never in between; the killed work then re-runs to the state
# of an uninterrupted run. CRASH_SEED and CRASH_TRIALS choose the run.
source "$(dirname "$0")/lib.sh"

seed=${CRASH_SEED:-$((($(date +%s%N) / 1000) % 1000000))}
trials=${CRASH_TRIALS:-15}
n_big=${CRASH_INVOICES:-5000}
echo "crash: seed $seed, $trials trials, $n_big invoices per import (CRASH_SEED=$seed to repeat)"
export ARCTL_TODAY=2026-04-02

# ---- the starting ledger and the input files (generated from the seed)
python3 - "$tmp" "$seed" "$n_big" <<'PY'
import random, sys
tmp, seed, n_big = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = random.Random(seed)
customers = [f"K{i:03d}" for i in range(1, 21)]
with open(f"{tmp}/customers.csv", "w") as f:
    f.write("id,name,terms,credit_limit\n")
    for i, c in enumerate(customers):
        f.write(f"{c},Crash Customer {c},net30,{(i % 5 + 1) * 20000}.00\n")
# 1,200 invoices over January to March: the close has items in every bucket.
amounts = {}
with open(f"{tmp}/invoices.csv", "w") as f:
    f.write("id,customer,date,amount\n")
    for i in range(1, 1201):
        c = customers[i % 20]
        a = f"{r.randint(1000, 500000) // 100}.{r.randint(0, 99):02d}"
        amounts[i] = (c, a)
        f.write(f"INV-{i:05d},{c},2026-{1 + i % 3:02d}-{1 + i % 28:02d},{a}\n")
# 300 receipts already in the ledger, unapplied: the close's payments step
# applies them (by reference, exact amount or left on account).
with open(f"{tmp}/bank-open.csv", "w") as f:
    f.write("entry_ref,date,amount,reference,payer\n")
    for i in range(1, 301):
        c, a = amounts[i]
        ref = f"INV-{i:05d}" if i % 3 else ""
        f.write(f"OPEN-{i:04d},2026-03-{1 + i % 28:02d},{a},{ref},Crash Customer {c}\n")
# The bank file of the payments scenario: 1,000 receipts naming other invoices.
with open(f"{tmp}/bank.csv", "w") as f:
    f.write("entry_ref,date,amount,reference\n")
    for i in range(301, 1301):
        c, a = amounts[(i - 301) % 900 + 301]
        f.write(f"PAY-{i:04d},2026-03-31,{a},INV-{(i - 301) % 900 + 301:05d}\n")
# The big import: one transaction of n_big invoices.
with open(f"{tmp}/big.csv", "w") as f:
    f.write("id,customer,date,amount,po\n")
    for i in range(1, n_big + 1):
        f.write(f"BIG-{i:06d},{customers[i % 20]},2026-03-{1 + i % 28:02d},"
                f"{r.randint(100, 100000) // 100}.{r.randint(0, 99):02d},PO-{i}\n")
PY

BASE="$tmp/base"
new_ledger "$BASE"
arctl -C "$BASE" -q customer import "$tmp/customers.csv" >/dev/null
arctl -C "$BASE" -q invoice import "$tmp/invoices.csv" >/dev/null
arctl -C "$BASE" -q payment import "$tmp/bank-open.csv" --format csv >/dev/null
base_seq=$(event_count "$BASE")
base_head=$(arctl -C "$BASE" --format json log --verify | json 'd["head"]')

# The work of each scenario, run against ledger DIR; KILL_AFTER (seconds, or
# empty) bounds the whole scenario, which is then killed with SIGKILL.
# Sets $killed to 1 when the signal landed (the work had not finished).
scenario() {
  local name=$1 dir=$2 limit=${3:-} start rc=0 left
  killed=0
  start=$EPOCHREALTIME
  case $name in
    import) bounded "$limit" "$ARCTL_BIN" -C "$dir" -q invoice import "$tmp/big.csv" || rc=$? ;;
    payments)
      bounded "$limit" "$ARCTL_BIN" -C "$dir" -q payment import "$tmp/bank.csv" --format csv || rc=$?
      if ((rc == 0)); then
        left=$(elapsed_left "$start" "$limit")
        if [[ "$left" == "0" ]]; then
          killed=1
          return 0
        fi
        bounded "$left" "$ARCTL_BIN" -C "$dir" -q payment auto || rc=$?
      fi
      ;;
    close)
      bounded "$limit" "$ARCTL_BIN" -C "$dir" -q close 2026-03 --out "$tmp/closes" || rc=$?
      ;;
  esac
  if ((rc == 137)); then
    killed=1
  elif ((rc == 124)); then
    # timeout(1) says 124 when its deadline passed but the command exited on
    # its own before the signal could land: the work ended at the deadline,
    # with a status timeout does not pass on. The state checks decide.
    killed=0
  elif ((rc != 0)); then
    echo "scenario $name exited $rc" >&2
    return 1
  fi
}

# bounded SECONDS CMD...: runs CMD, killed with SIGKILL after SECONDS (none: unbounded).
bounded() {
  local limit=$1
  shift
  if [[ -z "$limit" ]]; then
    "$@" >/dev/null 2>>"$tmp/scenario.stderr"
  else
    timeout --foreground -s KILL "$limit" "$@" >/dev/null 2>>"$tmp/scenario.stderr"
  fi
}

# elapsed_left START LIMIT: what is left of LIMIT seconds since START ("" if unbounded, "0" if none).
elapsed_left() {
  [[ -z "$2" ]] && return 0
  python3 -c 'import sys; l = float(sys.argv[2]) - (float(sys.argv[3]) - float(sys.argv[1]))
print("%.3f" % l if l > 0.001 else "0")' "$1" "$2" "$EPOCHREALTIME"
}

# journal_after DIR: the ledger's events after the base, without what differs
# between runs of the same work (time, hash, command line, actor, and a
# wall-clock "time" a plugin may put in its payload).
journal_after() {
  "$ARCTL_BIN" -C "$1" --format jsonl log --since $((base_seq + 1)) | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    p = e["payload"]
    if isinstance(p, dict):
        p.pop("time", None)
    print(json.dumps([e["seq"], e["txn"], e["type"], p], sort_keys=True))'
}

# content DIR: what a user sees of the ledger: every document, receipt,
# balance, the aging and the period lock.
content() {
  {
    "$ARCTL_BIN" -C "$1" --format json invoice list --status all
    "$ARCTL_BIN" -C "$1" --format json payment list
    "$ARCTL_BIN" -C "$1" --format csv customer list --status all
    "$ARCTL_BIN" -C "$1" --format json aging
    "$ARCTL_BIN" -C "$1" --format json period show
  } | sha256sum | cut -c1-64
}

# ---- reference runs: the states a complete run passes through
declare -A ref_time ref_final ref_content
for s in import payments close; do
  cp -a "$BASE" "$tmp/ref-$s"
  t0=$EPOCHREALTIME
  scenario "$s" "$tmp/ref-$s"
  ref_time[$s]=$(python3 -c 'import sys; print(float(sys.argv[2]) - float(sys.argv[1]))' "$t0" "$EPOCHREALTIME")
  journal_after "$tmp/ref-$s" >"$tmp/ref-$s.journal"
  # Committed states: the base and the end of every transaction.
  python3 - "$tmp/ref-$s.journal" "$base_seq" >"$tmp/ref-$s.bounds" <<'PY'
import json, sys
events = [json.loads(l) for l in open(sys.argv[1])]
ends = [e[0] for i, e in enumerate(events) if i + 1 == len(events) or events[i + 1][1] != e[1]]
print(" ".join(map(str, [int(sys.argv[2])] + ends)))
PY
  ref_final[$s]=$(awk '{print $NF}' "$tmp/ref-$s.bounds")
  ref_content[$s]=$(content "$tmp/ref-$s")
  echo "crash: reference $s: ${ref_time[$s]:0:5} s, $(wc -w <"$tmp/ref-$s.bounds") committed states, events $base_seq..${ref_final[$s]}"
done
base_content=$(content "$BASE")

case_ "the scenarios write something and their reference runs check clean"
for s in import payments close; do
  expect_exit 0 arctl -C "$tmp/ref-$s" check
  expect_true "$s commits transactions" test "${ref_final[$s]}" -gt "$base_seq"
done

# ---- the trials
python3 - "$seed" "$trials" >"$tmp/plan" <<'PY'
import random, sys
r = random.Random(int(sys.argv[1]) * 7919 + 1)
names = ["import", "payments", "close"]
for t in range(int(sys.argv[2])):
    # Most kills land anywhere in the run, a few after it ends (nothing to
    # kill); every other import is aimed at its commit, near the end.
    near_commit = t % 3 == 0 and (t // 3) % 2 == 1
    print(names[t % 3], "%.4f" % (r.uniform(0.85, 1.05) if near_commit else r.uniform(0.0, 1.15)))
PY

declare -A tally
trial=0
while read -r s frac; do
  trial=$((trial + 1))
  case_ "trial $trial: $s killed at ${frac} of its run"
  T="$tmp/trial"
  rm -rf "$T"
  cp -a "$BASE" "$T"
  base_sum=$(cksum <"$T/data.mdb")
  limit=$(python3 -c 'import sys; print("%.3f" % max(0.001, float(sys.argv[1]) * float(sys.argv[2])))' \
    "$frac" "${ref_time[$s]}")
  scenario "$s" "$T" "$limit"

  run arctl -C "$T" --format json check
  expect_eq 0 "$rc" "arctl check after the kill (stderr: ${err:0:300})"
  seq=$(json 'd["journal_events"]' <<<"$out")
  head=$(json 'd["journal_head"]' <<<"$out")
  # The state must be one a complete run commits, event for event.
  if [[ " $(cat "$tmp/ref-$s.bounds") " != *" $seq "* ]]; then
    fail "journal ends at $seq, not at a committed state of $s ($(cat "$tmp/ref-$s.bounds"))"
    continue
  fi
  journal_after "$T" >"$tmp/trial.journal"
  expect_eq "" "$(head -n $((seq - base_seq)) "$tmp/ref-$s.journal" | diff - "$tmp/trial.journal" | sed -n 1,5p)" \
    "journal events against the complete run's first $((seq - base_seq))"
  if ((seq == base_seq)); then
    expect_eq "$base_head" "$head" "journal head of an untouched ledger"
    expect_eq "$base_content" "$(content "$T")" "content of an untouched ledger"
    if [[ "$(cksum <"$T/data.mdb")" != "$base_sum" ]]; then
      where="during commit (pages written, not the meta page)"
    elif ((killed)); then
      where="before commit"
    else
      where="?"
    fi
  elif ((seq == ${ref_final[$s]})); then
    expect_eq "${ref_content[$s]}" "$(content "$T")" "content after the last commit"
    where=$([[ $killed == 1 ]] && echo "after the last commit" || echo "after exit (not killed)")
  else
    where="between commits"
  fi
  tally[$s: $where]=$((${tally[$s: $where]:-0} + 1))

  # The interrupted work, run again, ends where a complete run ends.
  if ((seq != ${ref_final[$s]})); then
    scenario "$s" "$T"
    expect_eq "${ref_content[$s]}" "$(content "$T")" "content after re-running $s"
    run arctl -C "$T" --format json check
    expect_eq 0 "$rc" "arctl check after re-running $s"
    if [[ $s != close ]]; then
      # One transaction per command: the re-run writes the complete run's events.
      expect_eq "$(cat "$tmp/ref-$s.journal")" "$(journal_after "$T")" "journal after re-running $s"
    fi
  fi
done <"$tmp/plan"

echo "crash: where the kills landed (seed $seed):"
for k in "${!tally[@]}"; do
  printf '  %-50s %d\n' "$k" "${tally[$k]}"
done | sort

case_ "no scenario failed for a reason other than the kill"
expect_eq "" "$(sed -n 1,5p "$tmp/scenario.stderr")" "scenario stderr"
