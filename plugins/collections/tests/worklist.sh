#!/usr/bin/env bash
# End-to-end: the worklist on a hand-built ledger of six customers, its order
# checked against scores computed here from the documented default weights,
# --explain term by term, the scheduled customer left out, filters, formats
# and a group listed once under its parent.
source "$ARCTL_TEST_LIB"

# The documented defaults (collections.weight.*): points per 1,000.00 past due
# by age bucket, points per event, per day since the last contact (capped).
w_1_30=1.00 w_31_60=2.00 w_61_90=3.00 w_91=5.00
w_promise_due=20.00 w_promise_broken=30.00 w_dispute_sla=15.00
w_next_action=10.00 w_hold=10.00 w_day=0.50 day_cap=30 w_stage_legal=10.00
pts() { python3 -c "import sys; print('%.2f' % eval(sys.argv[1]))" "$1"; }

start_ledger BIG "Big Buyer" PROM "Promiser" BRK "Breaker" DSP "Disputer" SCHED "Scheduled" \
  LEGAL "Litigant"
inv() { a -q invoice create --customer "$1" --id "$2" --date "$3" --line "Goods;1;$4" >/dev/null; }
# net30. Days past due on 2026-03-31:
inv BIG INV-BIG 2026-01-20 12000.00     # due 02-19: 40 days
inv PROM INV-PROM 2026-02-09 3000.00    # due 03-11: 20 days
inv BRK INV-BRK 2026-02-14 2000.00      # due 03-16: 15 days
inv DSP INV-DSP 2026-02-04 5000.00      # due 03-06: 25 days
inv SCHED INV-SCHED 2026-01-30 1000.00  # due 03-01: 30 days
inv LEGAL INV-LEGAL 2025-11-01 10000.00 # due 2025-12-01: 120 days
a -q --as-of 2026-03-20 promise add PROM --amount 1000.00 --date 2026-03-31 >/dev/null
a -q --as-of 2026-03-20 promise add BRK --amount 1000.00 --date 2026-03-29 >/dev/null
a -q promise check --as-of 2026-03-30 >/dev/null # BRK's promise broke on 03-30, yesterday
# Opened 03-20 at the first level (analyst, SLA 5 days): past its SLA from 03-26.
a -q --as-of 2026-03-20 dispute open --invoice INV-DSP --amount 1000.00 --reason price >/dev/null
a -q --as-of 2026-03-30 activity add SCHED --type call --note "pays next week" \
  --next-action 2026-04-07 >/dev/null
a -q contact add BIG --name "Ann Lee" --phone "+1 555 010 2030" --email ann@big.example --preferred call >/dev/null
a -q portfolio assign BIG PROM --collector ana >/dev/null
a -q collection stage LEGAL legal --reason "court filing" >/dev/null
# BRK's hold blocks an order sales is waiting on; LEGAL's blocks none.
a -q credit order BRK --order-id SO-1 --amount 500.00 >/dev/null

case_ "the holds plugin put BRK on hold when its promise broke"
run a --format json hold list
expect_contains "$out" '"BRK"' "BRK on hold"
expect_eq "collection_stage" "$(json '" ".join(r["reason"] for r in d if r["customer"] == "LEGAL")' <<<"$out")" \
  "LEGAL on hold for its stage"

case_ "order and scores as computed by hand; the scheduled customer is left out"
big=$(pts "$w_31_60*12 + $w_day*$day_cap")                                  # 39.00
prom=$(pts "$w_1_30*3 + $w_promise_due + $w_day*$day_cap")                  # 38.00
brk=$(pts "$w_1_30*2 + $w_promise_broken + $w_hold + $w_day*$day_cap")      # 57.00
dsp=$(pts "$w_1_30*4 + $w_dispute_sla + $w_day*$day_cap")                   # 34.00: 1000.00 disputed
legal=$(pts "$w_91*10 + $w_stage_legal + $w_day*$day_cap")               # 75.00: a hold, no orders
expect_exit 0 a --format json worklist
expect_eq "LEGAL BRK BIG PROM DSP" "$(json '" ".join(r["customer"] for r in d)' <<<"$out")" "order"
expect_eq "$brk $big $prom $dsp" "$(json '" ".join(r["score"] for r in d[1:])' <<<"$out")" "scores"
expect_eq "1 2 3 4 5" "$(json '" ".join(str(r["rank"]) for r in d)' <<<"$out")" "ranks"
expect_eq "$legal escalate" "$(json 'd[0]["score"] + " " + d[0]["action"]' <<<"$out")" \
  "LEGAL: its stage scores, its hold blocks no order, and it is escalated"
expect_contains "$(json 'd[0]["reasons"]' <<<"$out")" "hold: on credit hold" "LEGAL's reasons name the hold"
expect_contains "$(json 'd[1]["reasons"]' <<<"$out")" "orders waiting" "BRK's hold blocks an order"
expect_eq "12000.00 40 ana" "$(json '" ".join([d[2]["past_due"], str(d[2]["oldest_days"]), d[2]["collector"]])' <<<"$out")" \
  "BIG's past due, age, collector"
expect_eq "4000.00" "$(json 'd[4]["past_due"]' <<<"$out")" "the disputed part is not past due"
expect_eq "Ann Lee|+1 555 010 2030" "$(json 'd[2]["contact"] + "|" + d[2]["reach"]' <<<"$out")" "contact"
expect_contains "$(json 'd[1]["reasons"]' <<<"$out")" "promise-broken" "BRK's reasons"
expect_contains "$(json 'd[3]["reasons"]' <<<"$out")" "promise-due" "PROM's reasons"
expect_contains "$(json 'd[4]["reasons"]' <<<"$out")" "dispute-sla" "DSP's reasons"
expect_eq "ok" "$(json '"ok" if all(r["action"] in ("call","email","letter","escalate") for r in d) else d' <<<"$out")" \
  "actions"

case_ "--all shows the scheduled customer with reason scheduled"
expect_exit 0 a --format json worklist --all
expect_eq "SCHED $(pts "$w_1_30*1 + $w_day*1")" \
  "$(json '" ".join([d[-1]["customer"], d[-1]["score"]])' <<<"$out")" "SCHED last"
expect_contains "$(json 'd[-1]["reasons"]' <<<"$out")" "scheduled"

case_ "--explain prints each term: input, weight, points, and the total"
expect_exit 0 a --format json worklist --explain BIG
expect_eq "12000.00 $w_31_60 24.00" \
  "$(json '" ".join(str(r[k]) for r in d if r["term"]=="past_due_31_60" for k in ("input","weight","points"))' <<<"$out")" \
  "past due 31-60"
expect_eq "30 $w_day 15.00" \
  "$(json '" ".join(str(r[k]) for r in d if r["term"]=="days_since_contact" for k in ("input","weight","points"))' <<<"$out")" \
  "days since contact"
expect_eq "$big" "$(json '[r["points"] for r in d if r["term"]=="total"][0]' <<<"$out")" "total"
expect_contains "$(json '[r["term"] for r in d]' <<<"$out")" "stage" "the stage term is listed"
expect_exit 3 a worklist --explain NOBODY

case_ "a changed weight changes the score: collections.weight.promise_due 50"
a -q config set collections.weight.promise_due 50 >/dev/null
expect_exit 0 a --format json worklist --explain PROM
expect_eq "$(pts "$w_1_30*3 + 50 + $w_day*$day_cap")" \
  "$(json '[r["points"] for r in d if r["term"]=="total"][0]' <<<"$out")" "PROM with promise_due 50"
expect_exit 4 a config set collections.weight.promise_due lots
a -q config unset collections.weight.promise_due >/dev/null

case_ "--collector, --limit and csv"
expect_exit 0 a --format json worklist --collector ana
expect_eq "BIG PROM" "$(json '" ".join(r["customer"] for r in d)' <<<"$out")" "ana's list"
expect_exit 0 a --format json worklist --limit 2
expect_eq "2" "$(json 'len(d)' <<<"$out")" "limit"
expect_exit 0 a --format csv worklist
expect_eq "rank customer score" "$(csv '" ".join([rows[0][0], rows[0][1], rows[0][4]])' <<<"$out")" "csv header"
expect_eq "LEGAL" "$(csv 'rows[1][1]' <<<"$out")" "csv first row"

case_ "a group is listed once, under its parent, covering its child's past due"
a -q customer add KID --name "Big's branch" --attr parent=BIG >/dev/null
inv KID INV-KID 2026-01-20 1000.00 # due 02-19: 40 days
expect_exit 0 a --format json worklist
expect_eq "-" "$(json '"+" if any(r["customer"]=="KID" for r in d) else "-"' <<<"$out")" "KID not listed"
expect_eq "13000.00 $(pts "$w_31_60*13 + $w_day*$day_cap")" \
  "$(json '" ".join(x for r in d if r["customer"]=="BIG" for x in (r["past_due"], r["score"]))' <<<"$out")" "BIG covers KID"

run arctl -C "$L" check
expect_eq "0" "$rc" "arctl check"
